import { useEffect, useState } from 'react';
import { describeError } from '../shared/errors';

/** Debounced async search with cancellation of stale requests. */
export function useSearch<T>(q: string, fn: (q: string, signal: AbortSignal) => Promise<T[]>, minLength = 1, delay = 200) {
  const [state, setState] = useState<{ items: T[]; loading: boolean; error: string | null }>({
    items: [],
    loading: false,
    error: null,
  });
  useEffect(() => {
    const query = q.trim();
    if (query.length < minLength) {
      setState({ items: [], loading: false, error: null });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    const t = setTimeout(() => {
      fn(query, ctrl.signal).then(
        (items) => setState({ items, loading: false, error: null }),
        (e) => {
          if (!ctrl.signal.aborted) setState({ items: [], loading: false, error: describeError(e) });
        },
      );
    }, delay);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [q, fn, minLength, delay]);
  return state;
}
