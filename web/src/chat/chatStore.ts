import { create } from 'zustand';
import type { Attachment, Conversation, Message, Participant, Reaction } from '../shared/types';

/** A message as the UI holds it: a server message, or an optimistic one that is still sending or failed. */
export interface ChatMessage extends Message {
  /** Set only for optimistic messages (id = "local:" + clientMessageId). */
  status?: 'sending' | 'failed';
  error?: string;
}

export interface Timeline {
  /** Top-level message ids (not thread replies), oldest first, server ids only. */
  ids: string[];
  /** Optimistic top-level messages (local ids), in send order; always rendered after `ids`. */
  pending: string[];
  hasMore: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  error: string | null;
}

export interface ThreadState {
  rootId: string;
  conversationId: string;
  ids: string[];
  pending: string[];
  loaded: boolean;
  error: string | null;
}

export interface TypingEntry {
  username: string;
  until: number;
}

export interface ChatState {
  me: string | null;
  conversations: Record<string, Conversation>;
  conversationsLoaded: boolean;
  messages: Record<string, ChatMessage>;
  timelines: Record<string, Timeline>;
  threads: Record<string, ThreadState>;
  typing: Record<string, Record<string, TypingEntry>>;
  online: Record<string, boolean>;
  activeId: string | null;
  openThreadId: string | null;
  replyToId: string | null;
  editingId: string | null;
  connection: 'connecting' | 'connected' | 'reconnecting' | 'offline';
  banner: string | null;
  /** A message to scroll to and highlight once visible (search results). */
  highlightId: string | null;
  /** A search jump is paging back through history. */
  jumping: boolean;

  reset(me: string | null): void;
  setConversations(list: Conversation[]): void;
  upsertConversation(c: Conversation): void;
  removeConversation(id: string): void;
  setActive(id: string | null): void;
  setOpenThread(rootId: string | null): void;
  setReplyTo(id: string | null): void;
  setEditing(id: string | null): void;
  setHighlight(id: string | null): void;
  setConnection(c: ChatState['connection'], banner?: string | null): void;
  setJumping(j: boolean): void;
  dropCachedHistories(): void;

  mergePage(conversationId: string, messages: Message[], hasMore: boolean | null, participants?: Participant[]): void;
  setTimelineFlags(conversationId: string, flags: Partial<Pick<Timeline, 'loadingOlder' | 'error' | 'loaded'>>): void;
  setThread(rootId: string, conversationId: string, root: Message | null, messages: Message[]): void;
  setThreadError(rootId: string, conversationId: string, error: string): void;
  receiveMessage(m: Message): { isNew: boolean };
  addPending(m: ChatMessage): void;
  ackPending(clientMessageId: string, ack: { messageId: string; createdAt: string }): void;
  failPending(clientMessageId: string, error: string): void;
  retryPending(clientMessageId: string): void;
  discardPending(clientMessageId: string): void;
  applyEdit(m: Message): void;
  applyDelete(messageId: string, deletedAt: string): void;
  applyReactions(messageId: string, reactions: Reaction[]): void;
  setTyping(conversationId: string, userId: string, username: string, typing: boolean, now?: number): void;
  pruneTyping(now?: number): void;
  setOnline(userId: string, online: boolean): void;
  markRead(conversationId: string): void;
}

export const localId = (clientMessageId: string) => `local:${clientMessageId}`;

const emptyTimeline = (): Timeline => ({
  ids: [],
  pending: [],
  hasMore: true,
  loaded: false,
  loadingOlder: false,
  error: null,
});

