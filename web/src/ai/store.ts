import { create } from 'zustand';
import type { AiChunkEvent, AiErrorEvent, AiResponseEvent, AiStatus, AiToolCallEvent } from './types';

/**
 * waiting: asked, nothing streamed yet · streaming: chunks arriving · done / cancelled: ai_response came ·
 * failed: ai_error came (only the asker learns this) · interrupted: the assistant stopped typing without an
 * ai_response (what the rest of the room sees of a failure).
 */
export type StreamStatus = 'waiting' | 'streaming' | 'done' | 'cancelled' | 'failed' | 'interrupted';

/** One assistant reply on its way: the text streamed so far, until its stored message takes its place. */
export interface Stream {
  responseId: string;
  conversationId: string;
  text: string;
  status: StreamStatus;
  /** Asked (or regenerated) by this user: only the asker may stop it. */
  mine: boolean;
  /** The question it answers, when known (from the ack). */
  questionId: string | null;
  /** The reply this one regenerates, if any. */
  regenerates: string | null;
  /** The stored reply's message id (ai_response.id, or its new_message). */
  storedId: string | null;
  /** Its stored message has arrived: the streaming row gives way to it. */
  stored: boolean;
  /** Words for people, when it failed. */
  error: string | null;
  /** ai_cancel sent, not answered yet. */
  stopping: boolean;
  lastChunkAt: number;
}

/** An assistant error that belongs to no reply on screen (e.g. a mention refused for a rate limit). */
export interface AiNotice {
  id: number;
  conversationId: string | null;
  code: string;
  message: string;
}

export interface AiState {
  streams: Record<string, Stream>;
  /** responseIds in the order they were first heard of. */
  order: string[];
  notices: AiNotice[];
  /**
   * The tools each reply called, by responseId, in call order. Kept after the reply is stored (its message carries
   * only the tool names), for as long as this session.
   */
  toolCalls: Record<string, AiToolCallEvent[]>;
  /** Per conversation: ai_chat_message requests not yet acked (their refusals are shown by the composer). */
  asking: Record<string, number>;
  /** Assistant replies being regenerated (ack pending or new reply streaming), by message id. */
  regenerating: Record<string, true>;
  /** The model's status; null until known. `statusKnown: 'absent'` when the server has no status endpoint. */
  status: AiStatus | null;
  statusKnown: 'loading' | 'absent' | 'known';
  /** The conversation whose assistant settings dialog is open. */
  settingsFor: string | null;
  /** The message the "Translate…" dialog is open for. */
  translateFor: { conversationId: string; messageId: string } | null;

  reset(): void;
  chunk(e: AiChunkEvent, now?: number): void;
  response(e: AiResponseEvent): void;
  toolCall(e: AiToolCallEvent, now?: number): void;
  /** Returns true when the error is shown (as a failed reply or a notice), false when the composer shows it. */
  error(e: AiErrorEvent, describe?: (code: string, message: string) => string): boolean;
  requested(
    r: { responseId: string; conversationId: string; questionId: string | null; regenerates?: string | null },
    now?: number,
  ): void;
  storedMessage(responseId: string, messageId: string): void;
  setStopping(responseId: string, stopping: boolean): void;
  assistantStoppedTyping(conversationId: string, now?: number): void;
  dismiss(responseId: string): void;
  dismissNotice(id: number): void;
  askStarted(conversationId: string): void;
  askEnded(conversationId: string): void;
  regenerateStarted(messageId: string): void;
  regenerateEnded(messageId: string): void;
  setStatus(s: AiStatus): void;
  statusAbsent(): void;
  openSettings(conversationId: string | null): void;
  openTranslate(target: { conversationId: string; messageId: string } | null): void;
}

/** How long after its last chunk a reply still counts as alive when the assistant stops typing in its room. */
export const QUIET_MS = 1500;

const initial = {
  streams: {},
  order: [],
  notices: [],
  toolCalls: {},
  asking: {},
  regenerating: {},
  status: null,
  statusKnown: 'loading' as const,
  settingsFor: null,
  translateFor: null,
};

const ENDED: StreamStatus[] = ['done', 'cancelled', 'failed'];

