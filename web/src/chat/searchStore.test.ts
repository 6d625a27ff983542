import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { modeNote, modeToAsk, useSearchStore } from './searchStore';
import { searchMessages } from './searchService';

const s = useSearchStore.getState;
beforeEach(() => s().reset());
afterEach(() => vi.unstubAllGlobals());

/** Answers every request with `body`, remembering the URLs asked for. */
function serve(body: unknown) {
  const urls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      urls.push(new URL(String(input), 'http://kiln.test'));
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return urls;
}

const hit = { id: 'm1', conversationId: 'c1', message: 'Our flight to Lisbon', conversationName: 'Trips' };

describe('search mode', () => {
  it('is Smart by default, until the server says it cannot search by meaning', () => {
    expect(modeToAsk(s())).toBe('hybrid');
    s().answered('hybrid', 'hybrid');
    expect(s().hybridAvailable).toBe(true);
    expect(modeNote(s())).toBe('Smart results: matching words and related meaning.');

    s().answered('hybrid', 'fulltext');
    expect(s().hybridAvailable).toBe(false);
    expect(modeToAsk(s())).toBe('fulltext');
    expect(modeNote(s())).toBe('Exact matches: smart search is not available on this server.');
  });

  it('Exact, once picked, is asked for and described as the person’s choice', () => {
    s().choose('fulltext');
    expect(modeToAsk(s())).toBe('fulltext');
    s().answered('fulltext', 'fulltext');
    expect(s().hybridAvailable).toBeNull();
    expect(modeNote(s())).toBe('Exact matches: messages containing these words.');
    expect(modeNote({ ...s(), shownMode: null })).toBe('');
  });
});

describe('searchMessages', () => {
  it('asks for hybrid and records that the server ran it', async () => {
    const urls = serve({ results: [hit], mode: 'hybrid' });
    const results = await searchMessages('plane trip', 'hybrid');
    expect(results.map((r) => r.message)).toEqual(['Our flight to Lisbon']);
    expect(urls[0].pathname).toBe('/api/chat/search');
    expect(Object.fromEntries(urls[0].searchParams)).toEqual({ q: 'plane trip', limit: '30', mode: 'hybrid' });
    expect(s().shownMode).toBe('hybrid');
  });

  it('after a hybrid request was answered as full-text (embeddings off), asks for full-text', async () => {
    const urls = serve({ results: [hit], mode: 'fulltext' });
    await searchMessages('lisbon', 'hybrid');
    expect(s().hybridAvailable).toBe(false);
    expect(s().shownMode).toBe('fulltext');
    await searchMessages('lisbon flight', 'hybrid');
    expect(urls[1].searchParams.get('mode')).toBe('fulltext');
  });

  it('takes an answer without a mode (an older server) to be the mode asked for', async () => {
    serve({ results: [] });
    expect(await searchMessages('x y', 'fulltext')).toEqual([]);
    expect(s().shownMode).toBe('fulltext');
  });
});
