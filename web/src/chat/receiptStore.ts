import { create } from 'zustand';
import type { Participant } from '../shared/types';

/** Read receipts: how far each member has read, per conversation, as message ids (time-ordered strings). */
export interface ReceiptState {
  /** conversationId → userId → the newest message id they marked read. */
  reads: Record<string, Record<string, string>>;
  /** Read positions from participants' `lastReadMessageId` (history, lists, conversation_updated). */
  seed(conversationId: string, participants: Participant[] | undefined): void;
  /** `read_receipt`: a position only moves forward (an older mark from another tab changes nothing). */
  receipt(conversationId: string, userId: string, messageId: string): void;
  reset(): void;
}

function advanced(
  prev: Record<string, string> | undefined,
  userId: string,
  messageId: string,
): Record<string, string> | undefined {
  const known = prev?.[userId];
  return prev && known !== undefined && known >= messageId ? prev : { ...prev, [userId]: messageId };
}

export const useReceiptStore = create<ReceiptState>((set) => ({
  reads: {},
  seed(conversationId, participants) {
    set((s) => {
      let forConv: Record<string, string> | undefined = s.reads[conversationId];
      for (const p of participants ?? []) if (p.lastReadMessageId) forConv = advanced(forConv, p.userId, p.lastReadMessageId);
      return forConv === s.reads[conversationId] ? {} : { reads: { ...s.reads, [conversationId]: forConv! } };
    });
  },
  receipt(conversationId, userId, messageId) {
    set((s) => {
      const forConv = advanced(s.reads[conversationId], userId, messageId);
      return forConv === s.reads[conversationId] ? {} : { reads: { ...s.reads, [conversationId]: forConv! } };
    });
  },
  reset() {
    set({ reads: {} });
  },
}));

/** The message to mark as seen, and by whom (user ids, in participant order). */
export interface Seen {
  messageId: string;
  userIds: string[];
}

/**
 * The newest message of the timeline that someone other than me (and other than its author) has read, with everyone
 * who has read that far. Members no longer in the room are left out; null when nobody else has read anything shown.
 */
export function seenBy(
  reads: Record<string, string> | undefined,
  ids: string[],
  authorOf: (messageId: string) => string | undefined,
  participants: Participant[] | undefined,
  me: string | null,
): Seen | null {
  const members = participants?.map((p) => p.userId);
  const others = (members ?? Object.keys(reads ?? {})).filter((u) => u !== me && reads?.[u]);
  if (others.length === 0 || ids.length === 0) return null;
  const newest = others.reduce((a, u) => (reads![u] > a ? reads![u] : a), '');
  // Start at the newest shown message anyone has read up to, then walk back past messages read only by their author.
  let i = upperBound(ids, newest) - 1;
  for (; i >= 0; i--) {
    const id = ids[i];
    const author = authorOf(id);
    const readers = others.filter((u) => u !== author && reads![u] >= id);
    if (readers.length) return { messageId: id, userIds: readers };
  }
  return null;
}

/** The index of the first id greater than `id` in the sorted list. */
function upperBound(ids: string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "Seen" in a direct chat; "Seen by ada", "Seen by ada and bob", "Seen by ada, bob and 3 others" in rooms. */
export function seenText(names: string[], direct: boolean): string {
  if (names.length === 0) return '';
  if (direct) return 'Seen';
  if (names.length === 1) return `Seen by ${names[0]}`;
  if (names.length === 2) return `Seen by ${names[0]} and ${names[1]}`;
  if (names.length === 3) return `Seen by ${names[0]}, ${names[1]} and ${names[2]}`;
  return `Seen by ${names[0]}, ${names[1]} and ${names.length - 2} others`;
}
