import { beforeEach, describe, expect, it } from 'vitest';
import { QUIET_MS, shownStreams, toolCallText, toolCallsOf, useAiStore } from './store';
import type { AiToolCallEvent } from './types';

const s = useAiStore.getState;
const C = 'c1';
const chunk = (responseId: string, delta: string, at = 1000, conversationId = C) =>
  s().chunk({ responseId, conversationId, delta }, at);

beforeEach(() => s().reset());

describe('assembling a streamed reply', () => {
  it('appends chunks in the order they arrive, and the row shows the growing text', () => {
    chunk('r1', 'Hel');
    expect(s().streams.r1.status).toBe('streaming');
    expect(s().streams.r1.text).toBe('Hel');
    chunk('r1', 'lo, ');
    chunk('r1', '**world**');
    expect(s().streams.r1.text).toBe('Hello, **world**');
    expect(shownStreams(s(), C)).toEqual(['r1']);
    expect(shownStreams(s(), 'other')).toEqual([]);
  });

  it('keeps interleaved replies apart and lists them in the order they started', () => {
    chunk('r2', 'a');
    chunk('r1', '1');
    chunk('r2', 'b');
    chunk('r1', '2');
    expect(s().streams.r1.text).toBe('12');
    expect(s().streams.r2.text).toBe('ab');
    expect(s().order).toEqual(['r2', 'r1']);
  });

  it('keeps chunks that arrived before the ack, and the ack makes the reply ours', () => {
    chunk('r1', 'early ');
    s().requested({ responseId: 'r1', conversationId: C, questionId: 'q1' });
    chunk('r1', 'late');
    const st = s().streams.r1;
    expect(st.text).toBe('early late');
    expect(st.mine).toBe(true);
    expect(st.questionId).toBe('q1');
    expect(st.status).toBe('streaming');
  });

  it('an acked request with nothing streamed yet waits, and is shown', () => {
    s().requested({ responseId: 'r1', conversationId: C, questionId: 'q1' });
    expect(s().streams.r1.status).toBe('waiting');
    expect(s().streams.r1.text).toBe('');
    expect(shownStreams(s(), C)).toEqual(['r1']);
  });

  it('ai_response makes the stored text final; chunks arriving after it change nothing', () => {
    chunk('r1', 'Hello');
    s().response({ id: 'm9', responseId: 'r1', conversationId: C, message: 'Hello there.', cancelled: false });
    chunk('r1', ' stray');
    const st = s().streams.r1;
    expect(st.status).toBe('done');
    expect(st.text).toBe('Hello there.');
    expect(st.storedId).toBe('m9');
  });

  it('a reply that finished before its ack arrived stays finished', () => {
    chunk('r1', 'quick');
    s().response({ id: 'm9', responseId: 'r1', conversationId: C, message: 'quick', cancelled: false });
    s().requested({ responseId: 'r1', conversationId: C, questionId: 'q1' });
    expect(s().streams.r1.status).toBe('done');
    expect(s().streams.r1.mine).toBe(true);
  });

  it('gives its row up to the stored message (new_message), before or after ai_response', () => {
    chunk('r1', 'text');
    s().storedMessage('r1', 'm9');
    expect(shownStreams(s(), C)).toEqual([]);
    expect(s().streams.r1.text).toBe('');
    s().response({ id: 'm9', responseId: 'r1', conversationId: C, message: 'text', cancelled: false });
    expect(shownStreams(s(), C)).toEqual([]);
    // A stored message for a reply this tab never saw streaming is not tracked.
    s().storedMessage('unknown', 'm10');
    expect(s().streams.unknown).toBeUndefined();
  });
});

