import { useEffect, useRef } from 'react';
import { Spinner } from '../shared/ui/Avatar';
import { IconButton } from '../shared/ui/Button';
import { CloseIcon } from '../shared/ui/icons';
import { Composer } from './Composer';
import { useChatStore } from './chatStore';
import { MessageItem } from './MessageItem';

const EMPTY: string[] = [];

/** Replies to one root message. Thread histories are short, so this list is not virtualized. */
export function ThreadPanel({ rootId }: { rootId: string }) {
  const thread = useChatStore((s) => s.threads[rootId]);
  const root = useChatStore((s) => s.messages[rootId]);
  const ids = thread?.ids ?? EMPTY;
  const pending = thread?.pending ?? EMPTY;
  const all = [...ids, ...pending];
  const scrollRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const close = () => useChatStore.getState().setOpenThread(null);

  useEffect(() => {
    closeRef.current?.focus();
  }, [rootId]);

  useEffect(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [all.length]);

  const conversationId = root?.conversationId ?? thread?.conversationId;
  return (
    <aside
      role="complementary"
      aria-label="Thread"
      data-testid="thread-panel"
      className="fixed inset-0 z-20 flex flex-col bg-surface lg:static lg:z-auto lg:w-96 lg:border-l lg:border-line"
    >
      <div className="flex h-14 shrink-0 items-center gap-2 border-b border-line px-4">
        <h2 className="flex-1 text-base font-semibold">Thread</h2>
        <IconButton ref={closeRef} label="Close thread" onClick={close}>
          <CloseIcon />
        </IconButton>
      </div>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto pb-2" tabIndex={0} role="region" aria-label="Thread history">
        {root && <MessageItem id={rootId} context="thread" />}
        <div className="flex items-center gap-3 px-4 py-2">
          <span className="text-xs font-semibold text-muted">
            {ids.length} {ids.length === 1 ? 'reply' : 'replies'}
          </span>
          <span className="h-px flex-1 bg-line" />
        </div>
        {!thread?.loaded && !thread?.error && (
          <div className="px-4 py-2">
            <Spinner label="Loading thread" />
          </div>
        )}
        {thread?.error && (
          <p className="px-4 py-2 text-sm text-danger" role="alert">
            {thread.error}
          </p>
        )}
        {all.map((id, i) => (
          <MessageItem key={id} id={id} prevId={i > 0 ? all[i - 1] : rootId} context="thread" />
        ))}
      </div>
      {conversationId && <Composer conversationId={conversationId} threadId={rootId} />}
    </aside>
  );
}