function fresh(responseId: string, conversationId: string, now: number): Stream {
  return {
    responseId,
    conversationId,
    text: '',
    status: 'waiting',
    mine: false,
    questionId: null,
    regenerates: null,
    storedId: null,
    stored: false,
    error: null,
    stopping: false,
    lastChunkAt: now,
  };
}

let noticeSeq = 0;

function withoutKey<T>(r: Record<string, T>, key: string | null): Record<string, T> {
  if (!key || !(key in r)) return r;
  const copy = { ...r };
  delete copy[key];
  return copy;
}

export const useAiStore = create<AiState>((set, get) => ({
  ...initial,

  reset() {
    set({ ...initial });
  },

  chunk(e, now = Date.now()) {
    set((s) => {
      const prev = s.streams[e.responseId];
      // A late chunk after the end (or after its stored message) changes nothing: ai_response's text is final.
      if (prev && (ENDED.includes(prev.status) || prev.stored)) return {};
      const base = prev ?? fresh(e.responseId, e.conversationId, now);
      const next: Stream = { ...base, text: base.text + e.delta, status: 'streaming', lastChunkAt: now };
      return {
        streams: { ...s.streams, [e.responseId]: next },
        order: prev ? s.order : [...s.order, e.responseId],
      };
    });
  },

  response(e) {
    set((s) => {
      const prev = s.streams[e.responseId];
      const base = prev ?? fresh(e.responseId, e.conversationId, Date.now());
      const next: Stream = {
        ...base,
        text: base.stored ? '' : e.message,
        status: e.cancelled ? 'cancelled' : 'done',
        storedId: e.id ?? base.storedId,
        stopping: false,
        error: null,
      };
      return {
        streams: { ...s.streams, [e.responseId]: next },
        order: prev ? s.order : [...s.order, e.responseId],
        regenerating: withoutKey(s.regenerating, base.regenerates),
      };
    });
  },

  toolCall(e, now = Date.now()) {
    set((s) => {
      const toolCalls = { ...s.toolCalls, [e.responseId]: [...(s.toolCalls[e.responseId] ?? []), e] };
      if (s.streams[e.responseId]) return { toolCalls };
      // A reply is on its way: those who have not seen a word of it yet (the rest of the room) get its row now.
      return {
        toolCalls,
        streams: { ...s.streams, [e.responseId]: fresh(e.responseId, e.conversationId, now) },
        order: [...s.order, e.responseId],
      };
    });
  },

  error(e, describe = (_c, m) => m) {
    const s = get();
    const stream = e.responseId ? s.streams[e.responseId] : undefined;
    if (stream) {
      set({
        streams: {
          ...s.streams,
          [stream.responseId]: { ...stream, status: 'failed', error: describe(e.code, e.message), stopping: false },
        },
        regenerating: withoutKey(s.regenerating, stream.regenerates),
      });
      return true;
    }
    // A refusal of a request this tab is waiting on: the ack carries the same error to the composer or menu.
    if (!e.responseId && e.conversationId && (s.asking[e.conversationId] ?? 0) > 0) return false;
    const notice: AiNotice = {
      id: ++noticeSeq,
      conversationId: e.conversationId,
      code: e.code,
      message: describe(e.code, e.message),
    };
    set({ notices: [...s.notices.slice(-4), notice] });
    return true;
  },

  requested({ responseId, conversationId, questionId, regenerates = null }, now = Date.now()) {
    set((s) => {
      const prev = s.streams[responseId];
      // Chunks (even the whole reply) may arrive before the ack: keep what they brought.
      const base = prev ?? fresh(responseId, conversationId, now);
      return {
        streams: { ...s.streams, [responseId]: { ...base, mine: true, questionId, regenerates } },
        order: prev ? s.order : [...s.order, responseId],
        regenerating:
          regenerates && !ENDED.includes(base.status)
            ? { ...s.regenerating, [regenerates]: true }
            : withoutKey(s.regenerating, regenerates),
      };
    });
  },

  storedMessage(responseId, messageId) {
    set((s) => {
      const prev = s.streams[responseId];
      if (!prev) return {};
      // The stored message now shows the reply; the streamed copy is no longer needed.
      return { streams: { ...s.streams, [responseId]: { ...prev, storedId: messageId, stored: true, text: '' } } };
    });
  },

  setStopping(responseId, stopping) {
    set((s) => {
      const prev = s.streams[responseId];
      if (!prev || prev.stopping === stopping) return {};
      return { streams: { ...s.streams, [responseId]: { ...prev, stopping } } };
    });
  },

  assistantStoppedTyping(conversationId, now = Date.now()) {
    set((s) => {
      let streams = s.streams;
      for (const id of s.order) {
        const st = s.streams[id];
        if (st.conversationId !== conversationId) continue;
        if (st.status !== 'streaming' && st.status !== 'waiting') continue;
        // Another reply in the same room may have ended; this one is only over if it has been quiet.
        if (now - st.lastChunkAt < QUIET_MS) continue;
        if (streams === s.streams) streams = { ...s.streams };
        streams[id] = { ...st, status: 'interrupted', stopping: false };
      }
      return streams === s.streams ? {} : { streams };
    });
  },

  dismiss(responseId) {
    set((s) => {
      const prev = s.streams[responseId];
      if (!prev) return {};
      return {
        streams: withoutKey(s.streams, responseId),
        toolCalls: withoutKey(s.toolCalls, responseId),
        order: s.order.filter((id) => id !== responseId),
        regenerating: withoutKey(s.regenerating, prev.regenerates),
      };
    });
  },

  dismissNotice(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },

  askStarted(conversationId) {
    set((s) => ({ asking: { ...s.asking, [conversationId]: (s.asking[conversationId] ?? 0) + 1 } }));
  },

  askEnded(conversationId) {
    set((s) => {
      const n = (s.asking[conversationId] ?? 0) - 1;
      return { asking: n > 0 ? { ...s.asking, [conversationId]: n } : withoutKey(s.asking, conversationId) };
    });
  },

  regenerateStarted(messageId) {
    set((s) => ({ regenerating: { ...s.regenerating, [messageId]: true } }));
  },

  regenerateEnded(messageId) {
    set((s) => ({ regenerating: withoutKey(s.regenerating, messageId) }));
  },

  setStatus(status) {
    set({ status, statusKnown: 'known' });
  },

  statusAbsent() {
    set({ status: null, statusKnown: 'absent' });
  },

  openSettings(conversationId) {
    set({ settingsFor: conversationId });
  },

  openTranslate(translateFor) {
    set({ translateFor });
  },
}));

