import { ApiError, api } from '../shared/api';
import { describeError } from '../shared/errors';
import { tokenStore } from '../shared/tokens';
import type {
  Attachment,
  Conversation,
  ConversationPage,
  Message,
  PublicRoom,
  Reaction,
  SendAck,
  ThreadResponse,
  User,
} from '../shared/types';
import { localId, useChatStore, type ChatMessage } from './chatStore';
import { useReceiptStore } from './receiptStore';
import { useSearchStore } from './searchStore';
import {
  SocketAckError,
  connectRealtime,
  disconnectRealtime,
  emitAck,
  emitVolatile,
  isConnected,
  setRealtimeHooks,
} from './realtime';

import { bindModel3dEvents } from '../model3d/service';
import { useModel3dStore } from '../model3d/store';
import { bindAiEvents, startAi } from '../ai/service';

const PAGE = 50;
const store = useChatStore.getState;

/** Starts the chat session for the signed-in user: loads the list and opens the live connection. */
export function startChat(me: string) {
  store().reset(me);
  useSearchStore.getState().reset();
  useReceiptStore.getState().reset();
  connectedBefore = false;
  setRealtimeHooks({ onConnected, onMessage });
  const stopAi = startAi();
  const socket = connectRealtime();
  bindModel3dEvents(socket);
  bindAiEvents(socket);
  void loadConversations();
  const prune = setInterval(() => store().pruneTyping(), 1000);
  const onVisible = () => {
    if (document.visibilityState === 'visible') markActiveRead();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(prune);
    document.removeEventListener('visibilitychange', onVisible);
    disconnectRealtime();
    store().reset(null);
    useModel3dStore.getState().reset();
    stopAi();
  };
}

let connectedBefore = false;
function onConnected() {
  // On every (re)connect: rejoin the open room asking for what we missed, and refresh unread counts.
  const id = store().activeId;
  if (id) void joinConversation(id);
  // Other cached histories may now have gaps: forget them, they reload when opened again.
  if (connectedBefore) store().dropCachedHistories();
  connectedBefore = true;
  void loadConversations();
  // Sends that failed while offline are retried automatically (same clientMessageId, so never duplicated).
  for (const m of Object.values(store().messages)) {
    if (m.status === 'failed' && m.clientMessageId && m.error === OFFLINE_ERROR) void retrySend(m.clientMessageId);
  }
}

function onMessage(m: Message, isNew: boolean) {
  if (isNew && m.conversationId === store().activeId && m.userId !== store().me) markActiveRead();
}

export async function loadConversations() {
  try {
    const list = await api.get<Conversation[]>('/api/chat/conversations');
    store().setConversations(list);
    for (const c of list) useReceiptStore.getState().seed(c.conversationId, c.participants);
  } catch (e) {
    if (!store().conversationsLoaded)
      store().setConnection(store().connection, `Could not load your conversations. ${describeError(e, 'load')}`);
  }
}

function lastKnownId(conversationId: string): string | undefined {
  const t = store().timelines[conversationId];
  return t?.ids[t.ids.length - 1];
}

async function joinConversation(conversationId: string) {
  if (!isConnected()) return;
  const since = lastKnownId(conversationId);
  try {
    await emitAck('join_conversation', since ? { conversationId, since } : { conversationId });
  } catch {
    /* history still comes over REST; live events arrive through the per-user subscription */
  }
}

/** Opens a conversation: loads its latest page if needed, joins it for live events and marks it read. */
export async function openConversation(conversationId: string) {
  store().setActive(conversationId);
  const t = store().timelines[conversationId];
  if (!t?.loaded) {
    try {
      const page = await api.get<ConversationPage>(`/api/chat/conversations/${encodeURIComponent(conversationId)}`, {
        query: { limit: PAGE },
      });
      store().mergePage(conversationId, page.messages, page.hasMore, page.participants);
      useReceiptStore.getState().seed(conversationId, page.participants);
      if (!store().conversations[conversationId]) {
        store().upsertConversation({
          conversationId,
          name: page.name,
          type: page.type,
          visibility: page.visibility,
          createdAt: page.messages[0]?.createdAt ?? new Date().toISOString(),
          participants: page.participants,
          memberCount: page.participants?.length ?? 0,
          unreadCount: 0,
          lastMessage: page.messages[page.messages.length - 1] ?? null,
        });
      }
    } catch (e) {
      store().setTimelineFlags(conversationId, {
        error: e instanceof ApiError && e.status === 403 ? "You're not a member of this conversation." : describeError(e, 'load'),
        loaded: true,
      });
      return;
    }
  }
  await joinConversation(conversationId);
  markActiveRead();
}

