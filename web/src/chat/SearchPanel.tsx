import { useCallback, useId, useState } from 'react';
import { navigate } from '../app/router';
import { formatShort } from '../shared/format';
import { Spinner } from '../shared/ui/Avatar';
import { TextField } from '../shared/ui/Field';
import type { SearchResult } from '../shared/types';
import { jumpToMessage } from './chatService';
import { modeNote, modeToAsk, useSearchStore, type SearchMode } from './searchStore';
import { searchMessages } from './searchService';
import { useSearch } from './useSearch';

const MODES: { mode: SearchMode; label: string; hint: string }[] = [
  { mode: 'hybrid', label: 'Smart (AI)', hint: 'Matching words and related meaning' },
  { mode: 'fulltext', label: 'Exact', hint: 'Only messages containing the words' },
];

/** Search across my conversations, Smart (full-text + meaning) or Exact; a result opens its message. */
export function SearchPanel({ onDone }: { onDone: () => void }) {
  const [q, setQ] = useState('');
  const chosen = useSearchStore((s) => s.chosen);
  // Searching again when the person switches mode; learning that Smart is unavailable needs no second search.
  const find = useCallback((query: string, signal: AbortSignal) => searchMessages(query, chosen, signal), [chosen]);
  const { items, loading, error } = useSearch<SearchResult>(q, find, 2, 250);
  const note = useSearchStore(modeNote);
  const searched = !loading && !error && q.trim().length >= 2;
  return (
    <div role="search">
      <TextField label="Search for" autoFocus value={q} onChange={(e) => setQ(e.target.value)} placeholder="Words in messages…" />
      <ModeToggle />
      <div className="mt-3 min-h-16" aria-live="polite">
        {loading && <Spinner label="Searching" />}
        {error && (
          <p className="text-sm text-danger" role="alert">
            {error}
          </p>
        )}
        {searched && note && (
          <p className="mb-2 text-xs text-muted" data-testid="search-mode">
            {note}
          </p>
        )}
        {searched && items.length === 0 && <p className="text-sm text-muted">No messages match “{q.trim()}”.</p>}
        {!loading && items.length > 0 && (
          <ul className="space-y-1" aria-label="Search results" data-testid="search-results">
            {items.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="block w-full rounded-lg px-3 py-2 text-left hover:bg-surface-2"
                  onClick={() => {
                    onDone();
                    navigate(m.conversationId);
                    void jumpToMessage(m.conversationId, m.id, m.threadId);
                  }}
                >
                  <span className="flex items-baseline gap-2 text-xs text-muted">
                    <span className="font-semibold text-fg">{m.username}</span>
                    <span>in {m.conversationName ?? 'a conversation'}</span>
                    <span className="ml-auto">{formatShort(m.createdAt)}</span>
                  </span>
                  <span className="mt-0.5 line-clamp-2 block text-sm">{highlight(m.message, q.trim())}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Smart / Exact as two radios; Smart is disabled once the server has said it cannot search by meaning. */
function ModeToggle() {
  const shown = useSearchStore(modeToAsk);
  const unavailable = useSearchStore((s) => s.hybridAvailable === false);
  const name = useId();
  return (
    <fieldset className="mt-2 flex flex-wrap items-center gap-2 text-sm">
      <legend className="sr-only">Search mode</legend>
      {MODES.map(({ mode, label, hint }) => {
        const off = mode === 'hybrid' && unavailable;
        const checked = shown === mode;
        return (
          <label
            key={mode}
            title={off ? 'Smart search is not available on this server' : hint}
            className={`flex items-center gap-1.5 rounded-full border px-3 py-1 ${
              checked ? 'border-accent bg-accent-soft text-accent-text' : 'border-line'
            } ${off ? 'cursor-not-allowed opacity-60' : 'cursor-pointer'}`}
          >
            <input
              type="radio"
              name={name}
              value={mode}
              checked={checked}
              disabled={off}
              aria-describedby={`${name}-${mode}`}
              onChange={() => useSearchStore.getState().choose(mode)}
              className="accent-[var(--accent)]"
            />
            {label}
          </label>
        );
      })}
      {MODES.map(({ mode, hint }) => (
        <span key={mode} id={`${name}-${mode}`} className="sr-only">
          {mode === 'hybrid' && unavailable ? 'Not available on this server' : hint}
        </span>
      ))}
    </fieldset>
  );
}

function highlight(text: string, q: string) {
  if (!q) return text;
  const i = text.toLowerCase().indexOf(q.toLowerCase());
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark className="rounded bg-accent-soft px-0.5 text-accent-text">{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}
