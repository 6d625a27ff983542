export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['Ctrl/⌘', 'K'], what: 'Quick switcher: jump to a conversation' },
  { keys: ['Enter'], what: 'Send the message' },
  { keys: ['Shift', 'Enter'], what: 'New line in the message' },
  { keys: ['↑'], what: 'In an empty composer: edit your last message' },
  { keys: ['/'], what: 'In the composer: commands (/summarize, /translate, /3d); ↑↓ choose, Tab completes' },
  { keys: ['Esc'], what: 'Close the open dialog, panel, reply or edit' },
  { keys: ['?'], what: 'Show this help (also Ctrl/⌘ + /)' },
];

export function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
}