describe('stopping a reply', () => {
  it('marks it stopping, then cancelled with the partial text the server stored', () => {
    s().requested({ responseId: 'r1', conversationId: C, questionId: 'q1' });
    chunk('r1', 'word0 word1 ');
    s().setStopping('r1', true);
    expect(s().streams.r1.stopping).toBe(true);
    s().response({
      id: 'm9',
      responseId: 'r1',
      conversationId: C,
      message: 'word0 word1 \n\n_(stopped by @ada)_',
      cancelled: true,
    });
    const st = s().streams.r1;
    expect(st.status).toBe('cancelled');
    expect(st.stopping).toBe(false);
    expect(st.text).toContain('stopped by @ada');
    expect(shownStreams(s(), C)).toEqual(['r1']);
  });

  it('hides a reply stopped before its first word (nothing was stored)', () => {
    s().requested({ responseId: 'r1', conversationId: C, questionId: 'q1' });
    s().setStopping('r1', true);
    s().response({ id: null, responseId: 'r1', conversationId: C, message: '', cancelled: true });
    expect(s().streams.r1.status).toBe('cancelled');
    expect(shownStreams(s(), C)).toEqual([]);
  });

  it('clears "stopping" when the cancel is refused', () => {
    s().requested({ responseId: 'r1', conversationId: C, questionId: 'q1' });
    s().setStopping('r1', true);
    s().setStopping('r1', false);
    expect(s().streams.r1.stopping).toBe(false);
  });
});

