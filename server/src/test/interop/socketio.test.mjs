// Socket.IO interop: the official socket.io-client 4.x against the real server jar, every scenario over
// WebSocket and over HTTP long-polling. See docs/protocol.md ("Socket events") for the contract.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api, apiOk, closeAll, connect, connectError, createRoom, expiredToken, history, register, registerMany, sleep,
  startServer,
} from './support/kiln.mjs';

let server;
let base;

// 1,000 users for the big-room scenario. Registering is CPU-bound on the server (Argon2), so it runs in
// the background, two at a time, while the transport scenarios run; the big-room tests await it.
let crowd;

before(async () => {
  server = await startServer();
  base = server.baseUrl;
  crowd = registerMany(base, 1000, 'crowd', 2);
  crowd.catch(() => { /* reported by the big-room tests */ });
});

after(async () => {
  if (server) await server.stop();
});

/** Nothing more matching arrives within ms (for "exactly once" / "not delivered" checks). */
async function quiet(ms = 400) {
  await sleep(ms);
}

function assertAckError(ack, code, what) {
  assert.ok(ack && typeof ack === 'object' && ack.error, `${what}: expected {error}, got ${JSON.stringify(ack)}`);
  assert.equal(ack.error.code, code, `${what}: wrong code in ${JSON.stringify(ack)}`);
  assert.equal(typeof ack.error.message, 'string', `${what}: error.message must be a string`);
  assert.ok(ack.error.message.length > 0, `${what}: error.message must not be empty`);
}

function assertSendAck(ack, conversationId) {
  assert.ok(ack && !ack.error, `send_message failed: ${JSON.stringify(ack)}`);
  assert.equal(typeof ack.messageId, 'string');
  assert.equal(ack.conversationId, conversationId);
  assert.ok(!Number.isNaN(Date.parse(ack.createdAt)), `createdAt is not a timestamp: ${ack.createdAt}`);
}

