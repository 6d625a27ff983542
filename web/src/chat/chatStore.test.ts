import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../shared/types';
import { localId, mayRemove, mergeIds, selectConversationList, type ChatMessage, typingText, useChatStore } from './chatStore';

const ME = 'u-me';

const id = (n: number) => `0193-${String(n).padStart(6, '0')}`;

function msg(n: number, over: Partial<Message> = {}): Message {
  return {
    id: id(n),
    conversationId: 'c1',
    userId: 'u-ada',
    username: 'ada',
    message: `hello ${n}`,
    replyTo: null,
    replyPreview: null,
    threadId: null,
    threadReplyCount: 0,
    clientMessageId: null,
    attachments: [],
    reactions: [],
    mentions: [],
    editedAt: null,
    deletedAt: null,
    createdAt: new Date(1700000000000 + n * 1000).toISOString(),
    ...over,
  };
}

function conv(cid: string, over: Partial<Conversation> = {}): Conversation {
  return {
    conversationId: cid,
    name: cid,
    type: 'group',
    visibility: 'private',
    createdAt: '2026-01-01T00:00:00Z',
    memberCount: 2,
    unreadCount: 0,
    lastMessage: null,
    ...over,
  };
}

const s = () => useChatStore.getState();

beforeEach(() => {
  s().reset(ME);
  s().setConversations([conv('c1'), conv('c2')]);
});