/** Whether a stream still needs its own row in the message list. */
export function streamShown(st: Stream): boolean {
  if (st.stored) return false;
  if (st.status === 'cancelled' && !st.storedId) return false; // stopped before its first word: nothing stored
  if (st.status === 'interrupted' && !st.text) return false;
  return true;
}

/** The responseIds of streams with their own row in a conversation, oldest first. */
export function shownStreams(s: Pick<AiState, 'order' | 'streams'>, conversationId: string): string[] {
  return s.order.filter((id) => {
    const st = s.streams[id];
    return st.conversationId === conversationId && streamShown(st);
  });
}

const NO_CALLS: AiToolCallEvent[] = [];

/** The tool calls of one reply (a stable empty list when none), for selectors. */
export function toolCallsOf(s: Pick<AiState, 'toolCalls'>, responseId: string | null): AiToolCallEvent[] {
  return (responseId && s.toolCalls[responseId]) || NO_CALLS;
}

/** What a tool call did, in words: "Searched messages for “flights”", "Generating 3D model: a red chair". */
export function toolCallText(c: Pick<AiToolCallEvent, 'tool' | 'arguments' | 'status' | 'detail'>): string {
  const arg = (name: string) => c.arguments?.[name]?.trim() ?? '';
  const ok = c.status === 'ok';
  let what: string;
  switch (c.tool) {
    case 'search_messages':
      what = ok ? `Searched messages for “${arg('query')}”` : "Couldn't search messages";
      break;
    case 'generate_3d_model':
      what = ok ? `Generating 3D model: ${arg('description')}` : "Couldn't generate a 3D model";
      break;
    default:
      what = ok ? `Used the tool “${c.tool}”` : `Couldn't use the tool “${c.tool}”`;
  }
  return ok || !c.detail ? what : `${what}: ${c.detail.replace(/^error:\s*/, '')}`;
}
