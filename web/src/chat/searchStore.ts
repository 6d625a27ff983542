import { create } from 'zustand';

/** `hybrid`: words and meaning (the assistant's embeddings) · `fulltext`: the words typed. */
export type SearchMode = 'hybrid' | 'fulltext';

/** Message search: which mode the person picked, whether the server can search by meaning, and what ran last. */
export interface SearchState {
  /** Smart unless the person picks Exact. */
  chosen: SearchMode;
  /** Unknown until an answer says: a hybrid request answered as `fulltext` means the server has no embeddings. */
  hybridAvailable: boolean | null;
  /** The mode that produced the results on screen; null before any. */
  shownMode: SearchMode | null;
  choose(mode: SearchMode): void;
  /** Records the server's answer to a search asked in `asked` mode. */
  answered(asked: SearchMode, got: SearchMode): void;
  reset(): void;
}

const initial = { chosen: 'hybrid' as SearchMode, hybridAvailable: null, shownMode: null };

export const useSearchStore = create<SearchState>((set) => ({
  ...initial,
  choose(chosen) {
    set({ chosen });
  },
  answered(asked, got) {
    set((s) => ({
      shownMode: got,
      hybridAvailable: asked === 'hybrid' ? got === 'hybrid' : s.hybridAvailable,
    }));
  },
  reset() {
    set({ ...initial });
  },
}));

/** The mode to ask for: Smart when chosen and not known to be unavailable. */
export function modeToAsk(s: Pick<SearchState, 'chosen' | 'hybridAvailable'>): SearchMode {
  return s.chosen === 'hybrid' && s.hybridAvailable !== false ? 'hybrid' : 'fulltext';
}

/** A line saying what produced the results on screen (and why Smart did not, when it was chosen). */
export function modeNote(s: Pick<SearchState, 'chosen' | 'hybridAvailable' | 'shownMode'>): string {
  if (!s.shownMode) return '';
  if (s.shownMode === 'hybrid') return 'Smart results: matching words and related meaning.';
  if (s.chosen === 'hybrid' && s.hybridAvailable === false) return 'Exact matches: smart search is not available on this server.';
  return 'Exact matches: messages containing these words.';
}
