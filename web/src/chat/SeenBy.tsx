import { useMemo } from 'react';
import { useChatStore } from './chatStore';
import { seenBy, seenText, useReceiptStore } from './receiptStore';

const NONE: string[] = [];

/** "Seen by ada and bob" under the newest message others have read ("Seen" in a direct chat); nothing elsewhere. */
export function SeenBy({ conversationId, messageId }: { conversationId: string; messageId: string }) {
  const reads = useReceiptStore((s) => s.reads[conversationId]);
  const ids = useChatStore((s) => s.timelines[conversationId]?.ids ?? NONE);
  const c = useChatStore((s) => s.conversations[conversationId]);
  const me = useChatStore((s) => s.me);
  const text = useMemo(() => {
    // Authors never change, so reading them without subscribing to every message is safe.
    const seen = seenBy(reads, ids, (id) => useChatStore.getState().messages[id]?.userId, c?.participants, me);
    if (!seen || seen.messageId !== messageId) return '';
    const names = seen.userIds.map((u) => c?.participants?.find((p) => p.userId === u)?.username ?? 'someone');
    return seenText(names, c?.type === 'direct');
  }, [reads, ids, c, me, messageId]);
  if (!text) return null;
  return (
    <p className="mt-0.5 text-xs text-muted" data-testid="seen-by">
      {text}
    </p>
  );
}
