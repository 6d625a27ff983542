// A small in-memory stand-in for the Kiln server (docs/protocol.md), for working on the web app without Java:
//   npm run build && node dev/mock-server.mjs            -> http://localhost:8080 (PORT to change)
//   MOCK_SEED=10000 node dev/mock-server.mjs            -> adds users ada/bob (password "password1") and a room
//                                                          "big-room" with that many messages
// It is not the real server: no persistence, loose validation, tokens never expire (unless MOCK_TOKEN_TTL_MS is set).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import busboy from 'busboy';
import { Server } from 'socket.io';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const PORT = Number(process.env.PORT ?? 8080);
const TTL = Number(process.env.MOCK_TOKEN_TTL_MS ?? 0);

let counter = 0;
let lastMs = 0;
/** Time-ordered ids (sort like UUIDv7). */
function newId(ms = Date.now()) {
  if (ms <= lastMs) ms = lastMs;
  else counter = 0;
  lastMs = ms;
  counter++;
  const hex = ms.toString(16).padStart(12, '0');
  const c = counter.toString(16).padStart(6, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${c.slice(0, 3)}-8${c.slice(3)}-${randomUUID().slice(-12)}`;
}

const users = new Map(); // id -> {id, username, email, password}
const tokens = new Map(); // access token -> {userId, exp}
const refreshTokens = new Map(); // refresh -> userId
const conversations = new Map(); // id -> {conversationId, name, type, visibility, createdAt, members: Map(userId -> role), lastRead: Map}
const messages = new Map(); // id -> message
const byConv = new Map(); // convId -> [ids] (sorted)
const files = new Map(); // id -> {meta, bytes, conversationId}
const online = new Map(); // userId -> count

function issue(user) {
  const token = `at-${randomUUID()}`;
  const refreshToken = `rt-${randomUUID()}`;
  tokens.set(token, { userId: user.id, exp: TTL ? Date.now() + TTL : Infinity });
  refreshTokens.set(refreshToken, user.id);
  return { token, refreshToken, user: { id: user.id, username: user.username, email: user.email } };
}
function userFromToken(t) {
  const e = t && tokens.get(t);
  if (!e) return { error: 'invalid token' };
  if (e.exp < Date.now()) return { error: 'token expired' };
  return { user: users.get(e.userId) };
}

function problem(res, status, detail, extra = {}) {
  const titles = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
  };
  res.writeHead(status, { 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title: titles[status] ?? 'Error', status, detail, ...extra }));
}
function send(res, status, body) {
  if (body === undefined) {
    res.writeHead(status);
    return res.end();
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const s = Buffer.concat(chunks).toString('utf8');
  return s ? JSON.parse(s) : {};
}

function convView(c, me) {
  const ids = byConv.get(c.conversationId) ?? [];
  const top = ids.filter((i) => !messages.get(i).threadId);
  const last = top.length ? messages.get(top[top.length - 1]) : null;
  const lastRead = c.lastRead.get(me) ?? '';
  return {
    conversationId: c.conversationId,
    name: c.name,
    type: c.type,
    visibility: c.visibility,
    createdAt: c.createdAt,
    participants: [...c.members].map(([userId, role]) => ({ userId, username: users.get(userId).username, role })),
    memberCount: c.members.size,
    unreadCount: top.filter((i) => i > lastRead && messages.get(i).userId !== me).length,
    lastMessage: last,
    myRole: c.members.get(me),
  };
}

function createConversation({ name, type, visibility, memberIds, owner }) {
  const c = {
    conversationId: newId(),
    name: name ?? null,
    type,
    visibility: visibility ?? 'private',
    createdAt: new Date().toISOString(),
    members: new Map(),
    lastRead: new Map(),
  };
  c.members.set(owner, 'owner');
  for (const m of memberIds) if (m !== owner) c.members.set(m, 'member');
  conversations.set(c.conversationId, c);
  byConv.set(c.conversationId, []);
  return c;
}

function storeMessage(user, c, { message, replyTo, threadId, clientMessageId, attachmentIds }, at) {
  if (clientMessageId) {
    for (const id of byConv.get(c.conversationId)) {
      const m = messages.get(id);
      if (m.userId === user.id && m.clientMessageId === clientMessageId) return { message: m, duplicate: true };
    }
  }
  const id = newId(at);
  const replied = replyTo ? messages.get(replyTo) : null;
  const mentions = [...String(message).matchAll(/@([A-Za-z0-9_.-]+)/g)]
    .map((m) => [...users.values()].find((u) => u.username === m[1])?.id)
    .filter(Boolean);
  const m = {
    id,
    conversationId: c.conversationId,
    userId: user.id,
    username: user.username,
    message: String(message ?? ''),
    replyTo: replyTo ?? null,
    replyPreview: replied ? { id: replied.id, username: replied.username, message: replied.message } : null,
    threadId: threadId ?? null,
    threadReplyCount: 0,
    clientMessageId: clientMessageId ?? null,
    attachments: (attachmentIds ?? []).map((a) => files.get(a)?.meta).filter(Boolean),
    reactions: [],
    mentions,
    editedAt: null,
    deletedAt: null,
    createdAt: new Date(at ?? Date.now()).toISOString(),
  };
  messages.set(id, m);
  byConv.get(c.conversationId).push(id);
  if (threadId && messages.get(threadId)) messages.get(threadId).threadReplyCount++;
  return { message: m, duplicate: false };
}

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function api(req, res, url, io) {
  const path = url.pathname;
  const method = req.method;
  if (method === 'POST' && path === '/api/auth/register') {
    const b = await readJson(req);
    const errors = [];
    if (!b.username || String(b.username).length < 3)
      errors.push({ field: 'username', message: 'size must be between 3 and 32' });
    if (!b.email || !String(b.email).includes('@'))
      errors.push({ field: 'email', message: 'must be a well-formed email address' });
    if (!b.password || String(b.password).length < 8)
      errors.push({ field: 'password', message: 'size must be between 8 and 128' });
    if (errors.length) return problem(res, 400, 'validation failed', { code: 'validation_failed', errors });
    if ([...users.values()].some((u) => u.username === b.username))
      return problem(res, 409, 'username already taken', {
        code: 'conflict',
        errors: [{ field: 'username', message: 'is already taken' }],
      });
    const u = { id: newId(), username: b.username, email: b.email, password: b.password };
    users.set(u.id, u);
    return send(res, 201, issue(u));
  }
  if (method === 'POST' && path === '/api/auth/login') {
    const b = await readJson(req);
    const u = [...users.values()].find((x) => x.username === b.username && x.password === b.password);
    if (!u) return problem(res, 401, 'bad credentials', { code: 'unauthorized' });
    return send(res, 200, issue(u));
  }
  if (method === 'POST' && path === '/api/auth/refresh') {
    const b = await readJson(req);
    const uid = refreshTokens.get(b.refreshToken);
    if (!uid) return problem(res, 401, 'invalid refresh token', { code: 'unauthorized' });
    refreshTokens.delete(b.refreshToken);
    return send(res, 200, issue(users.get(uid)));
  }
  const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '') || url.searchParams.get('access_token');
  const auth = userFromToken(bearer);
  if (!auth.user) return problem(res, 401, auth.error, { code: 'unauthorized' });
  const me = auth.user;
  let m;
  if (method === 'POST' && path === '/api/auth/logout') return send(res, 204);
  if (method === 'GET' && path === '/api/auth/verify') return send(res, 200, { user: me, valid: true });
  if (method === 'GET' && path === '/api/users') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    return send(
      res,
      200,
      [...users.values()]
        .filter((u) => u.username.toLowerCase().startsWith(q))
        .slice(0, 20)
        .map((u) => ({ id: u.id, username: u.username })),
    );
  }
  if (method === 'POST' && path === '/api/chat/conversations') {
    const b = await readJson(req);
    if (b.type === 'direct') {
      const other = b.participantIds?.[0];
      for (const c of conversations.values()) {
        if (c.type === 'direct' && c.members.has(me.id) && c.members.has(other)) return send(res, 200, convView(c, me.id));
      }
      const c = createConversation({ type: 'direct', memberIds: [other], owner: me.id });
      for (const uid of c.members.keys()) io.to(`user:${uid}`).socketsJoin(`conv:${c.conversationId}`);
      for (const uid of c.members.keys()) io.to(`user:${uid}`).emit('conversation_updated', convView(c, uid));
      return send(res, 201, convView(c, me.id));
    }
    if (!b.name)
      return problem(res, 400, 'name must not be blank', { errors: [{ field: 'name', message: 'must not be blank' }] });
    const c = createConversation({
      name: b.name,
      type: 'group',
      visibility: b.visibility,
      memberIds: b.participantIds ?? [],
      owner: me.id,
    });
    for (const uid of c.members.keys()) io.to(`user:${uid}`).socketsJoin(`conv:${c.conversationId}`);
    for (const uid of c.members.keys()) if (uid !== me.id) io.to(`user:${uid}`).emit('conversation_updated', convView(c, uid));
    return send(res, 201, convView(c, me.id));
  }
  if (method === 'GET' && path === '/api/chat/conversations') {
    const list = [...conversations.values()].filter((c) => c.members.has(me.id)).map((c) => convView(c, me.id));
    return send(res, 200, list);
  }
  if (method === 'GET' && path === '/api/chat/conversations/public') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    return send(
      res,
      200,
      [...conversations.values()]
        .filter((c) => c.visibility === 'public' && c.type === 'group' && c.name.toLowerCase().includes(q))
        .map((c) => ({
          conversationId: c.conversationId,
          name: c.name,
          memberCount: c.members.size,
          joined: c.members.has(me.id),
        })),
    );
  }
  if ((m = /^\/api\/chat\/conversations\/([^/]+)(\/.*)?$/.exec(path))) {
    const c = conversations.get(m[1]);
    if (!c) return problem(res, 404, 'conversation not found', { code: 'not_found' });
    const sub = m[2] ?? '';
    if (method === 'POST' && sub === '/join') {
      if (c.visibility !== 'public') return problem(res, 403, 'private room', { code: 'forbidden' });
      c.members.set(me.id, c.members.get(me.id) ?? 'member');
      io.to(`user:${me.id}`).socketsJoin(`conv:${c.conversationId}`);
      return send(res, 200, convView(c, me.id));
    }
    if (!c.members.has(me.id)) return problem(res, 403, 'not a member', { code: 'forbidden' });
    if (method === 'GET' && sub === '') {
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 50));
      const before = url.searchParams.get('before');
      let ids = byConv.get(c.conversationId).filter((i) => !messages.get(i).threadId);
      if (before) ids = ids.filter((i) => i < before);
      const page = ids.slice(-limit);
      return send(res, 200, {
        conversationId: c.conversationId,
        name: c.name,
        type: c.type,
        visibility: c.visibility,
        messages: page.map((i) => messages.get(i)),
        participants: convView(c, me.id).participants,
        hasMore: ids.length > page.length,
      });
    }
    if (method === 'POST' && sub === '/members') {
      const b = await readJson(req);
      for (const uid of b.userIds ?? []) if (users.has(uid)) c.members.set(uid, c.members.get(uid) ?? 'member');
      for (const uid of c.members.keys()) {
        io.to(`user:${uid}`).socketsJoin(`conv:${c.conversationId}`);
        io.to(`user:${uid}`).emit('conversation_updated', convView(c, uid));
      }
      return send(res, 200, convView(c, me.id));
    }
    if (method === 'POST' && sub === '/leave') {
      c.members.delete(me.id);
      io.to(`user:${me.id}`).emit('conversation_removed', { conversationId: c.conversationId });
      return send(res, 204);
    }
    if (method === 'POST' && sub === '/read') {
      const b = await readJson(req);
      c.lastRead.set(me.id, b.messageId);
      return send(res, 204);
    }
    const t = /^\/threads\/([^/]+)$/.exec(sub);
    if (method === 'GET' && t) {
      const root = messages.get(t[1]);
      if (!root) return problem(res, 404, 'message not found');
      return send(res, 200, {
        threadId: root.id,
        root,
        messages: byConv
          .get(c.conversationId)
          .map((i) => messages.get(i))
          .filter((x) => x.threadId === root.id),
      });
    }
  }
  if (method === 'POST' && path === '/api/chat/send') {
    const b = await readJson(req);
    const c = conversations.get(b.conversationId);
    if (!c?.members.has(me.id)) return problem(res, 403, 'not a member');
    const r = storeMessage(me, c, b);
    if (!r.duplicate) io.to(`conv:${c.conversationId}`).emit('new_message', r.message);
    return send(res, r.duplicate ? 200 : 201, {
      messageId: r.message.id,
      conversationId: c.conversationId,
      createdAt: r.message.createdAt,
    });
  }
  if ((m = /^\/api\/chat\/messages\/([^/]+)(\/reactions)?$/.exec(path))) {
    const msg = messages.get(m[1]);
    if (!msg) return problem(res, 404, 'message not found');
    const room = `conv:${msg.conversationId}`;
    if (m[2] && method === 'POST') {
      const b = await readJson(req);
      let r = msg.reactions.find((x) => x.emoji === b.emoji);
      if (!r) msg.reactions.push((r = { emoji: b.emoji, count: 0, userIds: [] }));
      if (r.userIds.includes(me.id)) r.userIds = r.userIds.filter((x) => x !== me.id);
      else r.userIds.push(me.id);
      r.count = r.userIds.length;
      msg.reactions = msg.reactions.filter((x) => x.count > 0);
      const body = { messageId: msg.id, conversationId: msg.conversationId, reactions: msg.reactions };
      io.to(room).emit('reaction_updated', body);
      return send(res, 200, body);
    }
    if (msg.userId !== me.id) return problem(res, 403, 'not your message');
    if (method === 'PATCH') {
      const b = await readJson(req);
      msg.message = b.message;
      msg.editedAt = new Date().toISOString();
      io.to(room).emit('message_edited', msg);
      return send(res, 200, msg);
    }
    if (method === 'DELETE') {
      Object.assign(msg, { message: '', attachments: [], deletedAt: new Date().toISOString() });
      io.to(room).emit('message_deleted', { messageId: msg.id, conversationId: msg.conversationId, deletedAt: msg.deletedAt });
      return send(res, 204);
    }
  }
  if (method === 'GET' && path === '/api/chat/search') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const results = [...messages.values()]
      .filter(
        (x) => !x.deletedAt && conversations.get(x.conversationId).members.has(me.id) && x.message.toLowerCase().includes(q),
      )
      .slice(-30)
      .reverse()
      .map((x) => ({ ...x, conversationName: conversations.get(x.conversationId).name }));
    // Words only, like a server without embeddings: a hybrid request is answered as full-text, and says so.
    return send(res, 200, { results, mode: 'fulltext' });
  }
  if (method === 'POST' && path === '/api/files') {
    return new Promise((resolve) => {
      const bb = busboy({ headers: req.headers, limits: { fileSize: 25 * 1024 * 1024 } });
      let fileInfo = null;
      const chunks = [];
      let convId = null;
      let truncated = false;
      bb.on('field', (n, v) => n === 'conversationId' && (convId = v));
      bb.on('file', (_n, stream, info) => {
        fileInfo = info;
        stream.on('data', (d) => chunks.push(d));
        stream.on('limit', () => (truncated = true));
      });
      bb.on('close', () => {
        if (truncated) return resolve(problem(res, 413, 'file too large', { code: 'too_large' }));
        if (!fileInfo) return resolve(problem(res, 400, 'file missing'));
        if (/x-msdownload|x-sh/.test(fileInfo.mimeType)) return resolve(problem(res, 415, 'type not allowed'));
        const id = newId();
        const isImage = fileInfo.mimeType.startsWith('image/');
        const meta = {
          id,
          name: fileInfo.filename,
          contentType: fileInfo.mimeType,
          size: Buffer.concat(chunks).length,
          url: `/api/files/${id}`,
          thumbnailUrl: isImage ? `/api/files/${id}/thumbnail` : null,
          width: isImage ? 64 : null,
          height: isImage ? 48 : null,
        };
        files.set(id, { meta, bytes: Buffer.concat(chunks), conversationId: convId });
        resolve(send(res, 201, meta));
      });
      req.pipe(bb);
    });
  }
  if ((m = /^\/api\/files\/([^/]+)(\/thumbnail)?$/.exec(path)) && method === 'GET') {
    const f = files.get(m[1]);
    if (!f) return problem(res, 404, 'file not found');
    res.writeHead(200, { 'Content-Type': f.meta.contentType });
    return res.end(f.bytes.length ? f.bytes : PNG_1x1);
  }
  return problem(res, 404, `no route ${method} ${path}`);
}

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
async function serveStatic(res, pathname) {
  let p = normalize(join(DIST, decodeURIComponent(pathname)));
  if (!p.startsWith(DIST)) p = join(DIST, 'index.html');
  try {
    if ((await stat(p)).isDirectory()) p = join(p, 'index.html');
  } catch {
    p = join(DIST, 'index.html');
  }
  try {
    const body = await readFile(p);
    res.writeHead(200, { 'Content-Type': types[extname(p)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end('run npm run build first');
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  try {
    if (url.pathname === '/actuator/health') return send(res, 200, { status: 'UP' });
    if (url.pathname === '/__mock/drop' && req.method === 'POST') {
      // Simulates a graceful node shutdown: announce it, then cut every connection (clients reconnect by themselves).
      io.emit('server_shutdown', { reconnectAfterMs: 1000 });
      setTimeout(() => {
        for (const c of Object.values(io.engine.clients)) c.close();
      }, 50);
      return send(res, 204);
    }
    if (url.pathname.startsWith('/api/')) return await api(req, res, url, io);
    return await serveStatic(res, url.pathname);
  } catch (e) {
    console.error(e);
    problem(res, 500, String(e));
  }
});
const io = new Server(server, { path: '/socket.io/' });

io.use((socket, next) => {
  const t = socket.handshake.auth?.token;
  if (!t) return next(new Error('unauthorized: missing token'));
  const a = userFromToken(t);
  if (!a.user) return next(new Error(`unauthorized: ${a.error}`));
  socket.data.user = a.user;
  next();
});

io.on('connection', (socket) => {
  const me = socket.data.user;
  socket.join(`user:${me.id}`);
  for (const c of conversations.values()) if (c.members.has(me.id)) socket.join(`conv:${c.conversationId}`);
  const peers = new Set();
  for (const c of conversations.values())
    if (c.members.has(me.id)) for (const u of c.members.keys()) if (u !== me.id) peers.add(u);
  online.set(me.id, (online.get(me.id) ?? 0) + 1);
  if (online.get(me.id) === 1) for (const p of peers) io.to(`user:${p}`).emit('user_online', { userId: me.id, lastSeen: null });
  for (const p of peers) if (online.get(p)) socket.emit('user_online', { userId: p, lastSeen: null });
  socket.on('disconnect', () => {
    online.set(me.id, online.get(me.id) - 1);
    if (!online.get(me.id))
      for (const p of peers) io.to(`user:${p}`).emit('user_offline', { userId: me.id, lastSeen: new Date().toISOString() });
  });
  const ack = (cb, v) => typeof cb === 'function' && cb(v);
  socket.on('join_conversation', (p, cb) => {
    const c = conversations.get(p?.conversationId);
    if (!c) return ack(cb, { ok: false, error: { code: 'not_found', message: 'no such conversation' } });
    if (!c.members.has(me.id)) {
      if (c.visibility !== 'public') return ack(cb, { ok: false, error: { code: 'forbidden', message: 'not a member' } });
      c.members.set(me.id, 'member');
    }
    socket.join(`conv:${c.conversationId}`);
    const ids = byConv.get(c.conversationId);
    if (p.since) for (const i of ids) if (i > p.since) socket.emit('new_message', messages.get(i));
    ack(cb, { ok: true, lastMessageId: ids[ids.length - 1] ?? null });
  });
  socket.on('send_message', (p, cb) => {
    const c = conversations.get(p?.conversationId);
    if (!c?.members.has(me.id)) return ack(cb, { error: { code: 'forbidden', message: 'not a member' } });
    if (!p.message && !p.attachmentIds?.length)
      return ack(cb, { error: { code: 'bad_request', message: 'message must not be blank' } });
    const r = storeMessage(me, c, p);
    if (!r.duplicate) io.to(`conv:${c.conversationId}`).emit('new_message', r.message);
    ack(cb, { messageId: r.message.id, conversationId: c.conversationId, createdAt: r.message.createdAt });
  });
  const typing = (on) => (p, cb) => {
    socket
      .to(`conv:${p?.conversationId}`)
      .emit('typing', { conversationId: p?.conversationId, userId: me.id, username: me.username, typing: on });
    ack(cb, { ok: true });
  };
  socket.on('typing_start', typing(true));
  socket.on('typing_stop', typing(false));
  socket.on('mark_read', (p, cb) => {
    conversations.get(p?.conversationId)?.lastRead.set(me.id, p.messageId);
    ack(cb, { ok: true });
  });
  socket.on('leave_conversation', (p, cb) => {
    socket.leave(`conv:${p?.conversationId}`);
    ack(cb, { ok: true });
  });
});

function seed(n) {
  const mk = (username) => {
    const u = { id: newId(), username, email: `${username}@example.com`, password: 'password1' };
    users.set(u.id, u);
    return u;
  };
  const ada = mk('ada');
  const bob = mk('bob');
  const c = createConversation({ name: 'big-room', type: 'group', visibility: 'public', memberIds: [bob.id], owner: ada.id });
  const start = Date.now() - n * 60_000;
  for (let i = 0; i < n; i++) {
    const u = i % 3 ? ada : bob;
    storeMessage(
      u,
      c,
      {
        message: `Message number ${i + 1}${i % 7 === 0 ? ' — a somewhat longer line that wraps onto a second line on narrow screens to vary the row heights a little' : ''}${i % 11 === 0 ? ' @bob' : ''}`,
      },
      start + i * 60_000,
    );
  }
}
if (process.env.MOCK_SEED) seed(Number(process.env.MOCK_SEED));

server.listen(PORT, () => console.log(`mock kiln on http://localhost:${PORT}`));