for (const transport of ['websocket', 'polling']) {
  const t = transport === 'websocket' ? 'ws' : 'poll';

  describe(`over ${transport}`, () => {
    test('handshake with a valid token connects', async () => {
      const alice = await register(base, `${t}_hs`);
      const c = await connect(base, transport, alice);
      try {
        assert.equal(c.connected, true);
        assert.equal(typeof c.socket.id, 'string');
        assert.equal(c.socket.io.engine.transport.name, transport);
      } finally {
        c.close();
      }
    });

    test('missing, garbage and expired tokens are refused with connect_error "unauthorized…"', async () => {
      const u = await register(base, `${t}_bad`);
      const missing = await connectError(base, transport, undefined);
      assert.match(missing.message, /^unauthorized/);
      assert.equal(missing.message, 'unauthorized: missing token');
      const empty = await connectError(base, transport, {});
      assert.equal(empty.message, 'unauthorized: missing token');
      const garbage = await connectError(base, transport, { token: 'not.a.jwt' });
      assert.equal(garbage.message, 'unauthorized: invalid token');
      const forged = await connectError(base, transport, { token: u.token.slice(0, -4) + 'AAAA' });
      assert.equal(forged.message, 'unauthorized: invalid token');
      const expired = await connectError(base, transport, { token: expiredToken(u.token, server.dataDir) });
      assert.equal(expired.message, 'unauthorized: token expired');
      // The refused attempts leave the real token working.
      const ok = await connect(base, transport, u);
      ok.close();
    });

    test('join_conversation acks {ok:true, lastMessageId}', async () => {
      const alice = await register(base, `${t}_ja`);
      const room = await createRoom(base, alice);
      const c = await connect(base, transport, alice);
      try {
        assert.deepEqual(await c.ack('join_conversation', { conversationId: room.conversationId }),
          { ok: true, lastMessageId: null });
        const sent = await c.ack('send_message', { conversationId: room.conversationId, message: 'first' });
        assertSendAck(sent, room.conversationId);
        assert.deepEqual(await c.ack('join_conversation', { conversationId: room.conversationId }),
          { ok: true, lastMessageId: sent.messageId });
      } finally {
        c.close();
      }
    });

    test('send_message: ack, and every tab of every member (sender included) gets new_message once', async () => {
      const alice = await register(base, `${t}_sa`);
      const bob = await register(base, `${t}_sb`);
      const carol = await register(base, `${t}_sc`);
      const room = await createRoom(base, alice, [bob]);
      const cid = room.conversationId;
      const a1 = await connect(base, transport, alice, 'alice#1');
      const a2 = await connect(base, transport, alice, 'alice#2');
      const b1 = await connect(base, transport, bob, 'bob#1');
      const b2 = await connect(base, transport, bob, 'bob#2');
      const c1 = await connect(base, transport, carol, 'carol');
      try {
        const text = `hello from ${transport} 👋 <b>&amp;</b>`;
        const ack = await a1.ack('send_message', { conversationId: cid, message: text, clientMessageId: `${t}-fan-1` });
        assertSendAck(ack, cid);
        for (const c of [a1, a2, b1, b2]) {
          const m = await c.waitFor('new_message', (d) => d.id === ack.messageId);
          assert.equal(m.message, text, `${c.label} text`);
          assert.equal(m.conversationId, cid);
          assert.equal(m.userId, alice.id);
          assert.equal(m.username, alice.username);
          assert.equal(m.createdAt, ack.createdAt);
          assert.equal(m.clientMessageId, `${t}-fan-1`);
        }
        await quiet();
        for (const c of [a1, a2, b1, b2]) {
          assert.equal(c.received('new_message', (d) => d.id === ack.messageId).length, 1, `${c.label} got it once`);
        }
        assert.equal(c1.received('new_message').length, 0, 'a non-member must not receive the room\'s messages');
        const stored = await history(base, bob, cid);
        assert.deepEqual(stored.map((m) => [m.id, m.message]), [[ack.messageId, text]]);
      } finally {
        closeAll(a1, a2, b1, b2, c1);
      }
    });

    test('members sending at the same moment: every member gets every message once', async () => {
      const users = await Promise.all([1, 2, 3, 4].map((i) => register(base, `${t}_c${i}`)));
      const room = await createRoom(base, users[0], users.slice(1));
      const cid = room.conversationId;
      const clients = [];
      try {
        for (const u of users) clients.push(await connect(base, transport, u));
        const acks = await Promise.all(clients.flatMap((c, i) => Array.from({ length: 10 },
          (_, k) => c.ack('send_message', { conversationId: cid, message: `c${i} #${k}` }))));
        const ids = acks.map((a) => { assertSendAck(a, cid); return a.messageId; });
        for (const c of clients) {
          for (const id of ids) await c.waitFor('new_message', (d) => d.id === id, 10_000);
        }
        await quiet();
        for (const c of clients) {
          const got = c.received('new_message').map((m) => m.id);
          assert.equal(got.length, ids.length, `${c.label}: each message exactly once`);
          // One sender's messages arrive in the order it sent them.
          const byText = new Map(c.received('new_message').map((m) => [m.id, m.message]));
          for (let i = 0; i < clients.length; i++) {
            const mine = got.map((id) => byText.get(id)).filter((x) => x.startsWith(`c${i} `));
            assert.deepEqual(mine, Array.from({ length: 10 }, (_, k) => `c${i} #${k}`), `${c.label}: sender ${i} in order`);
          }
        }
        assert.equal((await history(base, users[0], cid)).length, ids.length);
      } finally {
        closeAll(clients);
      }
    });

    test('a burst of long multibyte messages from several senders arrives whole, once, in order per sender', async () => {
      // ~1 MB per member in a few seconds: on WebSocket the server gathers frames queued during a write into one
      // socket write (up to 64 KiB), so frame boundaries and multibyte characters must survive the batching.
      const users = await Promise.all([1, 2, 3, 4].map((i) => register(base, `${t}_b${i}`)));
      const room = await createRoom(base, users[0], users.slice(1));
      const cid = room.conversationId;
      const body = (i, k) => `b${i} #${k} ${k % 3 === 0 ? 'é🙂'.repeat(2500) : 'x'.repeat(40 + k)}`;
      const clients = [];
      try {
        for (const u of users) clients.push(await connect(base, transport, u));
        const acks = await Promise.all(clients.flatMap((c, i) => Array.from({ length: 30 },
          (_, k) => c.ack('send_message', { conversationId: cid, message: body(i, k) }))));
        const ids = acks.map((a) => { assertSendAck(a, cid); return a.messageId; });
        for (const c of clients) {
          for (const id of ids) await c.waitFor('new_message', (d) => d.id === id, 20_000);
        }
        await quiet();
        for (const c of clients) {
          const got = c.received('new_message');
          assert.equal(got.length, ids.length, `${c.label}: each message exactly once`);
          for (let i = 0; i < clients.length; i++) {
            const mine = got.map((m) => m.message).filter((x) => x.startsWith(`b${i} `));
            assert.deepEqual(mine, Array.from({ length: 30 }, (_, k) => body(i, k)), `${c.label}: sender ${i} whole and in order`);
          }
        }
      } finally {
        closeAll(clients);
      }
    });

    test('a retried clientMessageId returns the same ack and is delivered once', async () => {
      const alice = await register(base, `${t}_ra`);
      const bob = await register(base, `${t}_rb`);
      const room = await createRoom(base, alice, [bob]);
      const cid = room.conversationId;
      const a = await connect(base, transport, alice);
      const b = await connect(base, transport, bob);
      try {
        const payload = { conversationId: cid, message: 'only once', clientMessageId: `${t}-retry-1` };
        const first = await a.ack('send_message', payload);
        assertSendAck(first, cid);
        const second = await a.ack('send_message', payload);
        assert.deepEqual(second, first);
        // The same id over REST is also the same message (200, not 201).
        const rest = await api(base, 'POST', '/api/chat/send', { token: alice.token, body: payload });
        assert.equal(rest.status, 200, JSON.stringify(rest.body));
        assert.equal(rest.body.messageId, first.messageId);
        await b.waitFor('new_message', (d) => d.id === first.messageId);
        await quiet(600);
        assert.equal(b.received('new_message').length, 1, 'bob must get exactly one new_message');
        assert.equal(a.received('new_message').length, 1, 'the sender must get exactly one new_message');
        const stored = await history(base, alice, cid);
        assert.equal(stored.length, 1);
      } finally {
        closeAll(a, b);
      }
    });

    test('since recovery: a reconnecting client gets exactly the missed messages, in order, before the ack', async () => {
      const alice = await register(base, `${t}_ya`);
      const bob = await register(base, `${t}_yb`);
      const room = await createRoom(base, alice, [bob]);
      const cid = room.conversationId;
      const a = await connect(base, transport, alice);
      let b = await connect(base, transport, bob, 'bob#1');
      let b2;
      try {
        assert.equal((await b.ack('join_conversation', { conversationId: cid })).ok, true);
        const seen = await a.ack('send_message', { conversationId: cid, message: 'm0 (seen)' });
        const lastSeenId = (await b.waitFor('new_message', (d) => d.id === seen.messageId)).id;
        b.close();
        await sleep(300);

        const missed = [];
        missed.push((await apiOk(base, 'POST', '/api/chat/send', { token: alice.token, body: { conversationId: cid, message: 'm1 via REST' } }, 201)).messageId);
        missed.push((await a.ack('send_message', { conversationId: cid, message: 'm2 via socket' })).messageId);
        missed.push((await apiOk(base, 'POST', '/api/chat/send', { token: alice.token, body: { conversationId: cid, message: 'm3 via REST' } }, 201)).messageId);
        missed.push((await a.ack('send_message', { conversationId: cid, message: 'm4 via socket', clientMessageId: `${t}-m4` })).messageId);

        b2 = await connect(base, transport, bob, 'bob#2');
        const ack = await b2.ackMarked('join_conversation', { conversationId: cid, since: lastSeenId });
        assert.deepEqual(ack, { ok: true, lastMessageId: missed.at(-1) });
        const ackAt = b2.log.findIndex((e) => e.event === '__ack__');
        const replayed = b2.log.slice(0, ackAt).filter((e) => e.event === 'new_message').map((e) => e.data);
        assert.deepEqual(replayed.map((m) => m.id), missed, 'replayed ids, in order, before the ack');
        assert.deepEqual(replayed.map((m) => m.message), ['m1 via REST', 'm2 via socket', 'm3 via REST', 'm4 via socket']);
        await quiet();
        assert.equal(b2.received('new_message').length, missed.length, 'each missed message exactly once, nothing else');

        // Live delivery continues after the replay.
        const live = await a.ack('send_message', { conversationId: cid, message: 'm5 live' });
        await b2.waitFor('new_message', (d) => d.id === live.messageId);

        // since = the newest id replays nothing.
        const none = await b2.ackMarked('join_conversation', { conversationId: cid, since: live.messageId });
        assert.deepEqual(none, { ok: true, lastMessageId: live.messageId });
        await quiet(200);
        assert.equal(b2.received('new_message').length, missed.length + 1);
      } finally {
        closeAll(a, b, b2);
      }
    });

    test('since recovery while messages keep arriving: every message once, in id order', async () => {
      const alice = await register(base, `${t}_za`);
      const bob = await register(base, `${t}_zb`);
      const room = await createRoom(base, alice, [bob]);
      const cid = room.conversationId;
      const a = await connect(base, transport, alice);
      let b;
      try {
        const backlog = [];
        for (let i = 0; i < 30; i++) {
          backlog.push((await a.ack('send_message', { conversationId: cid, message: `backlog ${i}` })).messageId);
        }
        const first = backlog[0];
        b = await connect(base, transport, bob);
        // Live sends race the replay of the backlog.
        const live = Array.from({ length: 15 }, (_, i) => a.ack('send_message', { conversationId: cid, message: `live ${i}` }));
        const join = b.ackMarked('join_conversation', { conversationId: cid, since: first });
        const liveIds = (await Promise.all(live)).map((x) => x.messageId);
        const ack = await join;
        assert.equal(ack.ok, true, JSON.stringify(ack));
        const expected = [...backlog.slice(1), ...liveIds].sort();
        for (const id of liveIds) await b.waitFor('new_message', (d) => d.id === id);
        await quiet();
        const got = b.received('new_message').map((m) => m.id);
        assert.equal(new Set(got).size, got.length, 'no message twice');
        assert.deepEqual([...got].sort(), expected, 'no message missing');
        // Live messages that arrived between connect and join come first; the replay itself is oldest first,
        // and live messages keep their order.
        const replayedBacklog = got.filter((id) => backlog.includes(id));
        assert.deepEqual(replayedBacklog, backlog.slice(1), 'the replay is oldest first');
        const liveOrder = got.filter((id) => liveIds.includes(id));
        assert.deepEqual(liveOrder, [...liveOrder].sort(), 'live messages in id order');
      } finally {
        closeAll(a, b);
      }
    });

    test('bad input answers {error:{code,message}}, stores nothing and keeps the connection usable', async () => {
      const alice = await register(base, `${t}_ba`);
      const bob = await register(base, `${t}_bb`);
      const room = await createRoom(base, alice, [bob]);
      const cid = room.conversationId;
      const a = await connect(base, transport, alice);
      const b = await connect(base, transport, bob);
      const valid = [];
      try {
        const unknownButWellFormedId = '0AAAAAAAAAAAA';
        const cases = [
          ['missing conversationId', 'send_message', [{ message: 'no room' }], 'bad_request'],
          ['null payload', 'send_message', [null], 'bad_request'],
          ['number payload', 'send_message', [42], 'bad_request'],
          ['array payload', 'send_message', [[cid, 'hi']], 'bad_request'],
          ['string payload', 'send_message', ['{"conversationId":"x","message":"hi"}'], 'bad_request'],
          ['no payload at all', 'send_message', [], 'bad_request'],
          ['10,001 characters', 'send_message', [{ conversationId: cid, message: 'x'.repeat(10_001) }], 'too_large'],
          ['blank message', 'send_message', [{ conversationId: cid, message: '   ' }], 'bad_request'],
          ['message of the wrong type', 'send_message', [{ conversationId: cid, message: { text: 'hi' } }], 'bad_request'],
          ['malformed conversationId', 'send_message', [{ conversationId: 'not-an-id', message: 'hi' }], 'bad_request'],
          ['conversationId of the wrong type', 'send_message', [{ conversationId: { id: cid }, message: 'hi' }], 'bad_request'],
          ['unknown conversation', 'send_message', [{ conversationId: unknownButWellFormedId, message: 'hi' }], 'not_found'],
          ['malformed replyTo', 'send_message', [{ conversationId: cid, message: 'hi', replyTo: '../etc' }], 'bad_request'],
          ['unknown event', 'launch_rockets', [{ conversationId: cid }], 'bad_request'],
          ['malformed id in join', 'join_conversation', [{ conversationId: '💥' }], 'bad_request'],
          ['malformed since', 'join_conversation', [{ conversationId: cid, since: 'yesterday' }], 'bad_request'],
          ['edit to 10,001 characters', 'edit_message', [{ messageId: unknownButWellFormedId, message: 'e'.repeat(10_001) }], 'too_large'],
          ['malformed messageId in edit', 'edit_message', [{ messageId: 'nope', message: 'x' }], 'bad_request'],
          ['unknown message in delete', 'delete_message', [{ messageId: unknownButWellFormedId }], 'not_found'],
          ['malformed id in mark_read', 'mark_read', [{ conversationId: cid, messageId: 42 }], 'bad_request'],
          ['typing on a malformed id', 'typing_start', [{ conversationId: '' }], 'bad_request'],
        ];
        for (const [what, event, args, code] of cases) {
          let ack = await a.ack(event, ...args);
          // join_conversation may answer {ok:false, error}; everything else {error}.
          if (ack && ack.ok === false) ack = { error: ack.error };
          assertAckError(ack, code, what);
          assert.equal(a.connected, true, `${what}: the connection must stay open`);
          const ok = await a.ack('send_message', { conversationId: cid, message: `valid after ${what}` });
          assertSendAck(ok, cid);
          valid.push(ok.messageId);
        }

        // Without an ack the answer comes as an `error` event with the same {code, message} body.
        a.emit('send_message', 'just a string');
        const err1 = await a.waitFor('error', (e) => e && e.code === 'bad_request');
        assert.equal(typeof err1.message, 'string');
        a.emit('no_such_event', { x: 1 });
        await a.waitFor('error', (e) => e && e.code === 'bad_request' && /no_such_event/.test(e.message));
        a.emit('send_message', { conversationId: cid, message: 'y'.repeat(10_001) });
        await a.waitFor('error', (e) => e && e.code === 'too_large');
        const okAfter = await a.ack('send_message', { conversationId: cid, message: 'valid after the error events' });
        assertSendAck(okAfter, cid);
        valid.push(okAfter.messageId);

        const stored = await history(base, bob, cid);
        assert.deepEqual(stored.map((m) => m.id), valid, 'only the valid messages are stored');
        await b.waitFor('new_message', (d) => d.id === okAfter.messageId);
        await quiet(200);
        assert.deepEqual(b.received('new_message').map((m) => m.id), valid, 'bob saw only the valid messages');
      } finally {
        closeAll(a, b);
      }
    });

    test('non-members: joining a private room gives {ok:false, error}, sending gives forbidden', async () => {
      const alice = await register(base, `${t}_pa`);
      const bob = await register(base, `${t}_pb`);
      const mallory = await register(base, `${t}_pm`);
      const room = await createRoom(base, alice, [bob]);
      const cid = room.conversationId;
      const a = await connect(base, transport, alice);
      const b = await connect(base, transport, bob);
      const m = await connect(base, transport, mallory);
      try {
        const secret = await a.ack('send_message', { conversationId: cid, message: 'members only' });
        const join = await m.ack('join_conversation', { conversationId: cid, since: secret.messageId });
        assert.equal(join.ok, false, JSON.stringify(join));
        assert.equal(join.error.code, 'forbidden');
        assert.equal(typeof join.error.message, 'string');
        const join2 = await m.ack('join_conversation', { conversationId: cid });
        assert.equal(join2.ok, false);

        const send = await m.ack('send_message', { conversationId: cid, message: 'let me in' });
        assertAckError(send, 'forbidden', 'non-member send_message');
        assertAckError(await m.ack('typing_start', { conversationId: cid }), 'forbidden', 'non-member typing_start');
        assertAckError(await m.ack('mark_read', { conversationId: cid, messageId: secret.messageId }), 'forbidden', 'non-member mark_read');
        assertAckError(await m.ack('toggle_reaction', { messageId: secret.messageId, emoji: '👍' }), 'forbidden', 'non-member toggle_reaction');
        assertAckError(await m.ack('edit_message', { messageId: secret.messageId, message: 'pwned' }), 'forbidden', 'non-member edit_message');
        assertAckError(await m.ack('delete_message', { messageId: secret.messageId }), 'forbidden', 'non-member delete_message');
        // A member cannot edit someone else's message either.
        assertAckError(await b.ack('edit_message', { messageId: secret.messageId, message: 'not mine' }), 'forbidden', 'edit of another user\'s message');

        // Mallory still hears nothing from the room, and nothing she tried was stored or broadcast.
        const later = await a.ack('send_message', { conversationId: cid, message: 'still members only' });
        await b.waitFor('new_message', (d) => d.id === later.messageId);
        await quiet();
        assert.equal(m.received('new_message').length, 0);
        assert.equal(b.received('typing').length, 0);
        assert.equal(b.received('message_edited').length + b.received('message_deleted').length + b.received('reaction_updated').length, 0);
        const stored = await history(base, alice, cid);
        assert.deepEqual(stored.map((x) => [x.id, x.message, x.deletedAt, x.reactions.length]),
          [[secret.messageId, 'members only', null, 0], [later.messageId, 'still members only', null, 0]]);
        assert.equal(m.connected, true);
      } finally {
        closeAll(a, b, m);
      }
    });

    test('typing: the other member sees typing:true, typing_stop ends it, and it expires by itself after ~5 s', async () => {
      const alice = await register(base, `${t}_ta`);
      const bob = await register(base, `${t}_tb`);
      const room = await createRoom(base, alice, [bob]);
      const cid = room.conversationId;
      const a = await connect(base, transport, alice);
      const b = await connect(base, transport, bob);
      try {
        const isBob = (typing) => (d) => d.userId === bob.id && d.typing === typing && d.conversationId === cid;
        assert.deepEqual(await b.ack('typing_start', { conversationId: cid }), { ok: true });
        const on = await a.waitFor('typing', isBob(true));
        assert.deepEqual(on, { conversationId: cid, userId: bob.id, username: bob.username, typing: true });
        assert.deepEqual(await b.ack('typing_stop', { conversationId: cid }), { ok: true });
        await a.waitFor('typing', isBob(false), 2000);

        const before = a.received('typing', isBob(false)).length;
        const startedAt = Date.now();
        await b.ack('typing_start', { conversationId: cid });
        await a.waitFor('typing', (d) => isBob(true)(d) && a.received('typing', isBob(true)).length >= 2);
        const off = await new Promise((res, rej) => {
          const poll = setInterval(() => {
            const offs = a.received('typing', isBob(false));
            if (offs.length > before) { clearInterval(poll); res(offs.at(-1)); }
            if (Date.now() - startedAt > 8000) { clearInterval(poll); rej(new Error('typing:false did not arrive within 8 s')); }
          }, 50);
        });
        const elapsed = Date.now() - startedAt;
        assert.ok(elapsed >= 4000, `typing:false came too early (${elapsed} ms)`);
        assert.deepEqual(off, { conversationId: cid, userId: bob.id, username: bob.username, typing: false });
        await quiet(200);
        assert.deepEqual(b.received('typing'), [], 'the typist\'s own socket gets no typing events about itself');
      } finally {
        closeAll(a, b);
      }
    });

    test('presence: user_online on the first tab, user_offline only when the last tab closes', async () => {
      const watcher = await register(base, `${t}_ow`);
      const dave = await register(base, `${t}_od`);
      await createRoom(base, watcher, [dave]);
      const w = await connect(base, transport, watcher, 'watcher');
      let d1; let d2;
      try {
        const isDave = (d) => d.userId === dave.id;
        d1 = await connect(base, transport, dave, 'dave#1');
        const online = await w.waitFor('user_online', isDave);
        assert.ok(!Number.isNaN(Date.parse(online.lastSeen)), `lastSeen: ${online.lastSeen}`);
        d2 = await connect(base, transport, dave, 'dave#2');
        d1.close();
        await sleep(1500);
        assert.equal(w.received('user_offline', isDave).length, 0, 'still online while one tab is open');
        assert.equal(w.received('user_online', isDave).length, 1, 'the second tab does not announce again');
        d2.close();
        const offline = await w.waitFor('user_offline', isDave, 5000);
        assert.ok(!Number.isNaN(Date.parse(offline.lastSeen)));
        await quiet(300);
        assert.equal(w.received('user_offline', isDave).length, 1);
      } finally {
        closeAll(w, d1, d2);
      }
    });

    test('edit, delete, reactions and read receipts are broadcast to the room', async () => {
      const alice = await register(base, `${t}_ea`);
      const bob = await register(base, `${t}_eb`);
      const room = await createRoom(base, alice, [bob]);
      const cid = room.conversationId;
      const a = await connect(base, transport, alice);
      const b = await connect(base, transport, bob);
      try {
        const sent = await a.ack('send_message', { conversationId: cid, message: 'draft' });
        const id = sent.messageId;
        await b.waitFor('new_message', (d) => d.id === id);

        const edited = await a.ack('edit_message', { messageId: id, message: 'final text' });
        assert.equal(edited.ok, true, JSON.stringify(edited));
        assert.equal(edited.message.id, id);
        assert.equal(edited.message.message, 'final text');
        assert.ok(edited.message.editedAt);
        const e = await b.waitFor('message_edited', (d) => d.id === id);
        assert.equal(e.message, 'final text');
        assert.equal(e.conversationId, cid);
        assert.ok(e.editedAt);

        const r = await b.ack('toggle_reaction', { messageId: id, emoji: '👍' });
        assert.deepEqual(r, { ok: true, reactions: [{ emoji: '👍', count: 1, userIds: [bob.id] }] });
        const ru = await a.waitFor('reaction_updated', (d) => d.messageId === id);
        assert.deepEqual(ru, { messageId: id, conversationId: cid, reactions: [{ emoji: '👍', count: 1, userIds: [bob.id] }] });
        const r2 = await b.ack('toggle_reaction', { messageId: id, emoji: '👍' });
        assert.deepEqual(r2, { ok: true, reactions: [] });
        await a.waitFor('reaction_updated', (d) => d.messageId === id && d.reactions.length === 0);

        assert.deepEqual(await b.ack('mark_read', { conversationId: cid, messageId: id }), { ok: true });
        const rr = await a.waitFor('read_receipt', (d) => d.userId === bob.id);
        assert.deepEqual(rr, { conversationId: cid, userId: bob.id, messageId: id });

        assert.deepEqual(await a.ack('delete_message', { messageId: id }), { ok: true });
        const del = await b.waitFor('message_deleted', (d) => d.messageId === id);
        assert.equal(del.conversationId, cid);
        assert.ok(!Number.isNaN(Date.parse(del.deletedAt)));
        const [tomb] = await history(base, bob, cid);
        assert.equal(tomb.id, id);
        assert.equal(tomb.message, '', 'a deleted message is a tombstone with message ""');
        assert.ok(tomb.deletedAt);
        assert.deepEqual(tomb.attachments, []);
        assertAckError(await a.ack('edit_message', { messageId: id, message: 'resurrect' }), 'bad_request', 'edit of a deleted message');
      } finally {
        closeAll(a, b);
      }
    });

    test('a member added over REST gets conversation_updated and then live messages without reconnecting', async () => {
      const alice = await register(base, `${t}_ma`);
      const frank = await register(base, `${t}_mf`);
      const room = await createRoom(base, alice);
      const cid = room.conversationId;
      const a = await connect(base, transport, alice);
      const f = await connect(base, transport, frank);
      try {
        const before = await a.ack('send_message', { conversationId: cid, message: 'before frank' });
        const view = await apiOk(base, 'POST', `/api/chat/conversations/${cid}/members`, { token: alice.token, body: { userIds: [frank.id] } }, 200);
        assert.equal(view.memberCount, 2);
        const upd = await f.waitFor('conversation_updated', (d) => d.conversationId === cid);
        assert.ok(upd.participants.some((p) => p.userId === frank.id), JSON.stringify(upd));
        await a.waitFor('conversation_updated', (d) => d.conversationId === cid && d.memberCount === 2);

        const live = await a.ack('send_message', { conversationId: cid, message: 'welcome frank' });
        const got = await f.waitFor('new_message', (d) => d.id === live.messageId);
        assert.equal(got.message, 'welcome frank');
        assert.equal(f.received('new_message', (d) => d.id === before.messageId).length, 0);
        // And frank can now take part over the same connection.
        const reply = await f.ack('send_message', { conversationId: cid, message: 'thanks' });
        assertSendAck(reply, cid);
        await a.waitFor('new_message', (d) => d.id === reply.messageId);
        // The join was announced to frank exactly once.
        assert.equal(f.received('conversation_updated', (d) => d.conversationId === cid).length, 1);
      } finally {
        closeAll(a, f);
      }
    });
  });
}

