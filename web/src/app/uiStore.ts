import { create } from 'zustand';

export type DialogName = 'switcher' | 'help' | 'newRoom' | 'newDm' | 'browse' | 'search' | 'addMembers' | 'roomSettings';

/** Shell state: which dialog is open. One at a time keeps Esc and focus return simple. */
interface UiState {
  dialog: DialogName | null;
  open(d: DialogName): void;
  close(): void;
}

export const useUiStore = create<UiState>((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
