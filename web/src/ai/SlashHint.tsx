import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SLASH_COMMANDS } from './commands';

type Command = (typeof SLASH_COMMANDS)[number];

export interface SlashHint {
  /** The hint (a listbox of matching commands, or the usage of the one being typed), or null. */
  hint: ReactNode;
  /** Handles the hint's keys first; true when it used the key. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
  /** ARIA wiring for the textarea (a textbox with a list of suggestions). */
  inputProps: {
    'aria-autocomplete': 'list';
    'aria-controls'?: string;
    'aria-activedescendant'?: string;
  };
}

/**
 * Suggests slash commands while one is typed: ↑/↓ choose, Tab or Enter complete, Esc hides. The textarea keeps focus
 * (aria-activedescendant points at the chosen option), so typing goes on undisturbed.
 */
export function useSlashHint({
  text,
  setText,
  inThread,
}: {
  text: string;
  setText: (t: string) => void;
  inThread: boolean;
}): SlashHint {
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const listId = useId();
  const commands = SLASH_COMMANDS.filter((c) => !inThread || c.threadOk);
  const typingName = /^\/\S*$/.test(text);
  const matches = typingName ? commands.filter((c) => c.name.startsWith(text.toLowerCase())) : [];
  const open = matches.length > 0 && dismissed !== text;
  const usage: Command | undefined = !typingName
    ? commands.find((c) => c.args && text.toLowerCase().startsWith(`${c.name} `))
    : undefined;

  useEffect(() => setActive(0), [text]);
  useEffect(() => {
    if (!text.startsWith('/')) setDismissed(null);
  }, [text]);

  const optionId = (i: number) => `${listId}-${i}`;
  const pick = (c: Command) => {
    setText(c.insert);
    setDismissed(c.insert);
  };

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    const current = matches[Math.min(active, matches.length - 1)];
    switch (e.key) {
      case 'ArrowDown':
        setActive((a) => (a + 1) % matches.length);
        break;
      case 'ArrowUp':
        setActive((a) => (a - 1 + matches.length) % matches.length);
        break;
      case 'Tab':
        if (e.shiftKey) return false;
        pick(current);
        break;
      case 'Enter':
        // A complete command that takes nothing more (e.g. "/summarize") is sent, not completed again.
        if (e.shiftKey || (text === current.insert.trim() && !current.args)) return false;
        pick(current);
        break;
      case 'Escape':
        setDismissed(text);
        break;
      default:
        return false;
    }
    e.preventDefault();
    return true;
  }

  let hint: ReactNode = null;
  if (open) {
    hint = (
      <div className="mb-2 rounded-lg border border-line bg-surface shadow-sm" data-testid="slash-hint">
        <div id={listId} role="listbox" aria-label="Commands">
          {matches.map((c, i) => (
            <div
              key={c.name}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(c)}
              className={`flex cursor-pointer flex-wrap items-baseline gap-x-2 px-3 py-1.5 text-sm ${
                i === active ? 'bg-accent-soft' : 'hover:bg-surface-2'
              }`}
            >
              <span className="font-mono font-semibold">
                {c.name}
                {c.args && <span className="font-normal text-muted"> {c.args}</span>}
              </span>
              <span className="text-muted">{c.what}</span>
            </div>
          ))}
        </div>
        <p className="border-t border-line px-3 py-1 text-xs text-muted" aria-live="polite">
          {matches.length} {matches.length === 1 ? 'command' : 'commands'} · ↑↓ to choose · Tab to complete · Esc to hide
        </p>
      </div>
    );
  } else if (usage) {
    hint = (
      <p className="mb-2 px-1 text-xs text-muted" data-testid="slash-usage">
        <span className="font-mono font-semibold">
          {usage.name} {usage.args}
        </span>{' '}
        — {usage.what}
      </p>
    );
  }

  return {
    hint,
    onKeyDown,
    inputProps: {
      'aria-autocomplete': 'list',
      ...(open ? { 'aria-controls': listId, 'aria-activedescendant': optionId(Math.min(active, matches.length - 1)) } : {}),
    },
  };
}