/** Merges ids into a sorted, de-duplicated list (UUIDv7 ids sort by creation time). */
export function mergeIds(existing: string[], incoming: string[]): string[] {
  if (incoming.length === 0) return existing;
  // Fast path: a single newer id appended (the common live case).
  if (incoming.length === 1) {
    const id = incoming[0];
    const last = existing[existing.length - 1];
    if (last === undefined || id > last) return [...existing, id];
    let lo = 0;
    let hi = existing.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (existing[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    if (existing[lo] === id) return existing;
    return [...existing.slice(0, lo), id, ...existing.slice(lo)];
  }
  const set = new Set(existing);
  let added = false;
  for (const id of incoming) {
    if (!set.has(id)) {
      set.add(id);
      added = true;
    }
  }
  if (!added) return existing;
  return [...set].sort();
}

const isThreadReply = (m: Pick<Message, 'id' | 'threadId'>) => !!m.threadId && m.threadId !== m.id;

function sortConversations(list: Conversation[]) {
  const key = (c: Conversation) => c.lastMessage?.createdAt ?? c.createdAt ?? '';
  return [...list].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

/** Conversations, newest activity first. */
export function selectConversationList(s: Pick<ChatState, 'conversations'>): Conversation[] {
  return sortConversations(Object.values(s.conversations));
}

export function conversationTitle(c: Conversation | undefined, me: string | null): string {
  if (!c) return '';
  if (c.type === 'direct') {
    const other = c.participants?.find((p) => p.userId !== me);
    return other?.username ?? c.name ?? 'Direct message';
  }
  return c.name ?? 'Untitled room';
}

export function dmPeer(c: Conversation | undefined, me: string | null): Participant | undefined {
  if (!c || c.type !== 'direct') return undefined;
  return c.participants?.find((p) => p.userId !== me);
}

/** Whether I may remove `target` from a room: owners remove anyone but themselves; admins remove members only. */
export function mayRemove(c: Pick<Conversation, 'type' | 'myRole'> | undefined, me: string | null, target: Participant): boolean {
  if (!c || c.type !== 'group' || target.userId === me || target.role === 'owner') return false;
  if (c.myRole === 'owner') return true;
  return c.myRole === 'admin' && target.role === 'member';
}

function updateTimeline(s: ChatState, id: string, f: (t: Timeline) => Timeline): Record<string, Timeline> {
  return { ...s.timelines, [id]: f(s.timelines[id] ?? emptyTimeline()) };
}

export const initialChatState = {
  me: null,
  conversations: {},
  conversationsLoaded: false,
  messages: {},
  timelines: {},
  threads: {},
  typing: {},
  online: {},
  activeId: null,
  openThreadId: null,
  replyToId: null,
  editingId: null,
  connection: 'connecting' as const,
  banner: null,
  highlightId: null,
  jumping: false,
};

export const useChatStore = create<ChatState>((set, get) => ({
  ...initialChatState,

  reset(me) {
    set({ ...initialChatState, me });
  },

  setConversations(list) {
    set((s) => {
      const conversations: Record<string, Conversation> = {};
      const online = { ...s.online };
      for (const c of list) {
        const prev = s.conversations[c.conversationId];
        conversations[c.conversationId] = { ...c, participants: c.participants ?? prev?.participants };
        for (const p of c.participants ?? []) if (typeof p.online === 'boolean') online[p.userId] = p.online;
      }
      // The open conversation's unread count is ours to keep at zero.
      if (s.activeId && conversations[s.activeId]) conversations[s.activeId] = { ...conversations[s.activeId], unreadCount: 0 };
      return { conversations, conversationsLoaded: true, online };
    });
  },

  upsertConversation(c) {
    set((s) => {
      const prev = s.conversations[c.conversationId];
      const merged: Conversation = {
        ...prev,
        ...c,
        participants: c.participants ?? prev?.participants,
        // A room-wide conversation_updated carries myRole: null (it is per member): keep ours, or read it from the list.
        myRole: c.myRole ?? c.participants?.find((p) => p.userId === s.me)?.role ?? prev?.myRole,
        lastMessage: c.lastMessage !== undefined ? (c.lastMessage ?? prev?.lastMessage ?? null) : (prev?.lastMessage ?? null),
        unreadCount: s.activeId === c.conversationId ? 0 : (c.unreadCount ?? prev?.unreadCount ?? 0),
      };
      return { conversations: { ...s.conversations, [c.conversationId]: merged } };
    });
  },

  removeConversation(id) {
    set((s) => {
      const conversations = { ...s.conversations };
      delete conversations[id];
      const timelines = { ...s.timelines };
      delete timelines[id];
      return {
        conversations,
        timelines,
        activeId: s.activeId === id ? null : s.activeId,
        openThreadId: s.activeId === id ? null : s.openThreadId,
      };
    });
  },

  setActive(id) {
    set((s) => {
      if (s.activeId === id) return {};
      const conversations = { ...s.conversations };
      if (id && conversations[id]) conversations[id] = { ...conversations[id], unreadCount: 0 };
      return { activeId: id, conversations, openThreadId: null, replyToId: null, editingId: null };
    });
  },
  setOpenThread(rootId) {
    set({ openThreadId: rootId });
  },
  setReplyTo(id) {
    set({ replyToId: id });
  },
  setEditing(id) {
    set({ editingId: id });
  },
  setHighlight(id) {
    set({ highlightId: id });
  },
  setConnection(connection, banner) {
    set((s) => ({ connection, banner: banner === undefined ? (connection === 'connected' ? null : s.banner) : banner }));
  },

  setJumping(jumping) {
    set({ jumping });
  },

  dropCachedHistories() {
    set((st) => {
      const timelines: Record<string, Timeline> = {};
      const threads: Record<string, ThreadState> = {};
      const keep = new Set<string>();
      if (st.activeId && st.timelines[st.activeId]) {
        timelines[st.activeId] = st.timelines[st.activeId];
        for (const id of timelines[st.activeId].ids) keep.add(id);
        for (const id of timelines[st.activeId].pending) keep.add(id);
      }
      if (st.openThreadId && st.threads[st.openThreadId]) {
        const th = st.threads[st.openThreadId];
        threads[st.openThreadId] = th;
        keep.add(th.rootId);
        for (const id of [...th.ids, ...th.pending]) keep.add(id);
      }
      const messages: Record<string, ChatMessage> = {};
      for (const [id, m] of Object.entries(st.messages)) {
        // Keep the open views, and every unsent message (it is retried, never silently dropped).
        if (keep.has(id) || m.status) messages[id] = m;
        else if (m.threadId && keep.has(m.threadId)) messages[id] = m;
      }
      for (const m of Object.values(messages)) {
        if (m.status && !m.threadId && m.conversationId !== st.activeId) {
          const t = timelines[m.conversationId] ?? emptyTimeline();
          timelines[m.conversationId] = { ...t, pending: [...t.pending, m.id] };
        }
      }
      return { timelines, threads, messages };
    });
  },

  mergePage(conversationId, page, hasMore, participants) {
    set((s) => {
      const messages = { ...s.messages };
      const top: string[] = [];
      for (const m of page) {
        messages[m.id] = { ...m };
        if (!isThreadReply(m)) top.push(m.id);
      }
      const timelines = updateTimeline(s, conversationId, (t) => ({
        ...t,
        ids: mergeIds(t.ids, top),
        hasMore: hasMore ?? t.hasMore,
        loaded: true,
        loadingOlder: false,
        error: null,
      }));
      let conversations = s.conversations;
      if (participants && s.conversations[conversationId]) {
        conversations = { ...s.conversations, [conversationId]: { ...s.conversations[conversationId], participants } };
      }
      const online = { ...s.online };
      for (const p of participants ?? []) if (typeof p.online === 'boolean') online[p.userId] = p.online;
      return { messages, timelines, conversations, online };
    });
  },

  setTimelineFlags(conversationId, flags) {
    set((s) => ({ timelines: updateTimeline(s, conversationId, (t) => ({ ...t, ...flags })) }));
  },

  setThread(rootId, conversationId, root, list) {
    set((s) => {
      const messages = { ...s.messages };
      if (root) messages[root.id] = { ...root };
      for (const m of list) messages[m.id] = { ...m };
      const prev = s.threads[rootId];
      const ids = mergeIds(
        prev?.ids ?? [],
        list.filter((m) => m.id !== rootId).map((m) => m.id),
      );
      return {
        messages,
        threads: {
          ...s.threads,
          [rootId]: { rootId, conversationId, ids, pending: prev?.pending ?? [], loaded: true, error: null },
        },
      };
    });
  },

  setThreadError(rootId, conversationId, error) {
    set((s) => ({
      threads: {
        ...s.threads,
        [rootId]: { ...(s.threads[rootId] ?? { rootId, conversationId, ids: [], pending: [], loaded: false }), error },
      },
    }));
  },

  receiveMessage(m) {
    const s = get();
    const known = !!s.messages[m.id];
    const lid = m.clientMessageId ? localId(m.clientMessageId) : null;
    const pendingLocal = lid && s.messages[lid] ? lid : null;
    set((st) => {
      const messages = { ...st.messages, [m.id]: { ...m } };
      let timelines = st.timelines;
      let threads = st.threads;
      if (pendingLocal) delete messages[pendingLocal];
      if (isThreadReply(m)) {
        const rootId = m.threadId!;
        const th = st.threads[rootId];
        if (th) {
          threads = {
            ...st.threads,
            [rootId]: { ...th, ids: mergeIds(th.ids, [m.id]), pending: th.pending.filter((p) => p !== pendingLocal) },
          };
        }
        const root = messages[rootId];
        if (root && !known) messages[rootId] = { ...root, threadReplyCount: (root.threadReplyCount ?? 0) + 1 };
      } else if (st.timelines[m.conversationId]) {
        timelines = updateTimeline(st, m.conversationId, (t) => ({
          ...t,
          ids: mergeIds(t.ids, [m.id]),
          pending: pendingLocal ? t.pending.filter((p) => p !== pendingLocal) : t.pending,
        }));
      }
      let conversations = st.conversations;
      const c = st.conversations[m.conversationId];
      if (c && !known) {
        const newer = !c.lastMessage || c.lastMessage.id <= m.id;
        const mine = m.userId === st.me;
        conversations = {
          ...st.conversations,
          [m.conversationId]: {
            ...c,
            lastMessage: newer && !isThreadReply(m) ? m : c.lastMessage,
            unreadCount: st.activeId === m.conversationId ? 0 : mine ? c.unreadCount : (c.unreadCount ?? 0) + 1,
          },
        };
      }
      // A message from someone ends their typing indicator.
      let typing = st.typing;
      if (st.typing[m.conversationId]?.[m.userId]) {
        const forConv = { ...st.typing[m.conversationId] };
        delete forConv[m.userId];
        typing = { ...st.typing, [m.conversationId]: forConv };
      }
      return { messages, timelines, threads, conversations, typing };
    });
    return { isNew: !known };
  },

  addPending(m) {
    set((st) => {
      const messages = { ...st.messages, [m.id]: m };
      if (m.threadId) {
        const th = st.threads[m.threadId] ?? {
          rootId: m.threadId,
          conversationId: m.conversationId,
          ids: [],
          pending: [],
          loaded: false,
          error: null,
        };
        return { messages, threads: { ...st.threads, [m.threadId]: { ...th, pending: [...th.pending, m.id] } } };
      }
      return { messages, timelines: updateTimeline(st, m.conversationId, (t) => ({ ...t, pending: [...t.pending, m.id] })) };
    });
  },

  ackPending(clientMessageId, ack) {
    const lid = localId(clientMessageId);
    const st = get();
    const pending = st.messages[lid];
    if (!pending) return; // the echoed new_message already replaced it
    if (st.messages[ack.messageId]) {
      get().discardPending(clientMessageId);
      return;
    }
    const { status: _s, error: _e, ...rest } = pending;
    void _s;
    void _e;
    get().receiveMessage({ ...rest, id: ack.messageId, createdAt: ack.createdAt, clientMessageId });
  },

  failPending(clientMessageId, error) {
    const lid = localId(clientMessageId);
    set((st) =>
      st.messages[lid] ? { messages: { ...st.messages, [lid]: { ...st.messages[lid], status: 'failed', error } } } : {},
    );
  },

  retryPending(clientMessageId) {
    const lid = localId(clientMessageId);
    set((st) =>
      st.messages[lid]
        ? { messages: { ...st.messages, [lid]: { ...st.messages[lid], status: 'sending', error: undefined } } }
        : {},
    );
  },

  discardPending(clientMessageId) {
    const lid = localId(clientMessageId);
    set((st) => {
      const m = st.messages[lid];
      if (!m) return {};
      const messages = { ...st.messages };
      delete messages[lid];
      if (m.threadId && st.threads[m.threadId]) {
        const th = st.threads[m.threadId];
        return { messages, threads: { ...st.threads, [m.threadId]: { ...th, pending: th.pending.filter((p) => p !== lid) } } };
      }
      return {
        messages,
        timelines: updateTimeline(st, m.conversationId, (t) => ({ ...t, pending: t.pending.filter((p) => p !== lid) })),
      };
    });
  },

  applyEdit(m) {
    set((st) => {
      const prev = st.messages[m.id];
      const messages = { ...st.messages, [m.id]: { ...prev, ...m } };
      const c = st.conversations[m.conversationId];
      const conversations =
        c?.lastMessage?.id === m.id ? { ...st.conversations, [m.conversationId]: { ...c, lastMessage: m } } : st.conversations;
      return { messages, conversations };
    });
  },

  applyDelete(messageId, deletedAt) {
    set((st) => {
      const prev = st.messages[messageId];
      if (!prev) return {};
      const tomb: ChatMessage = { ...prev, message: '', attachments: [] as Attachment[], deletedAt };
      const c = st.conversations[prev.conversationId];
      const conversations =
        c?.lastMessage?.id === messageId
          ? { ...st.conversations, [prev.conversationId]: { ...c, lastMessage: tomb } }
          : st.conversations;
      return {
        messages: { ...st.messages, [messageId]: tomb },
        conversations,
        editingId: st.editingId === messageId ? null : st.editingId,
        replyToId: st.replyToId === messageId ? null : st.replyToId,
      };
    });
  },

  applyReactions(messageId, reactions) {
    set((st) => {
      const prev = st.messages[messageId];
      if (!prev) return {};
      return { messages: { ...st.messages, [messageId]: { ...prev, reactions } } };
    });
  },

  setTyping(conversationId, userId, username, typing, now = Date.now()) {
    set((st) => {
      const forConv = { ...(st.typing[conversationId] ?? {}) };
      if (typing) forConv[userId] = { username, until: now + 6000 };
      else if (forConv[userId]) delete forConv[userId];
      else return {};
      return { typing: { ...st.typing, [conversationId]: forConv } };
    });
  },

  pruneTyping(now = Date.now()) {
    const st = get();
    let changed = false;
    const typing: ChatState['typing'] = {};
    for (const [cid, users] of Object.entries(st.typing)) {
      const kept: Record<string, TypingEntry> = {};
      for (const [uid, e] of Object.entries(users)) {
        if (e.until > now) kept[uid] = e;
        else changed = true;
      }
      typing[cid] = kept;
    }
    if (changed) set({ typing });
  },

  setOnline(userId, online) {
    set((st) => (st.online[userId] === online ? {} : { online: { ...st.online, [userId]: online } }));
  },

  markRead(conversationId) {
    set((st) => {
      const c = st.conversations[conversationId];
      if (!c || !c.unreadCount) return {};
      return { conversations: { ...st.conversations, [conversationId]: { ...c, unreadCount: 0 } } };
    });
  },
}));

/** "ada is typing…", "ada and bob are typing…", "3 people are typing…" */
export function typingText(entries: TypingEntry[]): string {
  const names = entries.map((e) => e.username);
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}