let lastRead: Record<string, string> = {};
export function markActiveRead() {
  const s = store();
  const id = s.activeId;
  if (!id || (typeof document !== 'undefined' && document.visibilityState === 'hidden')) return;
  const last = lastKnownId(id);
  s.markRead(id);
  if (!last || lastRead[id] === last) return;
  lastRead = { ...lastRead, [id]: last };
  if (isConnected()) emitAck('mark_read', { conversationId: id, messageId: last }).catch(() => undefined);
  else api.post(`/api/chat/conversations/${encodeURIComponent(id)}/read`, { messageId: last }).catch(() => undefined);
}

export async function loadOlder(conversationId: string, limit = PAGE): Promise<void> {
  const t = store().timelines[conversationId];
  if (!t || !t.loaded || !t.hasMore || t.loadingOlder) return;
  const oldest = t.ids[0];
  store().setTimelineFlags(conversationId, { loadingOlder: true });
  try {
    const page = await api.get<ConversationPage>(`/api/chat/conversations/${encodeURIComponent(conversationId)}`, {
      query: { before: oldest, limit },
    });
    store().mergePage(conversationId, page.messages, page.hasMore);
  } catch (e) {
    store().setTimelineFlags(conversationId, { loadingOlder: false, error: describeError(e, 'load') });
  }
}

const OFFLINE_ERROR = 'Not sent: you are offline. It will be sent when the connection is back.';

export interface SendInput {
  conversationId: string;
  text: string;
  replyTo?: string | null;
  threadId?: string | null;
  attachments?: Attachment[];
}

/** Optimistic send: shows the message at once, then reconciles with the ack (or the echoed new_message). */
export function sendMessage(input: SendInput): string {
  const s = store();
  const me = s.me ?? '';
  const clientMessageId = crypto.randomUUID();
  const replied = input.replyTo ? s.messages[input.replyTo] : undefined;
  const m: ChatMessage = {
    id: localId(clientMessageId),
    conversationId: input.conversationId,
    userId: me,
    username: tokenStore.get()?.user.username ?? '',
    message: input.text,
    replyTo: input.replyTo ?? null,
    replyPreview: replied ? { id: replied.id, username: replied.username, message: replied.message } : null,
    threadId: input.threadId ?? null,
    threadReplyCount: 0,
    clientMessageId,
    attachments: input.attachments ?? [],
    reactions: [],
    mentions: [],
    editedAt: null,
    deletedAt: null,
    createdAt: new Date().toISOString(),
    status: 'sending',
  };
  s.addPending(m);
  void deliver(m);
  return clientMessageId;
}

async function deliver(m: ChatMessage) {
  const cmid = m.clientMessageId!;
  const payload = {
    conversationId: m.conversationId,
    message: m.message,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    ...(m.threadId ? { threadId: m.threadId } : {}),
    clientMessageId: cmid,
    ...(m.attachments.length ? { attachmentIds: m.attachments.map((a) => a.id) } : {}),
  };
  try {
    const ack = isConnected()
      ? await emitAck<SendAck>('send_message', payload)
      : await api.post<SendAck>('/api/chat/send', payload);
    store().ackPending(cmid, ack);
  } catch (e) {
    store().failPending(cmid, sendErrorText(e));
  }
}

function sendErrorText(e: unknown): string {
  if (e instanceof SocketAckError) {
    switch (e.code) {
      case 'timeout':
        return 'Not sent: the server did not answer. Check your connection, then retry.';
      case 'offline':
        return OFFLINE_ERROR;
      case 'too_large':
        return 'Not sent: the message is too long (max 10,000 characters). Shorten it, then retry.';
      case 'rate_limited':
        return 'Not sent: you are sending too fast. Wait a moment, then retry.';
      case 'forbidden':
        return "Not sent: you're not a member of this conversation any more.";
      default:
        return `Not sent: ${e.message}. Retry.`;
    }
  }
  if (e instanceof ApiError && e.status === 0) return OFFLINE_ERROR;
  return `Not sent: ${describeError(e, 'send')}`;
}

/** Retries a failed send with the same clientMessageId, so the server can never store it twice. */
export async function retrySend(clientMessageId: string) {
  const m = store().messages[localId(clientMessageId)];
  if (!m) return;
  store().retryPending(clientMessageId);
  await deliver(m);
}

export async function editMessage(messageId: string, text: string) {
  const m = await api.patch<Message>(`/api/chat/messages/${encodeURIComponent(messageId)}`, { message: text });
  store().applyEdit(m);
}

export async function deleteMessage(messageId: string) {
  await api.del(`/api/chat/messages/${encodeURIComponent(messageId)}`);
  store().applyDelete(messageId, new Date().toISOString());
}

