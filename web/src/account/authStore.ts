import { create } from 'zustand';
import { api, onSessionLost } from '../shared/api';
import { tokenStore, type Session } from '../shared/tokens';
import type { AuthResponse, User } from '../shared/types';

interface AuthState {
  user: User | null;
  /** Shown on the sign-in page after the session expired or was revoked. */
  notice: string | null;
  login(username: string, password: string): Promise<void>;
  register(username: string, email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  clearNotice(): void;
}

function adopt(r: AuthResponse): Session {
  const s = { token: r.token, refreshToken: r.refreshToken, user: r.user };
  tokenStore.set(s);
  return s;
}

export const useAuthStore = create<AuthState>((set) => ({
  user: tokenStore.get()?.user ?? null,
  notice: null,
  async login(username, password) {
    const r = await api.post<AuthResponse>('/api/auth/login', { username, password }, { anonymous: true });
    adopt(r);
    set({ notice: null });
  },
  async register(username, email, password) {
    const r = await api.post<AuthResponse>('/api/auth/register', { username, email, password }, { anonymous: true });
    adopt(r);
    set({ notice: null });
  },
  async logout() {
    const s = tokenStore.get();
    if (s) {
      // Best effort: revoke the refresh-token family on the server; sign out locally either way.
      await api.post('/api/auth/logout', { refreshToken: s.refreshToken }).catch(() => undefined);
    }
    tokenStore.set(null);
  },
  clearNotice() {
    set({ notice: null });
  },
}));

// Keep the store in step with the token store (refreshes, other tabs, a revoked session).
tokenStore.subscribe((s) => useAuthStore.setState({ user: s?.user ?? null }));
onSessionLost(() => useAuthStore.setState({ notice: 'Your session has ended. Sign in again to continue.' }));
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === 'kiln.session') tokenStore.set(tokenStore.reload());
  });
}
