import { io, type Socket } from 'socket.io-client';
import { api } from '../shared/api';
import { tokenStore } from '../shared/tokens';
import type { Conversation, Message, Reaction } from '../shared/types';
import { useChatStore } from './chatStore';
import { useReceiptStore } from './receiptStore';

/** An `{error:{code,message}}` (or `{ok:false,error}`) socket ack, or no ack in time. */
export class SocketAckError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SocketAckError';
    this.code = code;
  }
}

let socket: Socket | null = null;
let authFailures = 0;
/** Called on every (re)connect, after the socket is up: rejoin the open room and catch up. */
let onConnectedHook: () => void = () => {};
let onMessageHook: (m: Message, isNew: boolean) => void = () => {};

export function setRealtimeHooks(h: { onConnected: () => void; onMessage: (m: Message, isNew: boolean) => void }) {
  onConnectedHook = h.onConnected;
  onMessageHook = h.onMessage;
}

export function getSocket(): Socket | null {
  return socket;
}

export function isConnected(): boolean {
  return !!socket?.connected;
}

export function connectRealtime(): Socket {
  if (socket) return socket;
  const store = useChatStore.getState;
  store().setConnection('connecting');
  const s = io({
    path: '/socket.io/',
    // A function, so every reconnect sends the freshest access token.
    auth: (cb) => cb({ token: tokenStore.get()?.token ?? '' }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  socket = s;

  s.on('connect', () => {
    authFailures = 0;
    store().setConnection('connected', null);
    onConnectedHook();
  });

  s.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') {
      store().setConnection('offline', null);
      return;
    }
    const banner = store().banner ?? 'Connection lost. Reconnecting…';
    store().setConnection('reconnecting', banner);
    // The server closed the session (e.g. restarted): socket.io will not retry on its own in that case.
    if (reason === 'io server disconnect') setTimeout(() => s.connect(), 500);
  });

  s.on('connect_error', (err: Error) => {
    if (/^unauthori[sz]ed/i.test(err.message)) {
      // A refused CONNECT is final for socket.io-client: refresh the token, then connect again ourselves.
      authFailures += 1;
      if (authFailures > 3) {
        store().setConnection('offline', 'Could not authenticate the live connection. Reload the page or sign in again.');
        return;
      }
      api
        .refresh()
        .then(() => s.connect())
        .catch(() => store().setConnection('offline', 'Your session has ended. Sign in again.'));
      return;
    }
    store().setConnection('reconnecting', "Can't reach the server. Reconnecting…");
  });

  s.on('server_shutdown', (p: { reconnectAfterMs?: number }) => {
    store().setConnection('reconnecting', 'The server is restarting. Reconnecting…');
    void p;
  });

  s.on('new_message', (m: Message) => {
    const { isNew } = store().receiveMessage(m);
    if (!store().conversations[m.conversationId]) void refreshConversations();
    onMessageHook(m, isNew);
  });
  s.on('message_edited', (m: Message) => store().applyEdit(m));
  s.on('message_deleted', (p: { messageId: string; deletedAt: string }) => store().applyDelete(p.messageId, p.deletedAt));
  s.on('reaction_updated', (p: { messageId: string; reactions: Reaction[] }) => store().applyReactions(p.messageId, p.reactions));
  s.on('typing', (p: { conversationId: string; userId: string; username: string; typing: boolean }) => {
    if (p.userId === store().me) return;
    store().setTyping(p.conversationId, p.userId, p.username, p.typing);
  });
  s.on('user_online', (p: { userId: string }) => store().setOnline(p.userId, true));
  s.on('user_offline', (p: { userId: string }) => store().setOnline(p.userId, false));
  s.on('conversation_updated', (c: Conversation) => {
    store().upsertConversation(c);
    useReceiptStore.getState().seed(c.conversationId, c.participants);
  });
  s.on('read_receipt', (p: { conversationId: string; userId: string; messageId: string }) =>
    useReceiptStore.getState().receipt(p.conversationId, p.userId, p.messageId),
  );
  s.on('conversation_removed', (p: { conversationId: string }) => {
    const wasActive = store().activeId === p.conversationId;
    store().removeConversation(p.conversationId);
    if (wasActive && location.hash.startsWith('#/c/')) location.hash = '#/';
  });
  s.on('error', (e: { code?: string; message?: string }) => {
    console.warn('socket error event', e);
  });
  return s;
}

async function refreshConversations() {
  try {
    const list = await api.get<Conversation[]>('/api/chat/conversations');
    useChatStore.getState().setConversations(list);
    for (const c of list) useReceiptStore.getState().seed(c.conversationId, c.participants);
  } catch {
    /* the list stays as it was; the next reconnect tries again */
  }
}

export function disconnectRealtime() {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
}

/** Emits with an ack and a timeout; rejects on `{error}` / `{ok:false}` answers. */
export function emitAck<T>(event: string, payload: unknown, timeoutMs = 10000): Promise<T> {
  const s = socket;
  if (!s) return Promise.reject(new SocketAckError('offline', 'Not connected'));
  return new Promise<T>((resolve, reject) => {
    s.timeout(timeoutMs).emit(event, payload, (err: Error | null, ack: unknown) => {
      if (err) return reject(new SocketAckError('timeout', 'The server did not answer in time'));
      const a = ack as { error?: { code?: string; message?: string } | string; ok?: boolean } | undefined;
      if (a && (a.error || a.ok === false)) {
        const e = typeof a.error === 'string' ? { code: a.error, message: a.error } : (a.error ?? {});
        return reject(new SocketAckError(e.code ?? 'internal', e.message ?? 'Request failed'));
      }
      resolve(ack as T);
    });
  });
}

/** Fire-and-forget emit (typing indicators). */
export function emitVolatile(event: string, payload: unknown) {
  if (socket?.connected) socket.emit(event, payload);
}