describe('polling upgraded to websocket (socket.io-client\'s default transports)', () => {
  // The server writes frames of WebSocket-only connections itself, and those of upgraded ones through Engine.IO,
  // which orders them around the upgrade: both paths must deliver every message once.
  test('messages around and after the upgrade arrive once and in order, and sends after it are acked', async () => {
    const alice = await register(base, 'up_a');
    const bob = await register(base, 'up_b');
    const cid = (await createRoom(base, alice, [bob])).conversationId;
    const a = await connect(base, 'websocket', alice, 'alice');
    const b = await connect(base, ['polling', 'websocket'], bob, 'bob (upgrading)');
    try {
      // Sent while bob's client probes and switches transports (it upgrades within moments of connecting).
      const during = [];
      for (let i = 0; i < 10; i++) during.push((await a.ack('send_message', { conversationId: cid, message: `around the upgrade ${i}` })).messageId);
      for (let i = 0; i < 100 && b.socket.io.engine.transport.name !== 'websocket'; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(b.socket.io.engine.transport.name, 'websocket', 'upgraded within 10 s');
      const later = [];
      for (let i = 0; i < 5; i++) later.push((await a.ack('send_message', { conversationId: cid, message: `after the upgrade ${i}` })).messageId);
      for (const id of [...during, ...later]) await b.waitFor('new_message', (d) => d.id === id);
      const back = await b.ack('send_message', { conversationId: cid, message: 'answer over the upgraded socket' });
      assertSendAck(back, cid);
      await a.waitFor('new_message', (d) => d.id === back.messageId);
      await quiet();
      assert.deepEqual(b.received('new_message').map((m) => m.id), [...during, ...later, back.messageId]);
    } finally {
      closeAll(a, b);
    }
  });
});

// Last, so that the crowd's registration overlaps the scenarios above.
for (const transport of ['websocket', 'polling']) {
  const t = transport === 'websocket' ? 'ws' : 'poll';

  describe(`big room over ${transport}`, () => {
    test('a 1,000-member room lists 1,001 participants and delivers to connected members', { timeout: 150_000 }, async () => {
      const owner = await register(base, `${t}_big`);
      const members = await crowd;
      const room = await createRoom(base, owner);
      const cid = room.conversationId;
      const view = await apiOk(base, 'POST', `/api/chat/conversations/${cid}/members`,
        { token: owner.token, body: { userIds: members.map((m) => m.id) } }, 200);
      assert.equal(view.memberCount, 1001);
      const page = await apiOk(base, 'GET', `/api/chat/conversations/${cid}`, { token: owner.token }, 200);
      assert.equal(page.participants.length, 1001);
      assert.equal(new Set(page.participants.map((p) => p.userId)).size, 1001);
      assert.ok(page.participants.some((p) => p.userId === owner.id && p.role === 'owner'));

      const picks = [members[0], members[499], members[998], members[999]];
      const clients = [];
      try {
        for (const m of picks) clients.push(await connect(base, transport, m));
        const o = await connect(base, transport, owner);
        clients.push(o);
        const ack = await o.ack('send_message', { conversationId: cid, message: 'hello, thousand' });
        assertSendAck(ack, cid);
        for (const c of clients) {
          const m = await c.waitFor('new_message', (d) => d.id === ack.messageId, 10_000);
          assert.equal(m.message, 'hello, thousand');
        }
        // A member can answer, and the owner hears it.
        const back = await clients[1].ack('send_message', { conversationId: cid, message: 'hello back' });
        await o.waitFor('new_message', (d) => d.id === back.messageId);
      } finally {
        closeAll(clients);
      }
    });
  });
}