export async function toggleReaction(messageId: string, emoji: string) {
  const r = await api.post<{ messageId: string; reactions: Reaction[] }>(
    `/api/chat/messages/${encodeURIComponent(messageId)}/reactions`,
    { emoji },
  );
  store().applyReactions(r.messageId ?? messageId, r.reactions);
}

export async function openThread(rootId: string) {
  const s = store();
  const conversationId = s.messages[rootId]?.conversationId ?? s.activeId ?? '';
  s.setOpenThread(rootId);
  try {
    const t = await api.get<ThreadResponse>(
      `/api/chat/conversations/${encodeURIComponent(conversationId)}/threads/${encodeURIComponent(rootId)}`,
    );
    store().setThread(rootId, conversationId, t.root, t.messages);
  } catch (e) {
    store().setThreadError(rootId, conversationId, describeError(e, 'load'));
  }
}

let typingSentAt = 0;
let typingConv: string | null = null;
export function typingActivity(conversationId: string) {
  const now = Date.now();
  if (typingConv !== conversationId || now - typingSentAt > 3000) {
    typingSentAt = now;
    typingConv = conversationId;
    emitVolatile('typing_start', { conversationId });
  }
}
export function typingStopped(conversationId: string) {
  if (typingConv === conversationId && typingSentAt) {
    typingSentAt = 0;
    emitVolatile('typing_stop', { conversationId });
  }
}

export async function createRoom(input: { name: string; visibility: 'public' | 'private'; participantIds: string[] }) {
  const c = await api.post<Conversation>('/api/chat/conversations', { type: 'group', ...input });
  store().upsertConversation(c);
  return c;
}

export async function startDirect(userId: string) {
  const c = await api.post<Conversation>('/api/chat/conversations', { type: 'direct', participantIds: [userId] });
  store().upsertConversation(c);
  return c;
}

export async function addMembers(conversationId: string, userIds: string[]) {
  const c = await api.post<Conversation>(`/api/chat/conversations/${encodeURIComponent(conversationId)}/members`, { userIds });
  store().upsertConversation(c);
  return c;
}

/** Renames a room (owner/admin); the room hears it as conversation_updated. */
export async function renameRoom(conversationId: string, name: string) {
  const c = await api.patch<Conversation>(`/api/chat/conversations/${encodeURIComponent(conversationId)}`, { name });
  store().upsertConversation(c);
  return c;
}

/** Removes someone from a room (owner/admin); shown at once, then confirmed by conversation_updated. */
export async function removeMember(conversationId: string, userId: string) {
  await api.del(`/api/chat/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(userId)}`);
  const c = store().conversations[conversationId];
  if (c?.participants?.some((p) => p.userId === userId)) {
    store().upsertConversation({
      ...c,
      participants: c.participants.filter((p) => p.userId !== userId),
      memberCount: Math.max(0, c.memberCount - 1),
    });
  }
}

export async function leaveConversation(conversationId: string) {
  await api.post(`/api/chat/conversations/${encodeURIComponent(conversationId)}/leave`);
  store().removeConversation(conversationId);
}

export function searchUsers(q: string, signal?: AbortSignal) {
  return api.get<User[]>('/api/users', { query: { q }, signal });
}

export function listPublicRooms(q: string, signal?: AbortSignal) {
  return api.get<PublicRoom[]>('/api/chat/conversations/public', { query: { q }, signal });
}

export async function joinRoom(conversationId: string) {
  const c = await api.post<Conversation>(`/api/chat/conversations/${encodeURIComponent(conversationId)}/join`);
  store().upsertConversation(c);
  return c;
}

export function uploadFile(conversationId: string, file: File, onProgress: (f: number) => void, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', file);
  form.append('conversationId', conversationId);
  return api.upload<Attachment>('/api/files', form, { onProgress, signal });
}

/** Opens a conversation and pages back (a bounded number of pages) until the message is loaded, then highlights it. */
export async function jumpToMessage(conversationId: string, messageId: string, threadId?: string | null) {
  store().setJumping(true);
  try {
    await findMessage(conversationId, messageId, threadId);
  } finally {
    store().setJumping(false);
  }
}

async function findMessage(conversationId: string, messageId: string, threadId?: string | null) {
  await openConversation(conversationId);
  const target = threadId && threadId !== messageId ? threadId : messageId;
  // Page back in big pages (the list is virtualized, so holding thousands of messages is fine).
  for (let pages = 0; pages < 100;) {
    const t = store().timelines[conversationId];
    if (!t || t.ids.includes(target) || !t.hasMore || t.error || store().activeId !== conversationId) break;
    if (t.loadingOlder) {
      await new Promise((r) => setTimeout(r, 50));
    } else {
      pages++;
      await loadOlder(conversationId, 100);
    }
  }
  store().setHighlight(target);
  if (threadId && threadId !== messageId) void openThread(threadId);
}
