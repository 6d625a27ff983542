import { api } from '../shared/api';
import type { SearchResult } from '../shared/types';
import { modeToAsk, useSearchStore, type SearchMode } from './searchStore';

interface SearchAnswer {
  results: SearchResult[];
  /** The search that ran (absent from servers older than the field: taken to be the one asked for). */
  mode?: SearchMode;
}

/**
 * Searches my conversations: Smart (hybrid) when `chosen` and not known to be unavailable, else Exact. Records
 * which mode answered, so the panel can say what produced the results and stop offering Smart where it cannot run.
 */
export async function searchMessages(q: string, chosen: SearchMode, signal?: AbortSignal): Promise<SearchResult[]> {
  const asked = modeToAsk({ chosen, hybridAvailable: useSearchStore.getState().hybridAvailable });
  const r = await api.get<SearchAnswer>('/api/chat/search', { query: { q, limit: 30, mode: asked }, signal });
  useSearchStore.getState().answered(asked, r.mode ?? asked);
  return r.results;
}
