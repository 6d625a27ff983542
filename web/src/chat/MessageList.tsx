import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Spinner } from '../shared/ui/Avatar';
import { Button } from '../shared/ui/Button';
import { useChatStore, type Timeline } from './chatStore';
import { loadOlder } from './chatService';
import { MessageItem } from './MessageItem';
import { STREAM_KEY_PREFIX, StreamingMessage, useStreamRows } from '../ai/StreamingMessage';

const EMPTY: string[] = [];
const TOP_PAD = 56;

/**
 * The virtualized conversation history: only the rows in view (plus overscan) are in the DOM, so 10,000 messages
 * scroll as smoothly as 10. Older pages load when scrolling near the top (keeping the view anchored), and the list
 * sticks to the bottom for new messages while you are already there.
 */
export function MessageList({ conversationId }: { conversationId: string }) {
  const timeline: Timeline | undefined = useChatStore((s) => s.timelines[conversationId]);
  const ids = timeline?.ids ?? EMPTY;
  const pending = timeline?.pending ?? EMPTY;
  // Assistant replies still streaming come last, after our own unsent messages.
  const { keys: streamKeys, lastMine: lastMyStream } = useStreamRows(conversationId);
  const streamKey = streamKeys.join(' ');
  const all = useMemo(
    () => (pending.length || streamKey ? [...ids, ...pending, ...(streamKey ? streamKey.split(' ') : [])] : ids),
    [ids, pending, streamKey],
  );
  const highlightId = useChatStore((s) => s.highlightId);
  const jumping = useChatStore((s) => s.jumping);

  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const virtualizer = useVirtualizer({
    count: all.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 10,
    paddingStart: TOP_PAD,
    paddingEnd: 8,
    getItemKey: (i) => all[i],
  });
  const total = virtualizer.getTotalSize();

  // Keep the view anchored when older messages are prepended.
  const anchor = useRef<{ first: string | undefined; total: number }>({ first: undefined, total: 0 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const prev = anchor.current;
    const first = all[0];
    if (el && prev.first && first !== prev.first && all.includes(prev.first) && !stick.current) {
      el.scrollTop += total - prev.total;
    }
    anchor.current = { first, total };
  }, [all, total]);

  // Stick to the bottom: on first load, when new messages arrive while at the bottom, and as rows get measured.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && stick.current && !highlightId) el.scrollTop = el.scrollHeight;
  }, [total, all.length, highlightId]);

  // Your own new message always scrolls into view.
  const lastPending = pending[pending.length - 1];
  useEffect(() => {
    if (lastPending) {
      stick.current = true;
      const el = scrollRef.current;
      if (el) el.scrollTop = el.scrollHeight;
    }
  }, [lastPending]);

  // So does a reply we asked the assistant for, as it starts.
  useEffect(() => {
    if (lastMyStream) {
      stick.current = true;
      const el = scrollRef.current;
      if (el) el.scrollTop = el.scrollHeight;
    }
  }, [lastMyStream]);

  // Search jumps: scroll the target into the middle of the view.
  useEffect(() => {
    if (!highlightId) return;
    const idx = all.indexOf(highlightId);
    if (idx < 0) return;
    stick.current = false;
    virtualizer.scrollToIndex(idx, { align: 'center' });
    const t = setTimeout(() => useChatStore.getState().setHighlight(null), 2500);
    return () => clearTimeout(t);
  }, [highlightId, all, virtualizer]);

  const maybeLoadOlder = useCallback(() => {
    const el = scrollRef.current;
    if (el && el.scrollTop < 600) void loadOlder(conversationId);
  }, [conversationId]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    maybeLoadOlder();
  }, [maybeLoadOlder]);

  // When the first page doesn't fill the view, keep loading until it does (or history ends).
  useEffect(() => {
    const el = scrollRef.current;
    if (el && timeline?.loaded && timeline.hasMore && !timeline.loadingOlder && el.scrollHeight <= el.clientHeight + 600) {
      void loadOlder(conversationId);
    }
  }, [timeline?.loaded, timeline?.hasMore, timeline?.loadingOlder, total, conversationId]);

  useEffect(() => {
    stick.current = true;
  }, [conversationId]);

  if (!timeline?.loaded) {
    return (
      <div className="flex flex-1 items-center justify-center">
        <Spinner label="Loading messages" />
      </div>
    );
  }

  const items = virtualizer.getVirtualItems();
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {jumping && (
        <div className="pointer-events-none absolute inset-x-0 top-3 z-10 flex justify-center">
          <span className="rounded-full border border-line bg-surface px-3 py-1.5 shadow-sm">
            <Spinner label="Finding the message" />
            <span className="ml-2 text-sm text-muted" aria-hidden="true">
              Finding the message…
            </span>
          </span>
        </div>
      )}
      <div
        ref={scrollRef}
        onScroll={onScroll}
        role="region"
        aria-label="Chat history"
        tabIndex={0}
        data-testid="message-list"
        className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain focus-visible:outline-offset-[-2px]"
      >
        <div style={{ height: total, position: 'relative', width: '100%' }}>
          <div className="absolute inset-x-0 top-0 flex h-14 items-center justify-center" style={{ height: TOP_PAD }}>
            {timeline.loadingOlder ? (
              <Spinner label="Loading older messages" />
            ) : timeline.error ? (
              <span className="flex items-center gap-2 text-sm text-danger" role="alert">
                {timeline.error}
                <Button className="px-2 py-1" onClick={() => void loadOlder(conversationId)}>
                  Retry
                </Button>
              </span>
            ) : !timeline.hasMore ? (
              <span className="text-xs text-muted">
                {all.length ? 'This is the beginning of the conversation.' : 'No messages yet. Say hello!'}
              </span>
            ) : null}
          </div>
          <div
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${items[0]?.start ?? 0}px)` }}
          >
            {items.map((v) => (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement}>
                {all[v.index].startsWith(STREAM_KEY_PREFIX) ? (
                  <StreamingMessage rowKey={all[v.index]} />
                ) : (
                  <MessageItem id={all[v.index]} prevId={v.index > 0 ? all[v.index - 1] : undefined} context="main" />
                )}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
