import type { Socket } from 'socket.io-client';
import { SocketAckError, emitAck } from '../chat/realtime';
import { ApiError, api } from '../shared/api';
import { describeError } from '../shared/errors';
import type { Message } from '../shared/types';
import { useAiStore } from './store';
import {
  ASSISTANT_USERNAME,
  type AiAck,
  type AiChunkEvent,
  type AiErrorEvent,
  type AiResponseEvent,
  type AiRoomSettings,
  type AiRoomSettingsUpdate,
  type AiStatus,
  type AiToolCallEvent,
} from './types';

const store = useAiStore.getState;
const ACK_TIMEOUT_MS = 15_000;

// Chunks arrive token by token; the store (and the Markdown render) takes them a few frames' worth at a time.
const buffered = new Map<string, AiChunkEvent>();
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function bufferChunk(e: AiChunkEvent) {
  const prev = buffered.get(e.responseId);
  if (prev) prev.delta += e.delta;
  else buffered.set(e.responseId, { ...e });
  flushTimer ??= setTimeout(flushChunks, 32);
}

/** Hands buffered chunks to the store; run before any other assistant event so their order holds. */
export function flushChunks() {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  if (buffered.size === 0) return;
  const list = [...buffered.values()];
  buffered.clear();
  for (const e of list) store().chunk(e);
}

/** The stored reply's clientMessageId is `ai-<responseId>` (docs/protocol.md): it links the message to its stream. */
export function replyResponseId(m: Pick<Message, 'username' | 'clientMessageId'>): string | null {
  if (m.username !== ASSISTANT_USERNAME || !m.clientMessageId?.startsWith('ai-')) return null;
  return m.clientMessageId.slice(3);
}

/** Subscribes the assistant store to the socket (once per socket; socket.io keeps listeners across reconnects). */
export function bindAiEvents(s: Socket) {
  s.on('ai_response_chunk', (e: AiChunkEvent) => bufferChunk(e));
  s.on('ai_response', (e: AiResponseEvent) => {
    flushChunks();
    store().response(e);
  });
  s.on('ai_tool_call', (e: AiToolCallEvent) => {
    flushChunks();
    store().toolCall(e);
  });
  s.on('ai_error', (e: AiErrorEvent) => {
    flushChunks();
    store().error(e, aiErrorText);
  });
  s.on('ai_status', (e: AiStatus) => store().setStatus(e));
  s.on('new_message', (m: Message) => {
    const responseId = replyResponseId(m);
    if (!responseId) return;
    flushChunks();
    store().storedMessage(responseId, m.id);
  });
  s.on('typing', (p: { conversationId: string; username: string; typing: boolean }) => {
    if (p.username !== ASSISTANT_USERNAME || p.typing) return;
    flushChunks();
    store().assistantStoppedTyping(p.conversationId);
  });
  // The status may have changed while we were away (a download finished).
  s.on('connect', () => void loadStatus());
}

/** Starts the assistant side of a chat session; returns its cleanup. */
export function startAi(): () => void {
  store().reset();
  return () => {
    buffered.clear();
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    store().reset();
  };
}

export async function loadStatus() {
  try {
    store().setStatus(await api.get<AiStatus>('/api/ai/status'));
  } catch {
    // A server without the status endpoint (404) or a failed request: the indicator hides rather than guessing.
    store().statusAbsent();
  }
}

