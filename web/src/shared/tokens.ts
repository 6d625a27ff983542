import type { User } from './types';

/**
 * The session tokens, kept in localStorage so a reload (or another tab) stays signed in.
 * A tiny observable so the API client, the socket and the account store agree on one source of truth.
 */
export interface Session {
  token: string;
  refreshToken: string;
  user: User;
}

const KEY = 'kiln.session';
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = load();

function load(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.token === 'string' && typeof s.refreshToken === 'string' && s.user && typeof s.user.id === 'string') {
      return s as Session;
    }
  } catch {
    /* corrupted storage: treat as signed out */
  }
  return null;
}

export const tokenStore = {
  get(): Session | null {
    return current;
  },
  /** Re-read storage (another tab may have refreshed the tokens). */
  reload(): Session | null {
    current = load();
    return current;
  },
  set(s: Session | null) {
    current = s;
    try {
      if (s) globalThis.localStorage?.setItem(KEY, JSON.stringify(s));
      else globalThis.localStorage?.removeItem(KEY);
    } catch {
      /* storage full or disabled: keep the in-memory session */
    }
    listeners.forEach((l) => l(s));
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
