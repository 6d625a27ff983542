import { beforeEach, describe, expect, it } from 'vitest';
import type { Participant } from '../shared/types';
import { seenBy, seenText, useReceiptStore } from './receiptStore';

const s = useReceiptStore.getState;
beforeEach(() => s().reset());

const C = 'c1';
const member = (userId: string, lastReadMessageId: string | null = null): Participant => ({
  userId,
  username: userId.replace('u-', ''),
  role: 'member',
  lastReadMessageId,
});
// Message ids sort by time (TSIDs): M1 < M2 < M3 < M4.
const [M1, M2, M3, M4] = ['0K1', '0K2', '0K3', '0K4'];
const ids = [M1, M2, M3, M4];
const author: Record<string, string> = { [M1]: 'u-me', [M2]: 'u-ada', [M3]: 'u-me', [M4]: 'u-bob' };
const authorOf = (id: string) => author[id];
const people = [member('u-me'), member('u-ada'), member('u-bob'), member('u-cy')];

describe('read positions', () => {
  it('are seeded from participants and moved forward by read_receipt, never back', () => {
    s().seed(C, [member('u-ada', M2), member('u-bob')]);
    expect(s().reads[C]).toEqual({ 'u-ada': M2 });
    s().receipt(C, 'u-ada', M3);
    s().receipt(C, 'u-ada', M1); // a late mark from another tab
    s().seed(C, [member('u-ada', M2)]); // an older list
    expect(s().reads[C]).toEqual({ 'u-ada': M3 });
    s().receipt(C, 'u-bob', M1);
    expect(s().reads[C]).toEqual({ 'u-ada': M3, 'u-bob': M1 });
  });

  it('an unchanged position leaves the state as it was (no re-render)', () => {
    s().receipt(C, 'u-ada', M2);
    const before = s().reads;
    s().receipt(C, 'u-ada', M2);
    s().seed(C, [member('u-ada', M1), member('u-bob', null)]);
    expect(s().reads).toBe(before);
  });
});

describe('seenBy', () => {
  it('marks the newest message others have read, with everyone who read that far', () => {
    const reads = { 'u-ada': M3, 'u-bob': M3, 'u-cy': M1 };
    expect(seenBy(reads, ids, authorOf, people, 'u-me')).toEqual({ messageId: M3, userIds: ['u-ada', 'u-bob'] });
  });

  it('a read position past the shown messages (a thread reply, a later page) marks the newest shown message', () => {
    expect(seenBy({ 'u-ada': '0K9' }, ids, authorOf, people, 'u-me')).toEqual({ messageId: M4, userIds: ['u-ada'] });
  });

  it('skips a message read only by its author, and never counts my own reads', () => {
    // bob read up to his own message M4: the mark goes on M3, the newest one he read of someone else's.
    const reads = { 'u-bob': M4, 'u-me': M4 };
    expect(seenBy(reads, ids, authorOf, people, 'u-me')).toEqual({ messageId: M3, userIds: ['u-bob'] });
    // ada read up to her own M2: M1.
    expect(seenBy({ 'u-ada': M2, 'u-me': M4 }, ids, authorOf, people, 'u-me')).toEqual({ messageId: M1, userIds: ['u-ada'] });
    expect(seenBy({ 'u-me': M4 }, ids, authorOf, people, 'u-me')).toBeNull();
  });

  it('leaves out people no longer in the room, and is null with nothing read or shown', () => {
    const stayed = [member('u-me'), member('u-ada')];
    expect(seenBy({ 'u-ada': M1, 'u-bob': M3 }, ids, authorOf, stayed, 'u-me')).toEqual({ messageId: M1, userIds: ['u-ada'] });
    expect(seenBy(undefined, ids, authorOf, people, 'u-me')).toBeNull();
    expect(seenBy({ 'u-ada': M3 }, [], authorOf, people, 'u-me')).toBeNull();
  });
});

describe('seenText', () => {
  it('says "Seen" in a direct chat and names readers in rooms', () => {
    expect(seenText(['ada'], true)).toBe('Seen');
    expect(seenText(['ada'], false)).toBe('Seen by ada');
    expect(seenText(['ada', 'bob'], false)).toBe('Seen by ada and bob');
    expect(seenText(['ada', 'bob', 'cy'], false)).toBe('Seen by ada, bob and cy');
    expect(seenText(['ada', 'bob', 'cy', 'dee', 'eve'], false)).toBe('Seen by ada, bob and 3 others');
    expect(seenText([], false)).toBe('');
  });
});