function capitalise(s: string): string {
  const t = s.trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function sentence(s: string): string {
  const t = capitalise(s);
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}

/**
 * What happened and what to do, for an assistant error code and the server's message (which says the specifics:
 * the limit, when it resets, how to enable a model).
 */
export function aiErrorText(code: string, message: string): string {
  const said = message && message !== code ? sentence(message) : '';
  switch (code) {
    case 'ai_unavailable':
    case 'unavailable':
      return said
        ? `The assistant can't answer right now. ${said}`
        : "The assistant can't answer right now: no AI model is available. Ask an admin to configure one, then try again.";
    case 'too_large':
      return said
        ? `${said} Shorten your message and try again.`
        : 'Your message is too long for the assistant. Shorten it and try again.';
    case 'rate_limited':
      return said || 'You have asked the assistant too often. Wait a minute and try again.';
    case 'forbidden':
      return said || "The assistant can't answer here. Ask a room owner or admin.";
    case 'not_found':
      return said ? `${said} It may have been deleted.` : 'That no longer exists; it may have been deleted.';
    case 'bad_request':
      return said
        ? `${said} Check it and try again.`
        : 'The assistant could not understand that request. Check it and try again.';
    case 'offline':
      return "You're offline, so the assistant didn't get that. Reconnect, then try again.";
    case 'timeout':
      return 'The server did not answer in time. Check your connection and try again.';
    default:
      return said ? `The assistant failed: ${said} Try again.` : 'The assistant failed unexpectedly. Try again.';
  }
}

function refusal(e: unknown): Error {
  if (e instanceof SocketAckError) return new Error(aiErrorText(e.code, e.message));
  return new Error(describeError(e));
}

export interface AskInput {
  conversationId: string;
  message: string;
  replyTo?: string | null;
  threadId?: string | null;
}

/**
 * Sends a question (or a `/summarize` / `/translate` skill) with ai_chat_message. The question is stored and
 * comes back as a normal new_message; the reply streams. Rejects with a sentence to show when refused.
 */
export async function askAssistant(input: AskInput): Promise<AiAck> {
  const payload = {
    conversationId: input.conversationId,
    message: input.message,
    clientMessageId: crypto.randomUUID(),
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    ...(input.threadId ? { threadId: input.threadId } : {}),
  };
  store().askStarted(input.conversationId);
  try {
    const ack = await emitAck<AiAck>('ai_chat_message', payload, ACK_TIMEOUT_MS);
    if (ack.responseId) {
      store().requested({ responseId: ack.responseId, conversationId: input.conversationId, questionId: ack.messageId });
    }
    return ack;
  } catch (e) {
    throw refusal(e);
  } finally {
    store().askEnded(input.conversationId);
  }
}

/** Asks the assistant to answer again the question behind one of its replies; the new reply streams as usual. */
export async function regenerateReply(conversationId: string, replyMessageId: string): Promise<void> {
  store().regenerateStarted(replyMessageId);
  store().askStarted(conversationId);
  try {
    const ack = await emitAck<AiAck>('ai_regenerate', { conversationId, messageId: replyMessageId }, ACK_TIMEOUT_MS);
    if (ack.responseId) {
      store().requested({ responseId: ack.responseId, conversationId, questionId: ack.messageId, regenerates: replyMessageId });
    } else {
      store().regenerateEnded(replyMessageId);
    }
  } catch (e) {
    store().regenerateEnded(replyMessageId);
    throw refusal(e);
  } finally {
    store().askEnded(conversationId);
  }
}

/** Stops a reply this user asked for. The part already streamed is kept (ai_response says so). */
export async function stopReply(responseId: string): Promise<void> {
  store().setStopping(responseId, true);
  try {
    await emitAck('ai_cancel', { responseId }, ACK_TIMEOUT_MS);
  } catch (e) {
    store().setStopping(responseId, false);
    // Finished in the meantime: there is nothing left to stop, and nothing to report.
    if (e instanceof SocketAckError && e.code === 'not_found') return;
    throw e instanceof SocketAckError && e.code === 'forbidden'
      ? new Error('Only the person who asked can stop this reply.')
      : refusal(e);
  }
}

export function getRoomSettings(conversationId: string, signal?: AbortSignal) {
  return api.get<AiRoomSettings>(`/api/ai/rooms/${encodeURIComponent(conversationId)}/settings`, { signal });
}

export function putRoomSettings(conversationId: string, update: AiRoomSettingsUpdate) {
  return api.put<AiRoomSettings>(`/api/ai/rooms/${encodeURIComponent(conversationId)}/settings`, update);
}

/** A sentence for a settings load or save failure that is not about one field. */
export function describeSettingsError(e: unknown): string {
  if (e instanceof ApiError && e.status === 403)
    return "Only the room's owner or an admin can change the assistant's settings here.";
  return describeError(e, 'load');
}
