import type { Socket } from 'socket.io-client';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../shared/types';
import { addressesAssistant, isAssistantConversation, parseAiCommand } from './commands';
import { aiErrorText, bindAiEvents, flushChunks, replyResponseId } from './service';
import { shownStreams, toolCallText, toolCallsOf, useAiStore } from './store';
import { statusLabel, statusSentence } from './ModelStatus';

/** Just enough of a socket to deliver server events to the handlers bindAiEvents registers. */
function eventSource() {
  const handlers = new Map<string, ((p: unknown) => void)[]>();
  const socket = {
    on(event: string, h: (p: unknown) => void) {
      handlers.set(event, [...(handlers.get(event) ?? []), h]);
      return socket;
    },
  };
  return {
    socket: socket as unknown as Socket,
    deliver(event: string, payload: unknown) {
      for (const h of handlers.get(event) ?? []) h(payload);
    },
  };
}

const s = useAiStore.getState;
beforeEach(() => {
  flushChunks();
  s().reset();
});

describe('socket events into the store', () => {
  it('batches chunks, and hands them over before ai_response so the order holds', () => {
    const src = eventSource();
    bindAiEvents(src.socket);
    for (const delta of ['```py', 'thon\nprint(1)', '\n```'])
      src.deliver('ai_response_chunk', { responseId: 'r1', conversationId: 'c1', delta });
    // Buffered: not in the store yet (the UI takes them a frame at a time).
    expect(s().streams.r1).toBeUndefined();
    flushChunks();
    expect(s().streams.r1.text).toBe('```python\nprint(1)\n```');
    src.deliver('ai_response_chunk', { responseId: 'r1', conversationId: 'c1', delta: ' tail' });
    src.deliver('ai_response', { id: 'm1', responseId: 'r1', conversationId: 'c1', message: 'final', cancelled: false });
    expect(s().streams.r1.status).toBe('done');
    expect(s().streams.r1.text).toBe('final');
  });

  it('ai_tool_call lands in the store after the chunks before it, and its reply is found from the stored message', () => {
    const src = eventSource();
    bindAiEvents(src.socket);
    src.deliver('ai_response_chunk', { responseId: 'r1', conversationId: 'c1', delta: 'Let me look. ' });
    src.deliver('ai_tool_call', {
      responseId: 'r1',
      conversationId: 'c1',
      tool: 'search_messages',
      arguments: { query: 'flights' },
      status: 'ok',
      detail: null,
    });
    expect(s().streams.r1.text).toBe('Let me look. ');
    const stored = { id: 'm1', username: 'assistant', clientMessageId: 'ai-r1', conversationId: 'c1' } as Message;
    expect(toolCallsOf(s(), replyResponseId(stored)).map(toolCallText)).toEqual(['Searched messages for “flights”']);
  });

  it('links the stored reply (clientMessageId ai-<responseId>) to its stream, and hears the assistant stop typing', () => {
    const src = eventSource();
    bindAiEvents(src.socket);
    src.deliver('ai_response_chunk', { responseId: 'r1', conversationId: 'c1', delta: 'hi' });
    const stored = { id: 'm1', username: 'assistant', clientMessageId: 'ai-r1', conversationId: 'c1' } as Message;
    src.deliver('new_message', stored);
    expect(s().streams.r1.stored).toBe(true);
    expect(shownStreams(s(), 'c1')).toEqual([]);

    src.deliver('ai_response_chunk', { responseId: 'r2', conversationId: 'c1', delta: 'half' });
    flushChunks();
    useAiStore.setState((st) => ({ streams: { ...st.streams, r2: { ...st.streams.r2, lastChunkAt: 0 } } }));
    src.deliver('typing', { conversationId: 'c1', username: 'ada', typing: false });
    expect(s().streams.r2.status).toBe('streaming');
    src.deliver('typing', { conversationId: 'c1', username: 'assistant', typing: false });
    expect(s().streams.r2.status).toBe('interrupted');
  });

  it('turns ai_error into words and ai_status into the status', () => {
    const src = eventSource();
    bindAiEvents(src.socket);
    src.deliver('ai_error', {
      conversationId: 'c1',
      responseId: null,
      code: 'rate_limited',
      message: 'Too many assistant requests: at most 10 per minute; try again in 42 s',
    });
    expect(s().notices[0].message).toBe('Too many assistant requests: at most 10 per minute; try again in 42 s.');
    src.deliver('ai_status', { provider: 'local', model: 'qwen2.5-0.5b', state: 'ready', percent: 100, reason: null });
    expect(s().status?.state).toBe('ready');
  });

  it("recognises only the assistant's stored replies", () => {
    expect(replyResponseId({ username: 'assistant', clientMessageId: 'ai-0SA2T39D9Q6R3' })).toBe('0SA2T39D9Q6R3');
    expect(replyResponseId({ username: 'ada', clientMessageId: 'ai-0SA2T39D9Q6R3' })).toBeNull();
    expect(replyResponseId({ username: 'assistant', clientMessageId: null })).toBeNull();
  });
});