describe('mergeIds', () => {
  it('keeps ids sorted and unique', () => {
    expect(mergeIds(['b', 'd'], ['c'])).toEqual(['b', 'c', 'd']);
    expect(mergeIds(['b', 'd'], ['e'])).toEqual(['b', 'd', 'e']);
    expect(mergeIds(['b', 'd'], ['d'])).toEqual(['b', 'd']);
    expect(mergeIds(['c', 'd'], ['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'd']);
    const same = ['a'];
    expect(mergeIds(same, ['a', 'a'])).toBe(same);
  });
});

describe('timeline', () => {
  it('merges pages (older pages prepend) and dedupes', () => {
    s().mergePage('c1', [msg(51), msg(52)], true);
    s().mergePage('c1', [msg(49), msg(50), msg(51)], false);
    const t = s().timelines.c1;
    expect(t.ids).toEqual([id(49), id(50), id(51), id(52)]);
    expect(t.hasMore).toBe(false);
    expect(t.loaded).toBe(true);
  });

  // Speed is measured in docs/benchmarks.md (scrolling 10,000 messages), not asserted here: this checks that
  // pages and live messages merge into one ordered timeline at that size.
  it('handles 10,000 messages', () => {
    const page = Array.from({ length: 10000 }, (_, i) => msg(i + 1));
    s().mergePage('c1', page.slice(5000), true);
    s().mergePage('c1', page.slice(0, 5000), false);
    expect(s().timelines.c1.ids.length).toBe(10000);
    for (let i = 0; i < 50; i++) s().receiveMessage(msg(10001 + i));
    const ids = s().timelines.c1.ids;
    expect(ids.length).toBe(10050);
    expect(ids[0]).toBe(id(1));
    expect(ids[9999]).toBe(id(10000));
    expect(ids[10049]).toBe(id(10050));
  });

  it('dedupes replayed new_message events', () => {
    s().mergePage('c1', [msg(1)], false);
    expect(s().receiveMessage(msg(2)).isNew).toBe(true);
    expect(s().receiveMessage(msg(2)).isNew).toBe(false);
    expect(s().timelines.c1.ids).toEqual([id(1), id(2)]);
  });

  it('keeps thread replies out of the main timeline and counts them on the root', () => {
    s().mergePage('c1', [msg(1)], false);
    s().receiveMessage(msg(2, { threadId: id(1) }));
    expect(s().timelines.c1.ids).toEqual([id(1)]);
    expect(s().messages[id(1)].threadReplyCount).toBe(1);
    s().receiveMessage(msg(2, { threadId: id(1) })); // replay: no double count
    expect(s().messages[id(1)].threadReplyCount).toBe(1);
  });

  it('adds thread replies to an open thread', () => {
    s().mergePage('c1', [msg(1)], false);
    s().setThread(id(1), 'c1', msg(1), [msg(2, { threadId: id(1) })]);
    s().receiveMessage(msg(3, { threadId: id(1) }));
    expect(s().threads[id(1)].ids).toEqual([id(2), id(3)]);
  });
});

describe('optimistic send', () => {
  function pending(cmid: string, over: Partial<ChatMessage> = {}): ChatMessage {
    return { ...msg(0), id: localId(cmid), userId: ME, username: 'me', clientMessageId: cmid, status: 'sending', ...over };
  }

  it('reconciles with the ack', () => {
    s().mergePage('c1', [msg(1)], false);
    s().addPending(pending('cm-1'));
    expect(s().timelines.c1.pending).toEqual([localId('cm-1')]);
    s().ackPending('cm-1', { messageId: id(5), createdAt: '2026-01-01T00:00:05Z' });
    expect(s().timelines.c1.pending).toEqual([]);
    expect(s().timelines.c1.ids).toEqual([id(1), id(5)]);
    expect(s().messages[localId('cm-1')]).toBeUndefined();
    expect(s().messages[id(5)].status).toBeUndefined();
    // The echoed new_message afterwards changes nothing.
    s().receiveMessage(msg(5, { userId: ME, clientMessageId: 'cm-1' }));
    expect(s().timelines.c1.ids).toEqual([id(1), id(5)]);
  });

  it('reconciles with the echoed new_message arriving before the ack', () => {
    s().mergePage('c1', [], false);
    s().addPending(pending('cm-2'));
    s().receiveMessage(msg(7, { userId: ME, clientMessageId: 'cm-2' }));
    expect(s().timelines.c1.pending).toEqual([]);
    expect(s().timelines.c1.ids).toEqual([id(7)]);
    s().ackPending('cm-2', { messageId: id(7), createdAt: 'x' });
    expect(s().timelines.c1.ids).toEqual([id(7)]);
    expect(Object.keys(s().messages)).toEqual([id(7)]);
  });

  it('marks failures and retries with the same clientMessageId', () => {
    s().mergePage('c1', [], false);
    s().addPending(pending('cm-3'));
    s().failPending('cm-3', 'Not sent');
    expect(s().messages[localId('cm-3')]).toMatchObject({ status: 'failed', error: 'Not sent', clientMessageId: 'cm-3' });
    s().retryPending('cm-3');
    expect(s().messages[localId('cm-3')].status).toBe('sending');
  });
});

describe('events', () => {
  beforeEach(() => s().mergePage('c1', [msg(1), msg(2)], false));

  it('renders deletes as tombstones', () => {
    s().applyDelete(id(1), '2026-01-01T00:00:00Z');
    expect(s().messages[id(1)]).toMatchObject({ message: '', attachments: [], deletedAt: '2026-01-01T00:00:00Z' });
    expect(s().timelines.c1.ids).toContain(id(1));
  });

  it('applies edits and reactions', () => {
    s().applyEdit({ ...msg(2), message: 'edited', editedAt: 'now' });
    expect(s().messages[id(2)].message).toBe('edited');
    s().applyReactions(id(2), [{ emoji: '👍', count: 1, userIds: [ME] }]);
    expect(s().messages[id(2)].reactions[0].count).toBe(1);
  });

  it('counts unread messages outside the open conversation only', () => {
    s().setActive('c1');
    s().receiveMessage(msg(3));
    expect(s().conversations.c1.unreadCount).toBe(0);
    s().receiveMessage(msg(4, { conversationId: 'c2' }));
    s().receiveMessage(msg(5, { conversationId: 'c2' }));
    s().receiveMessage(msg(6, { conversationId: 'c2', userId: ME }));
    expect(s().conversations.c2.unreadCount).toBe(2);
    expect(s().conversations.c2.lastMessage?.id).toBe(id(6));
    expect(selectConversationList(s())[0].conversationId).toBe('c2');
    s().setActive('c2');
    expect(s().conversations.c2.unreadCount).toBe(0);
  });

  it('tracks typing with expiry, and a message ends typing', () => {
    s().setTyping('c1', 'u-ada', 'ada', true, 1000);
    s().setTyping('c1', 'u-bob', 'bob', true, 1000);
    expect(typingText(Object.values(s().typing.c1))).toBe('ada and bob are typing…');
    s().receiveMessage(msg(3));
    expect(typingText(Object.values(s().typing.c1))).toBe('bob is typing…');
    s().pruneTyping(1000 + 7000);
    expect(typingText(Object.values(s().typing.c1))).toBe('');
  });

  it('keeps my role when a room-wide conversation_updated (myRole null) announces a new member', () => {
    s().upsertConversation(conv('c3', { myRole: 'owner' }));
    s().upsertConversation({ ...conv('c3'), myRole: null as unknown as undefined, memberCount: 3 });
    expect(s().conversations.c3.myRole).toBe('owner');
    expect(s().conversations.c3.memberCount).toBe(3);
    s().upsertConversation({
      ...conv('c4'),
      myRole: null as unknown as undefined,
      participants: [{ userId: ME, username: 'me', role: 'admin' }],
    });
    expect(s().conversations.c4.myRole).toBe('admin');
  });

  it('tracks presence and removed conversations', () => {
    s().setOnline('u-ada', true);
    expect(s().online['u-ada']).toBe(true);
    s().setActive('c2');
    s().removeConversation('c2');
    expect(s().conversations.c2).toBeUndefined();
    expect(s().activeId).toBeNull();
  });
});

describe('reconnect', () => {
  it('forgets cached histories except the open one and unsent messages', () => {
    s().mergePage('c1', [msg(1), msg(2)], false);
    s().mergePage('c2', [msg(3, { conversationId: 'c2' })], false);
    s().addPending({ ...msg(0), id: localId('x'), conversationId: 'c2', clientMessageId: 'x', userId: ME, status: 'failed' });
    s().setActive('c1');
    s().dropCachedHistories();
    expect(s().timelines.c1.ids).toEqual([id(1), id(2)]);
    expect(s().timelines.c2.loaded).toBe(false);
    expect(s().timelines.c2.pending).toEqual([localId('x')]);
    expect(s().messages[id(3)]).toBeUndefined();
    expect(s().messages[localId('x')]).toBeDefined();
  });
});

describe('mayRemove', () => {
  const person = (userId: string, role: 'owner' | 'admin' | 'member') => ({ userId, username: userId, role });
  const room = (myRole: 'owner' | 'admin' | 'member') => ({ type: 'group' as const, myRole });
  it('lets owners remove admins and members, admins only members, and nobody the owner or themselves', () => {
    expect(mayRemove(room('owner'), 'me', person('a', 'admin'))).toBe(true);
    expect(mayRemove(room('owner'), 'me', person('m', 'member'))).toBe(true);
    expect(mayRemove(room('owner'), 'me', person('me', 'owner'))).toBe(false);
    expect(mayRemove(room('admin'), 'me', person('m', 'member'))).toBe(true);
    expect(mayRemove(room('admin'), 'me', person('a', 'admin'))).toBe(false);
    expect(mayRemove(room('admin'), 'me', person('o', 'owner'))).toBe(false);
    expect(mayRemove(room('admin'), 'me', person('me', 'admin'))).toBe(false);
    expect(mayRemove(room('member'), 'me', person('m', 'member'))).toBe(false);
    expect(mayRemove({ type: 'direct', myRole: 'owner' }, 'me', person('m', 'member'))).toBe(false);
    expect(mayRemove(undefined, 'me', person('m', 'member'))).toBe(false);
  });
});
