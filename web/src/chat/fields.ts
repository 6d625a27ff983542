/** The text input look shared by the chat dialogs. */
export const inputClass =
  'block w-full rounded-lg border border-line bg-surface px-3 py-2 text-fg placeholder:text-muted focus:border-accent focus:outline-none';
