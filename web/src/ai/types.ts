// The assistant's wire shapes (docs/protocol.md, "AI assistant").

/** The bot user's name: its messages are the assistant's replies. */
export const ASSISTANT_USERNAME = 'assistant';

/** `ai_response_chunk`: the next piece of a streaming reply, to the whole room, in order. */
export interface AiChunkEvent {
  responseId: string;
  conversationId: string;
  delta: string;
}

export interface AiUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

/** `ai_response`: the reply is complete and stored (`id` null when a reply stopped before its first word stored nothing). */
export interface AiResponseEvent {
  id: string | null;
  responseId: string;
  conversationId: string;
  message: string;
  provider?: string | null;
  model?: string | null;
  usage?: AiUsage | null;
  latencyMs?: number;
  cancelled?: boolean;
}

/**
 * `ai_tool_call`: the assistant called a tool during a reply, to the whole room. `arguments` are the validated ones
 * (null when they could not be read); `detail` says why when the call was refused or failed.
 */
export interface AiToolCallEvent {
  responseId: string;
  conversationId: string;
  tool: string;
  arguments: Record<string, string> | null;
  status: 'ok' | 'refused' | 'failed';
  detail: string | null;
}

/** `ai_error`: to the asker only; `responseId` null when the request was refused before it started. */
export interface AiErrorEvent {
  conversationId: string | null;
  responseId: string | null;
  code: string;
  message: string;
}

/** The ack of `ai_chat_message` and `ai_regenerate`; `responseId` null when a retried clientMessageId started nothing. */
export interface AiAck {
  ok: boolean;
  messageId: string | null;
  conversationId: string;
  responseId: string | null;
}

export type ModelState = 'ready' | 'downloading' | 'loading' | 'unavailable';

/** `GET /api/ai/status` and the `ai_status` event. */
export interface AiStatus {
  provider: string | null;
  model: string | null;
  state: ModelState;
  percent?: number | null;
  reason?: string | null;
}

/** `GET/PUT /api/ai/rooms/{id}/settings`; null fields mean the server default. */
export interface AiRoomSettings {
  conversationId: string;
  enabled: boolean;
  systemPrompt: string | null;
  provider: string | null;
  model: string | null;
  temperature: number | null;
  providers: string[];
}

export type AiRoomSettingsUpdate = Omit<AiRoomSettings, 'conversationId' | 'providers'>;
