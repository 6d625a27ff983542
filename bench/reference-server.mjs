#!/usr/bin/env node
// Reference chat server for the benchmark: Node.js + socket.io 4.x implementing the minimal slice of
// docs/protocol.md that bench/load.mjs uses. Everything lives IN MEMORY: nothing is persisted, there are no
// passwords, no JWTs (token = username) and no rate limits, so it is a lower bound on the work a chat server
// does per message, not a fair functional equivalent of Kiln.
//
//   node reference-server.mjs --port 3000        (binds 127.0.0.1 only)
//
// REST:   POST /api/auth/register {username,email,password} -> 201 {token, refreshToken, user:{id,username,email}}
//         POST /api/chat/conversations {name?, type, participantIds} (Bearer) -> 201 conversation
// Socket: auth {token}; on connect the socket joins every room of its user (as Kiln does);
//         join_conversation {conversationId} -> ack {ok:true, lastMessageId}
//         send_message {conversationId, message, clientMessageId?} -> ack {messageId, conversationId, createdAt}
//         after new_message {message} went to every socket in the room (sender included, as in Kiln).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { Server } from 'socket.io';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || process.env.PORT || 3000);

const users = new Map();          // username -> {id, username, email}
const conversations = new Map();  // id -> {id, name, type, members:Set<userId>, createdAt, lastMessageId}
const userRooms = new Map();      // userId -> Set<conversationId>
const clientIds = new Map();      // userId + '\0' + clientMessageId -> ack
const MAX_BODY = 1 << 20;

// Time-ordered ids in the UUIDv7 layout (48-bit ms timestamp, then a counter and random bits).
let lastMs = 0, seq = 0;
const node = randomBytes(6).toString('hex');
function nextId() {
  const ms = Date.now();
  if (ms === lastMs) seq++; else { lastMs = ms; seq = 0; }
  const h = ms.toString(16).padStart(12, '0');
  const s = (seq & 0xfff).toString(16).padStart(3, '0');
  return `${h.slice(0, 8)}-${h.slice(8)}-7${s}-8${node.slice(0, 3)}-${node.slice(3)}${randomBytes(3).toString('hex')}`;
}

function problem(res, status, detail) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', status, detail }));
}

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function userOf(token) {
  return typeof token === 'string' ? users.get(token) : undefined;
}

function conversationView(c) {
  return {
    conversationId: c.id, name: c.name, type: c.type, visibility: 'private', createdAt: c.createdAt,
    participants: [...c.members].map((id) => ({ userId: id, username: id, role: id === c.owner ? 'owner' : 'member' })),
    memberCount: c.members.size, unreadCount: 0, lastMessage: null, myRole: 'owner',
  };
}

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/socket.io/')) return; // socket.io handles its own requests
  let size = 0;
  const chunks = [];
  req.on('data', (c) => { size += c.length; if (size > MAX_BODY) req.destroy(); else chunks.push(c); });
  req.on('end', () => {
    let body = {};
    try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}; } catch { return problem(res, 400, 'invalid JSON'); }
    if (req.method === 'GET' && req.url === '/actuator/health') return json(res, 200, { status: 'UP' });
    if (req.method === 'POST' && req.url === '/api/auth/register') {
      const { username, email } = body || {};
      if (typeof username !== 'string' || !/^[A-Za-z0-9_.-]{3,32}$/.test(username)) return problem(res, 400, 'bad username');
      if (users.has(username)) return problem(res, 409, 'username taken');
      const user = { id: username, username, email: email ?? null };
      users.set(username, user);
      userRooms.set(user.id, new Set());
      return json(res, 201, { token: username, refreshToken: username, user });
    }
    if (req.method === 'POST' && req.url === '/api/chat/conversations') {
      const caller = userOf((req.headers.authorization || '').replace(/^Bearer /, ''));
      if (!caller) return problem(res, 401, 'no or bad token');
      const ids = Array.isArray(body.participantIds) ? body.participantIds : [];
      if (ids.some((id) => !users.has(id))) return problem(res, 404, 'unknown user');
      const c = { id: nextId(), name: body.name || 'New room', type: body.type || 'group', owner: caller.id,
        members: new Set([caller.id, ...ids]), createdAt: new Date().toISOString(), lastMessageId: null };
      conversations.set(c.id, c);
      for (const id of c.members) {
        userRooms.get(id).add(c.id);
        io.in(`user:${id}`).socketsJoin(`conversation:${c.id}`); // like Kiln: live sockets get the new room
      }
      return json(res, 201, conversationView(c));
    }
    problem(res, 404, 'not found');
  });
});

const io = new Server(server, { serveClient: false, maxHttpBufferSize: MAX_BODY });

io.use((socket, next) => {
  const user = userOf(socket.handshake.auth && socket.handshake.auth.token);
  if (!user) return next(new Error(socket.handshake.auth?.token ? 'unauthorized: invalid token' : 'unauthorized: missing token'));
  socket.data.user = user;
  next();
});

const error = (code, message) => ({ error: { code, message } });

io.on('connection', (socket) => {
  const user = socket.data.user;
  socket.join(`user:${user.id}`);
  for (const id of userRooms.get(user.id)) socket.join(`conversation:${id}`);

  socket.on('join_conversation', (p, ack) => {
    if (typeof ack !== 'function') return;
    const c = p && conversations.get(p.conversationId);
    if (!c) return ack(error('not_found', 'no such conversation'));
    if (!c.members.has(user.id)) return ack({ ok: false, error: { code: 'forbidden', message: 'not a member' } });
    socket.join(`conversation:${c.id}`);
    ack({ ok: true, lastMessageId: c.lastMessageId });
  });

  socket.on('send_message', (p, ack) => {
    const reply = typeof ack === 'function' ? ack : (body) => socket.emit('error', body.error);
    const c = p && conversations.get(p.conversationId);
    if (!c) return reply(error('not_found', 'no such conversation'));
    if (!c.members.has(user.id)) return reply(error('forbidden', 'not a member'));
    if (typeof p.message !== 'string' || !p.message.trim()) return reply(error('bad_request', 'message must not be blank'));
    if (p.message.length > 10_000) return reply(error('bad_request', 'message too long'));
    const key = p.clientMessageId != null ? `${user.id}\0${p.clientMessageId}` : null;
    if (key && clientIds.has(key)) return reply(clientIds.get(key));
    const createdAt = new Date().toISOString();
    const msg = {
      id: nextId(), conversationId: c.id, userId: user.id, username: user.username, message: p.message,
      replyTo: null, replyPreview: null, threadId: null, threadReplyCount: 0, clientMessageId: p.clientMessageId ?? null,
      attachments: [], reactions: [], mentions: [], editedAt: null, deletedAt: null, createdAt,
    };
    c.lastMessageId = msg.id;
    const answer = { messageId: msg.id, conversationId: c.id, createdAt };
    if (key) clientIds.set(key, answer);
    io.to(`conversation:${c.id}`).emit('new_message', msg);
    reply(answer);
  });
});

server.listen(port, '127.0.0.1', () => console.log(`reference server on http://127.0.0.1:${port} (pid ${process.pid}, in memory, not persisted)`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { io.close(); server.close(); setTimeout(() => process.exit(0), 200); });
