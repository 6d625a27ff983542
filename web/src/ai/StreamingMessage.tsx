import { memo, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useChatStore } from '../chat/chatStore';
import { Avatar } from '../shared/ui/Avatar';
import { Button } from '../shared/ui/Button';
import { AssistantText, preloadMarkdown } from './AssistantText';
import { stopReply } from './service';
import { ToolCalls } from './ToolCalls';
import { shownStreams, useAiStore } from './store';
import { ASSISTANT_USERNAME } from './types';

/** Row keys the message list uses for replies still streaming: `ai:<responseId>`. */
export const STREAM_KEY_PREFIX = 'ai:';

/**
 * The replies in a conversation that need their own row (streaming, or done but their stored message not here
 * yet), as message-list keys; `lastMine` is the newest one this user asked for (the list scrolls to it).
 */
export function useStreamRows(conversationId: string): { keys: string[]; lastMine: string | null } {
  const ids = useAiStore(useShallow((s) => shownStreams(s, conversationId)));
  const storedIds = useAiStore(useShallow((s) => ids.map((id) => s.streams[id]?.storedId ?? '')));
  const lastMine = useAiStore((s) => {
    for (let i = ids.length - 1; i >= 0; i--) if (s.streams[ids[i]]?.mine) return ids[i];
    return null;
  });
  // A reply whose stored message is already in the list shows as that message instead.
  const arrived = useChatStore(useShallow((s) => storedIds.map((id) => !!id && !!s.messages[id])));
  const keys = ids.filter((_, i) => !arrived[i]).map((id) => STREAM_KEY_PREFIX + id);
  return { keys, lastMine: lastMine && keys.includes(STREAM_KEY_PREFIX + lastMine) ? lastMine : null };
}

/** An assistant reply as it streams in: the text grows, with a Stop button for the person who asked. */
export const StreamingMessage = memo(function StreamingMessage({ rowKey }: { rowKey: string }) {
  const responseId = rowKey.slice(STREAM_KEY_PREFIX.length);
  const st = useAiStore((s) => s.streams[responseId]);
  const [stopError, setStopError] = useState<string | null>(null);
  useEffect(preloadMarkdown, []);
  if (!st) return null;
  const live = st.status === 'waiting' || st.status === 'streaming';
  const state =
    st.status === 'waiting'
      ? 'is thinking…'
      : st.status === 'streaming'
        ? 'is replying…'
        : st.status === 'failed'
          ? "couldn't finish"
          : st.status === 'interrupted'
            ? 'stopped before finishing'
            : st.status === 'cancelled'
              ? 'stopped'
              : '';

  return (
    <div data-testid="message-row">
      <article
        data-testid="ai-stream"
        data-response-id={responseId}
        data-status={st.status}
        aria-label={`${ASSISTANT_USERNAME}${state ? `, ${state}` : ''}`}
        aria-busy={live}
        className="relative flex gap-3 px-4 pt-2.5 pb-1"
      >
        <div className="w-9 shrink-0">
          <Avatar name={ASSISTANT_USERNAME} size={36} />
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline gap-2">
            <span className="text-sm font-semibold">{ASSISTANT_USERNAME}</span>
            {state && <span className="text-xs text-muted">{state}</span>}
          </div>
          <ToolCalls responseId={responseId} />
          {st.text ? (
            <AssistantText text={st.text} />
          ) : st.status === 'waiting' ? (
            <p className="flex h-6 items-center gap-1" aria-hidden="true">
              <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-muted [animation-delay:-0.3s]" />
              <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-muted [animation-delay:-0.15s]" />
              <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-muted" />
            </p>
          ) : null}
          {st.status === 'streaming' && <span className="ai-caret" aria-hidden="true" />}
          {st.status === 'failed' && (
            <div className="mt-1 flex flex-wrap items-start gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm" role="alert">
              <p className="min-w-0 flex-1 text-danger" data-testid="ai-stream-error">
                {st.error}
              </p>
              <Button className="px-2 py-0.5 text-xs" onClick={() => useAiStore.getState().dismiss(responseId)}>
                Dismiss
              </Button>
            </div>
          )}
          {st.status === 'interrupted' && (
            <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
              The assistant stopped before finishing this reply.
              <button
                type="button"
                className="font-semibold underline underline-offset-2"
                onClick={() => useAiStore.getState().dismiss(responseId)}
              >
                Dismiss
              </button>
            </p>
          )}
          {live && st.mine && (
            <div className="mt-1.5 flex flex-wrap items-center gap-2">
              <Button
                className="px-2.5 py-1 text-xs"
                disabled={st.stopping}
                data-testid="ai-stop"
                aria-label={st.stopping ? 'Stopping the reply' : "Stop the assistant's reply"}
                onClick={() => {
                  setStopError(null);
                  stopReply(responseId).catch((e: Error) => setStopError(e.message));
                }}
              >
                <span className="h-2.5 w-2.5 rounded-[2px] bg-current" aria-hidden="true" />
                {st.stopping ? 'Stopping…' : 'Stop'}
              </Button>
              {stopError && (
                <span className="text-xs text-danger" role="alert">
                  {stopError}
                </span>
              )}
            </div>
          )}
        </div>
      </article>
    </div>
  );
});