describe('error sentences', () => {
  it("say what happened (the server's words) and what to do", () => {
    expect(aiErrorText('ai_unavailable', 'no AI provider is configured; set KILN_AI_PROVIDER')).toBe(
      "The assistant can't answer right now. No AI provider is configured; set KILN_AI_PROVIDER.",
    );
    expect(aiErrorText('too_large', 'message is too long for the assistant: at most 4000 characters (this one has 4200)')).toBe(
      'Message is too long for the assistant: at most 4000 characters (this one has 4200) Shorten your message and try again.',
    );
    expect(aiErrorText('forbidden', 'the assistant is turned off in this room; an owner or admin can turn it on')).toBe(
      'The assistant is turned off in this room; an owner or admin can turn it on.',
    );
    expect(aiErrorText('offline', 'Not connected')).toMatch(/offline.*Reconnect/);
    expect(aiErrorText('rate_limited', '')).toMatch(/Wait a minute/);
    expect(aiErrorText('weird', 'boom')).toBe('The assistant failed: Boom. Try again.');
  });
});

describe('composer commands', () => {
  it('parses /summarize and /translate <language>', () => {
    expect(parseAiCommand('/summarize')).toEqual({ kind: 'summarize', message: '/summarize' });
    expect(parseAiCommand('  /Summarise  ')).toEqual({ kind: 'summarize', message: '/summarize' });
    expect(parseAiCommand('/translate french')).toEqual({ kind: 'translate', language: 'French', message: '/translate French' });
    expect(parseAiCommand('/translate brazilian portuguese')).toMatchObject({ message: '/translate Brazilian Portuguese' });
    expect(parseAiCommand('/translate')).toMatchObject({ kind: 'invalid' });
    expect(parseAiCommand(`/translate ${'x'.repeat(41)}`)).toMatchObject({ kind: 'invalid' });
    expect(parseAiCommand('/3d a chair')).toBeNull();
    expect(parseAiCommand('please /summarize')).toBeNull();
    expect(parseAiCommand('/summarizer')).toBeNull();
  });

  it('knows when a message asks the assistant', () => {
    const room = { conversationId: 'c', type: 'group' } as Parameters<typeof addressesAssistant>[0];
    expect(addressesAssistant(room, '@assistant what is Kiln?')).toBe(true);
    expect(addressesAssistant(room, 'hey @Assistant, help')).toBe(true);
    expect(addressesAssistant(room, 'mail me@assistant.dev')).toBe(false);
    expect(addressesAssistant(room, '@assistants are people too')).toBe(false);
    const dm = {
      conversationId: 'd',
      type: 'direct',
      participants: [{ userId: 'b', username: 'assistant', role: 'member' }],
    } as Parameters<typeof addressesAssistant>[0];
    expect(isAssistantConversation(dm)).toBe(true);
    expect(addressesAssistant(dm, 'anything at all')).toBe(true);
    const otherDm = { ...dm!, participants: [{ userId: 'x', username: 'bob', role: 'member' as const }] };
    expect(addressesAssistant(otherDm, '@assistant hi')).toBe(false);
  });
});

describe('model status words', () => {
  it('reads downloading 43 %, ready, and unavailable with the reason', () => {
    const downloading = {
      provider: 'local',
      model: 'qwen2.5-0.5b-instruct',
      state: 'downloading' as const,
      percent: 43.7,
      reason: null,
    };
    expect(statusLabel(downloading)).toBe('Downloading model 43 %');
    expect(statusSentence(downloading)).toContain('43 % done');
    expect(statusLabel({ ...downloading, state: 'ready' })).toBe('AI ready');
    const down = { ...downloading, state: 'unavailable' as const, reason: 'no model file and no network. Set KILN_MODEL_PATH.' };
    expect(statusLabel(down)).toBe('AI unavailable');
    expect(statusSentence(down)).toBe('The assistant is unavailable: no model file and no network. Set KILN_MODEL_PATH.');
  });
});