describe('errors', () => {
  const describe2 = (code: string, message: string) => `[${code}] ${message}`;

  it('an ai_error for a reply on screen fails that reply with words for people', () => {
    s().requested({ responseId: 'r1', conversationId: C, questionId: 'q1' });
    chunk('r1', 'partial');
    const shown = s().error(
      { conversationId: C, responseId: 'r1', code: 'ai_unavailable', message: 'every provider failed' },
      describe2,
    );
    expect(shown).toBe(true);
    const st = s().streams.r1;
    expect(st.status).toBe('failed');
    expect(st.error).toBe('[ai_unavailable] every provider failed');
    expect(st.text).toBe('partial');
    expect(s().notices).toEqual([]);
    expect(shownStreams(s(), C)).toEqual(['r1']);
  });

  it('a refusal while this tab waits for the ack is left to the ack (no duplicate notice)', () => {
    s().askStarted(C);
    expect(s().error({ conversationId: C, responseId: null, code: 'rate_limited', message: 'slow down' })).toBe(false);
    expect(s().notices).toEqual([]);
    s().askEnded(C);
    expect(s().asking[C]).toBeUndefined();
  });

  it('a refusal nobody is waiting for (a mention) becomes a notice for its conversation', () => {
    expect(s().error({ conversationId: C, responseId: null, code: 'rate_limited', message: 'slow down' }, describe2)).toBe(true);
    expect(s().notices).toHaveLength(1);
    expect(s().notices[0]).toMatchObject({ conversationId: C, code: 'rate_limited', message: '[rate_limited] slow down' });
    s().dismissNotice(s().notices[0].id);
    expect(s().notices).toEqual([]);
  });

  it('keeps at most five notices', () => {
    for (let i = 0; i < 8; i++) s().error({ conversationId: C, responseId: null, code: 'x', message: `m${i}` });
    expect(s().notices.map((n) => n.message)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
  });

  it('shows what the room saw of a reply that ended without ai_response as interrupted', () => {
    chunk('r1', 'half a ', 1000);
    chunk('r2', 'still going', 1000 + QUIET_MS);
    s().assistantStoppedTyping(C, 1000 + QUIET_MS + 10);
    expect(s().streams.r1.status).toBe('interrupted');
    expect(s().streams.r2.status).toBe('streaming');
    // More text after all: it was alive.
    chunk('r1', 'sentence', 5000);
    expect(s().streams.r1.status).toBe('streaming');
    expect(s().streams.r1.text).toBe('half a sentence');
    s().dismiss('r2');
    expect(s().streams.r2).toBeUndefined();
    expect(s().order).toEqual(['r1']);
  });
});

describe('regenerate', () => {
  it('is busy from the click until the new reply is done', () => {
    s().regenerateStarted('m1');
    expect(s().regenerating.m1).toBe(true);
    s().requested({ responseId: 'r2', conversationId: C, questionId: 'q1', regenerates: 'm1' });
    expect(s().regenerating.m1).toBe(true);
    expect(s().streams.r2.regenerates).toBe('m1');
    chunk('r2', 'again');
    expect(s().regenerating.m1).toBe(true);
    s().response({ id: 'm2', responseId: 'r2', conversationId: C, message: 'again', cancelled: false });
    expect(s().regenerating.m1).toBeUndefined();
  });

  it('is no longer busy when the new reply fails, or when the request is refused', () => {
    s().regenerateStarted('m1');
    s().requested({ responseId: 'r2', conversationId: C, questionId: 'q1', regenerates: 'm1' });
    s().error({ conversationId: C, responseId: 'r2', code: 'ai_unavailable', message: 'down' });
    expect(s().regenerating.m1).toBeUndefined();

    s().regenerateStarted('m1');
    s().regenerateEnded('m1');
    expect(s().regenerating).toEqual({});
  });

  it('is not left busy when the new reply finished before the ack', () => {
    s().regenerateStarted('m1');
    chunk('r2', 'fast');
    s().response({ id: 'm2', responseId: 'r2', conversationId: C, message: 'fast', cancelled: false });
    s().requested({ responseId: 'r2', conversationId: C, questionId: 'q1', regenerates: 'm1' });
    expect(s().regenerating.m1).toBeUndefined();
  });
});

describe('model status', () => {
  it('is loading, then known or absent', () => {
    expect(s().statusKnown).toBe('loading');
    s().setStatus({ provider: 'local', model: 'qwen', state: 'downloading', percent: 43, reason: null });
    expect(s().statusKnown).toBe('known');
    expect(s().status?.percent).toBe(43);
    s().statusAbsent();
    expect(s().statusKnown).toBe('absent');
    expect(s().status).toBeNull();
  });
});

describe('tool calls', () => {
  const call = (over: Partial<AiToolCallEvent>): AiToolCallEvent => ({
    responseId: 'r1',
    conversationId: C,
    tool: 'search_messages',
    arguments: { query: 'Lisbon flights' },
    status: 'ok',
    detail: null,
    ...over,
  });

  it('are kept per reply in call order, and stay once the reply is stored', () => {
    s().requested({ responseId: 'r1', conversationId: C, questionId: 'q1' });
    s().toolCall(call({}));
    s().toolCall(call({ tool: 'generate_3d_model', arguments: { description: 'a red chair' } }));
    s().toolCall(call({ responseId: 'r2', arguments: { query: 'other' } }));
    expect(toolCallsOf(s(), 'r1').map(toolCallText)).toEqual([
      'Searched messages for “Lisbon flights”',
      'Generating 3D model: a red chair',
    ]);
    chunk('r1', 'Your flights leave Friday.');
    s().response({ id: 'm9', responseId: 'r1', conversationId: C, message: 'Your flights leave Friday.', cancelled: false });
    s().storedMessage('r1', 'm9');
    expect(toolCallsOf(s(), 'r1')).toHaveLength(2);
    expect(toolCallsOf(s(), 'r2').map(toolCallText)).toEqual(['Searched messages for “other”']);
  });

  it('a call heard before anything else of its reply shows that reply as on its way; none is a stable empty list', () => {
    s().toolCall(call({ responseId: 'early' }));
    expect(toolCallsOf(s(), 'early')).toHaveLength(1);
    expect(s().streams.early.status).toBe('waiting');
    expect(s().streams.early.mine).toBe(false);
    expect(shownStreams(s(), C)).toEqual(['early']);
    chunk('early', 'Found it.');
    expect(s().streams.early.text).toBe('Found it.');
    expect(toolCallsOf(s(), 'none')).toBe(toolCallsOf(s(), null));
    expect(toolCallsOf(s(), 'none')).toEqual([]);
  });

  it('go with a dismissed reply, and with a reset', () => {
    s().toolCall(call({}));
    s().error({ conversationId: C, responseId: 'r1', code: 'ai_unavailable', message: 'down' });
    chunk('r1', 'x');
    s().dismiss('r1');
    expect(toolCallsOf(s(), 'r1')).toEqual([]);
    s().toolCall(call({ responseId: 'r3' }));
    s().reset();
    expect(s().toolCalls).toEqual({});
  });

  it('say why a call was refused or failed, without the "error:" the model was given', () => {
    expect(toolCallText(call({ status: 'refused', arguments: null, detail: 'error: "query" must be a non-empty string' }))).toBe(
      'Couldn\'t search messages: "query" must be a non-empty string',
    );
    expect(
      toolCallText(
        call({ tool: 'generate_3d_model', status: 'failed', arguments: { description: 'x' }, detail: 'error: limit' }),
      ),
    ).toBe("Couldn't generate a 3D model: limit");
    expect(toolCallText(call({ tool: 'weather', arguments: {} }))).toBe('Used the tool “weather”');
  });
});
