import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ChatMessage } from '../chat/chatStore';
import { SparklesIcon } from './icons';
import { askAssistant, regenerateReply } from './service';
import { useAiStore } from './store';
import { ASSISTANT_USERNAME } from './types';

interface Item {
  label: string;
  testId: string;
  disabled?: boolean;
  run(): void;
}

/**
 * The assistant's entry in a message's action toolbar: a menu button with Regenerate (on the assistant's replies),
 * Summarize (the thread, the conversation) and Translate…. A menu-button pattern: arrows move, Esc closes.
 */
export function AiMessageActions({
  m,
  context,
  onError,
  onOpenChange,
}: {
  m: ChatMessage;
  context: 'main' | 'thread';
  onError: (message: string | null) => void;
  onOpenChange?: (open: boolean) => void;
}) {
  const [open, setOpenState] = useState(false);
  const [upward, setUpward] = useState(false);
  const regenerating = useAiStore((s) => !!s.regenerating[m.id]);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const setOpen = (o: boolean) => {
    setOpenState(o);
    onOpenChange?.(o);
  };
  const close = (focusButton = true) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  const isReply = m.username === ASSISTANT_USERNAME && !!m.replyTo;
  const threadRoot = m.threadId ?? (m.threadReplyCount > 0 || context === 'thread' ? m.id : null);
  const run = (f: () => Promise<unknown>) => {
    onError(null);
    f().catch((e: Error) => onError(e.message));
  };
  const items: Item[] = [];
  if (isReply)
    items.push({
      label: regenerating ? 'Regenerating…' : 'Regenerate',
      testId: 'ai-regenerate',
      disabled: regenerating,
      run: () => run(() => regenerateReply(m.conversationId, m.id)),
    });
  if (threadRoot)
    items.push({
      label: 'Summarize thread',
      testId: 'ai-summarize-thread',
      run: () => run(() => askAssistant({ conversationId: m.conversationId, message: '/summarize', threadId: threadRoot })),
    });
  if (context === 'main')
    items.push({
      label: 'Summarize conversation',
      testId: 'ai-summarize',
      run: () => run(() => askAssistant({ conversationId: m.conversationId, message: '/summarize' })),
    });
  items.push({
    label: 'Translate…',
    testId: 'ai-translate',
    run: () => useAiStore.getState().openTranslate({ conversationId: m.conversationId, messageId: m.id }),
  });

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function toggle() {
    if (open) return close();
    // Open upwards when the message is near the bottom of the window, so the menu is not cut off.
    const r = buttonRef.current?.getBoundingClientRect();
    setUpward(!!r && window.innerHeight - r.bottom < 200);
    setOpen(true);
  }

  function onMenuKey(e: KeyboardEvent<HTMLDivElement>) {
    const list = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []);
    const i = list.indexOf(document.activeElement as HTMLElement);
    const go = (j: number) => list[(j + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') return setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <span className="relative inline-flex">
      <button
        ref={buttonRef}
        type="button"
        aria-label="Assistant actions"
        title="Assistant actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid="ai-actions"
        onClick={toggle}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            toggle();
          }
        }}
        className="inline-flex h-8 w-8 items-center justify-center rounded-md text-muted hover:bg-surface-2 hover:text-fg"
      >
        <SparklesIcon />
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Assistant actions"
          onKeyDown={onMenuKey}
          className={`absolute right-0 z-30 w-56 rounded-lg border border-line bg-surface p-1 shadow-lg ${
            upward ? 'bottom-full mb-1' : 'top-full mt-1'
          }`}
        >
          {items.map((it) => (
            <button
              key={it.testId}
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={it.disabled}
              data-testid={it.testId}
              onClick={() => {
                close();
                it.run();
              }}
              className="block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-surface-2 focus:bg-surface-2 disabled:text-muted"
            >
              {it.label}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
