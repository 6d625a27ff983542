import { create } from 'zustand';

export type Theme = 'light' | 'dark';
const KEY = 'kiln.theme';

const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

function apply(t: Theme) {
  const root = document.documentElement;
  root.classList.toggle('dark', t === 'dark');
  root.style.colorScheme = t;
}

interface ThemeState {
  /** The explicit choice, or null to follow the system. */
  preference: Theme | null;
  theme: Theme;
  toggle(): void;
  followSystem(): void;
}

const system = (): Theme => (media?.matches ? 'dark' : 'light');

export const useThemeStore = create<ThemeState>((set, get) => ({
  preference: stored(),
  theme: stored() ?? system(),
  toggle() {
    const next: Theme = get().theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, next);
    } catch {
      /* not persisted, still applied */
    }
    apply(next);
    set({ preference: next, theme: next });
  },
  followSystem() {
    try {
      localStorage.removeItem(KEY);
    } catch {
      /* ignore */
    }
    const t = system();
    apply(t);
    set({ preference: null, theme: t });
  },
}));

media?.addEventListener('change', () => {
  if (useThemeStore.getState().preference === null) {
    const t = system();
    apply(t);
    useThemeStore.setState({ theme: t });
  }
});
if (typeof document !== 'undefined') apply(useThemeStore.getState().theme);
