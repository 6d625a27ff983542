#!/usr/bin/env node
// Kiln chat load generator (docs/protocol.md contract), also used against bench/reference-server.mjs.
//
//   node load.mjs --url http://127.0.0.1:8080 --scenario idle --clients 10000 --room-size 50 --hold 30
//   node load.mjs --url http://127.0.0.1:8080 --scenario chat --clients 1000 --room-size 50 --messages 30 --rate 1
//
// Setup (register users in parallel, create one group room per S users) goes through the REST API before
// the clock starts. Sockets are opened by worker processes (child_process.fork of this file) with the official
// socket.io-client over the websocket transport only.
//
// Delivery accounting: the protocol sends new_message to "every connection of every member of the room",
// the sender included, so each message is expected S times (S = members of its room, sender's own socket
// included). loss = expected - unique deliveries received. Latency = receive time at the receiving client -
// the sender's clock just before socket.emit (wall clock, performance.timeOrigin + performance.now(), which all
// local processes share); it is measured for every delivery, the sender's own echo included.
//
// Every loop is bounded in count and time; everything runs on 127.0.0.1.
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, readlinkSync } from 'node:fs';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import os from 'node:os';

const HIST_BIN_MS = 0.05;            // latency histogram resolution
const HIST_BINS = 200_000;           // covers 0 .. 10 s; slower deliveries go to an exact overflow list
const OVERFLOW_MAX = 100_000;        // bounded overflow list per worker

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
  const a = {
    url: 'http://127.0.0.1:8080', scenario: 'chat', clients: 100, roomSize: 10, messages: 10, rate: 1,
    hold: 30, workers: 0, serverPid: 0, label: '', out: '', prefix: '', registerConcurrency: 8,
    connectConcurrency: 100, connectTimeout: 120, drain: 15, setupTimeout: 1200, connsPerUser: 1, messageBytes: 0,
    setupFile: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (!k.startsWith('--')) throw new Error(`unexpected argument ${k}`);
    const key = k.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (key === 'worker') { a.worker = true; continue; }
    if (!(key in a)) throw new Error(`unknown option ${k}`);
    const v = argv[++i];
    a[key] = typeof a[key] === 'number' ? Number(v) : v;
    if (typeof a[key] === 'number' && !Number.isFinite(a[key])) throw new Error(`bad number for ${k}: ${v}`);
  }
  return a;
}

// ---------------------------------------------------------------------------------------------- server probes

/** The pid of the process listening on the port (via /proc/net/tcp* inode -> /proc/<pid>/fd). */
function discoverPid(port) {
  const inodes = new Set();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const p = line.trim().split(/\s+/);
      if (p.length < 10) continue;
      const localPort = parseInt(p[1].split(':').pop(), 16);
      if (localPort === port && p[3] === '0A') inodes.add(p[9]);
    }
  }
  if (!inodes.size) return 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds = [];
    try { fds = readdirSync(`/proc/${pid}/fd`); } catch { continue; }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(pid);
      } catch { /* fd went away */ }
    }
  }
  return 0;
}

function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch { return null; }
}

/** utime+stime of the process, in seconds. */
function cpuSeconds(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // USER_HZ is 100 on Linux
  } catch { return null; }
}

class RssSampler {
  constructor(pid, everyMs = 250) {
    this.pid = pid; this.samples = []; this.timer = null; this.everyMs = everyMs;
  }
  start() { if (this.pid) this.timer = setInterval(() => this.sample(), this.everyMs); this.sample(); return this; }
  sample() { const r = this.pid ? rssMiB(this.pid) : null; if (r != null) this.samples.push([now(), r]); return r; }
  stop() { clearInterval(this.timer); this.sample(); }
  max(from = 0, to = Infinity) {
    let m = null;
    for (const [t, r] of this.samples) if (t >= from && t <= to && (m == null || r > m)) m = r;
    return m;
  }
}

// -------------------------------------------------------------------------------------------------- REST setup

async function postJson(url, body, token, tries = 6) {
  let last;
  for (let i = 0; i < tries; i++) {
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await r.text();
      if (r.status === 200 || r.status === 201) return JSON.parse(text);
      last = new Error(`${url} -> ${r.status} ${text.slice(0, 200)}`);
      if (r.status !== 429 && r.status < 500) throw last;
    } catch (e) {
      last = e;
      if (String(e.message).includes('-> 4')) throw e;
    }
    await sleep(250 * (i + 1));
  }
  throw last;
}

async function pool(items, concurrency, fn, deadline) {
  let next = 0;
  const out = new Array(items.length);
  async function lane() {
    while (next < items.length) {
      if (Date.now() > deadline) throw new Error('setup deadline passed');
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return out;
}

async function setup(a) {
  const deadline = Date.now() + a.setupTimeout * 1000;
  const users = Math.ceil(a.clients / a.connsPerUser);
  const run = a.prefix || randomBytes(3).toString('hex');
  const t0 = now();
  const registered = await pool(Array.from({ length: users }, (_, i) => i), a.registerConcurrency, async (i) => {
    const username = `b${run}_${i}`;
    const password = 'bench-password-1';
    let s;
    try {
      s = await postJson(`${a.url}/api/auth/register`, { username, email: `${username}@bench.invalid`, password });
    } catch (e) {
      // A retried register whose first attempt was slow but succeeded answers 409: sign in instead.
      if (!/-> 409/.test(String(e.message))) throw e;
      s = await postJson(`${a.url}/api/auth/login`, { username, password });
    }
    return { token: s.token, userId: s.user.id, username };
  }, deadline);
  const tRegistered = now();
  const rooms = [];
  for (let i = 0; i < users; i += a.roomSize) rooms.push(registered.slice(i, i + a.roomSize));
  const conversationIds = await pool(rooms, Math.min(a.registerConcurrency, 8), async (members) => {
    const c = await postJson(`${a.url}/api/chat/conversations`,
      { name: `bench ${run}`, type: 'group', participantIds: members.slice(1).map((m) => m.userId) }, members[0].token);
    return c.conversationId;
  }, deadline);
  const clients = [];
  for (let c = 0; c < a.clients; c++) {
    const u = c % users;
    const room = Math.floor(u / a.roomSize);
    clients.push({ idx: c, token: registered[u].token, userId: registered[u].userId, conversationId: conversationIds[room], room });
  }
  const roomConnections = new Map();
  for (const c of clients) roomConnections.set(c.room, (roomConnections.get(c.room) || 0) + 1);
  for (const c of clients) c.roomConnections = roomConnections.get(c.room);
  return {
    clients, users, rooms: rooms.length,
    registerSeconds: (tRegistered - t0) / 1000, roomsSeconds: (now() - tRegistered) / 1000,
  };
}

/**
 * --setup-file F: reuse the users and rooms saved in F by an earlier scenario against the same server when it
 * has the same user/room layout and its tokens are fresh (access tokens live 15 minutes); otherwise set up
 * anew and save. The clients are rebuilt for this scenario's connection count.
 */
async function setupOrReuse(a, log) {
  const users = Math.ceil(a.clients / a.connsPerUser);
  if (a.setupFile) {
    try {
      const saved = JSON.parse(readFileSync(a.setupFile, 'utf8'));
      if (saved.url === a.url && saved.users >= users && saved.roomSize === a.roomSize && users % a.roomSize === 0
          && Date.now() - saved.at < 10 * 60_000) {
        const clients = [];
        for (let c = 0; c < a.clients; c++) {
          const u = c % users;
          clients.push({ ...saved.clients[u], idx: c });
        }
        const perRoom = new Map();
        for (const c of clients) perRoom.set(c.room, (perRoom.get(c.room) || 0) + 1);
        for (const c of clients) c.roomConnections = perRoom.get(c.room);
        log(`setup: reusing ${users} users and ${perRoom.size} rooms from ${a.setupFile}`);
        return { clients, users, rooms: perRoom.size, registerSeconds: 0, roomsSeconds: 0, reused: true };
      }
    } catch { /* no usable saved setup */ }
  }
  const s = await setup(a);
  log(`setup: ${s.users} users registered in ${s.registerSeconds.toFixed(1)} s, ${s.rooms} rooms in ${s.roomsSeconds.toFixed(1)} s`);
  if (a.setupFile) {
    const byUser = s.clients.slice(0, s.users).map(({ token, userId, conversationId, room }) => ({ token, userId, conversationId, room }));
    writeFileSync(a.setupFile, JSON.stringify({ url: a.url, users: s.users, roomSize: a.roomSize, at: Date.now() - s.registerSeconds * 1000 - s.roomsSeconds * 1000, clients: byUser }));
  }
  return s;
}

// ------------------------------------------------------------------------------------------------------ worker

async function workerMain() {
  const { io } = await import('socket.io-client');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let cfg = null;
  let clients = [];
  const sockets = [];
  const hist = new Uint32Array(HIST_BINS);
  const overflow = [];
  const ackHist = new Uint32Array(HIST_BINS);
  const ackOverflow = [];
  const stats = { received: 0, unique: 0, duplicates: 0, foreign: 0, acksOk: 0, ackErrors: 0, ackTimeouts: 0, sent: 0,
    sendErrors: 0, disconnects: 0, errorSamples: [] };
  let firstSend = Infinity, lastSend = 0, lastReceive = 0;
  let measuring = false;
  const seen = []; // per local client: Set of sender*M+seq
  const send = (m) => process.send(m);
  const record = (h, of, ms) => {
    const b = Math.floor(ms / HIST_BIN_MS);
    if (b >= 0 && b < HIST_BINS) h[b]++;
    else if (of.length < OVERFLOW_MAX) of.push(ms);
  };
  const noteError = (s) => { if (stats.errorSamples.length < 5) stats.errorSamples.push(String(s).slice(0, 200)); };

  function connectOne(c, i) {
    return new Promise((resolve) => {
      const s = io(cfg.url, {
        transports: ['websocket'], auth: { token: c.token }, reconnection: false, forceNew: true,
        timeout: 30_000, ackTimeout: 30_000,
      });
      sockets[i] = s;
      seen[i] = new Set();
      let done = false;
      const finish = (ok, why) => { if (!done) { done = true; clearTimeout(t); resolve({ ok, why }); } };
      const t = setTimeout(() => finish(false, 'connect+join timeout'), 60_000);
      s.on('connect_error', (e) => finish(false, `connect_error: ${e.message}`));
      s.on('disconnect', (reason) => {
        if (done) stats.disconnects++;
        if (stats.disconnects <= 5) noteError(`disconnect: ${reason}`);
      });
      s.on('new_message', (m) => {
        const t = now();
        stats.received++;
        const text = m && m.message;
        if (typeof text !== 'string' || !text.startsWith('b|') || m.conversationId !== c.conversationId) { stats.foreign++; return; }
        const p = text.split('|'); // b|<sentAt>|<senderIdx>|<seq>|padding
        const key = Number(p[2]) * cfg.messages + Number(p[3]);
        if (seen[i].has(key)) { stats.duplicates++; return; }
        seen[i].add(key);
        stats.unique++;
        if (t > lastReceive) lastReceive = t;
        record(hist, overflow, t - Number(p[1]));
      });
      s.on('connect', () => {
        s.timeout(30_000).emit('join_conversation', { conversationId: c.conversationId }, (err, ack) => {
          if (err) finish(false, `join timeout`);
          else if (!ack || ack.ok !== true) finish(false, `join refused: ${JSON.stringify(ack).slice(0, 120)}`);
          else finish(true);
        });
      });
    });
  }

  async function connectAll() {
    const t0 = now();
    let next = 0, ok = 0, failed = 0;
    const deadline = Date.now() + cfg.connectTimeout * 1000;
    async function lane() {
      while (next < clients.length && Date.now() < deadline) {
        const i = next++;
        const r = await connectOne(clients[i], i);
        if (r.ok) ok++; else { failed++; noteError(r.why); }
      }
    }
    await Promise.all(Array.from({ length: Math.min(cfg.connectConcurrency, clients.length) }, lane));
    failed += clients.length - ok - failed;
    send({ type: 'connected', ok, failed, seconds: (now() - t0) / 1000, errorSamples: stats.errorSamples });
  }

  function startChat(startAt) {
    const gap = 1000 / cfg.rate;
    const pad = cfg.messageBytes > 0 ? '|' + 'x'.repeat(cfg.messageBytes) : '';
    measuring = true;
    loop.reset();
    loop.enable();
    let pendingClients = clients.length;
    clients.forEach((c, i) => {
      const s = sockets[i];
      if (!s || !s.connected) { pendingClients--; return; }
      const phase = Math.random() * gap; // spread sends evenly instead of a synchronized burst every second
      let seq = 0;
      const tick = () => {
        if (seq >= cfg.messages) return;
        const k = seq++;
        const sentAt = now();
        if (sentAt < firstSend) firstSend = sentAt;
        lastSend = sentAt;
        stats.sent++;
        s.timeout(30_000).emit('send_message', {
          conversationId: c.conversationId,
          message: `b|${sentAt.toFixed(3)}|${c.idx}|${k}${pad}`,
          clientMessageId: `${cfg.nonce}-${c.idx}-${k}`, // unique per run: a reused user must not hit Kiln's dedup
        }, (err, ack) => {
          if (err) { stats.ackTimeouts++; noteError('ack timeout'); }
          else if (!ack || ack.error || !ack.messageId) { stats.ackErrors++; noteError(`ack error ${JSON.stringify(ack).slice(0, 150)}`); }
          else { stats.acksOk++; record(ackHist, ackOverflow, now() - sentAt); }
        });
        if (seq < cfg.messages) setTimeout(tick, Math.max(0, startAt + phase + seq * gap - now()));
        else if (--pendingClients === 0) send({ type: 'sendsDone' });
      };
      setTimeout(tick, Math.max(0, startAt + phase - now()));
    });
    if (pendingClients === 0) send({ type: 'sendsDone' });
  }

  const sparse = (h) => { const out = []; for (let b = 0; b < h.length; b++) if (h[b]) out.push(b, h[b]); return out; };

  process.on('message', async (m) => {
    if (m.type === 'init') { cfg = m.cfg; clients = m.clients; await connectAll(); }
    else if (m.type === 'start') startChat(m.startAt);
    else if (m.type === 'progress') send({ type: 'progress', unique: stats.unique, acks: stats.acksOk + stats.ackErrors + stats.ackTimeouts, sent: stats.sent });
    else if (m.type === 'report') {
      loop.disable();
      const cpu = process.cpuUsage();
      send({
        type: 'report', stats, hist: sparse(hist), overflow, ackHist: sparse(ackHist), ackOverflow,
        firstSend, lastSend, lastReceive,
        connectedNow: sockets.filter((s) => s && s.connected).length,
        loopDelayP99Ms: measuring ? loop.percentile(99) / 1e6 : null,
        loopDelayMaxMs: measuring ? loop.max / 1e6 : null,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      });
    } else if (m.type === 'close') {
      for (const s of sockets) if (s) s.disconnect();
      setTimeout(() => process.exit(0), 500);
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

// -------------------------------------------------------------------------------------------------------- main

function percentiles(histSparseList, overflowList, ps) {
  const hist = new Map();
  let total = 0;
  for (const sp of histSparseList) for (let i = 0; i < sp.length; i += 2) { hist.set(sp[i], (hist.get(sp[i]) || 0) + sp[i + 1]); total += sp[i + 1]; }
  const over = overflowList.flat().sort((x, y) => x - y);
  total += over.length;
  const bins = [...hist.keys()].sort((x, y) => x - y);
  const out = {};
  for (const p of ps) {
    if (!total) { out[p] = null; continue; }
    const rank = Math.ceil((p / 100) * total);
    let acc = 0, v = null;
    for (const b of bins) { acc += hist.get(b); if (acc >= rank) { v = (b + 1) * HIST_BIN_MS; break; } }
    if (v == null) v = over[Math.min(over.length - 1, rank - acc - 1)];
    out[p] = Math.round(v * 100) / 100;
  }
  out.count = total;
  return out;
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  if (a.clients < 1 || a.roomSize < 1 || a.rate <= 0 || a.messages < 0) throw new Error('bad sizes');
  const port = Number(new URL(a.url).port || 80);
  if (!['127.0.0.1', 'localhost'].includes(new URL(a.url).hostname)) throw new Error('the benchmark only talks to 127.0.0.1');
  const pid = a.serverPid || discoverPid(port);
  const label = a.label || `${a.scenario}@${a.url}`;
  const log = (s) => process.stderr.write(`[${label}] ${s}\n`);
  const cpus = os.cpus().length;
  const workers = a.workers || (a.scenario === 'chat' ? Math.max(1, Math.min(2, cpus)) : 1);
  log(`server pid ${pid || 'unknown'}; ${a.clients} clients, rooms of ${a.roomSize}, ${workers} worker(s)`);

  const cpuAtStart = pid ? cpuSeconds(pid) : null;
  const s = await setupOrReuse(a, log);

  const sampler = new RssSampler(pid).start();
  await sleep(1000);
  const rssBaseline = sampler.sample();

  // Fork the workers and hand each its slice of clients.
  const self = fileURLToPath(import.meta.url);
  const procs = [];
  const slices = Array.from({ length: workers }, () => []);
  s.clients.forEach((c, i) => slices[i % workers].push(c));
  const waitAll = (type, timeoutMs) => Promise.all(procs.map((p) => p.next(type, timeoutMs)));
  for (let w = 0; w < workers; w++) {
    const child = fork(self, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const inbox = [];
    const waiters = [];
    child.on('message', (m) => {
      const i = waiters.findIndex((x) => x.type === m.type);
      if (i >= 0) { const [x] = waiters.splice(i, 1); clearTimeout(x.timer); x.resolve(m); } else inbox.push(m);
    });
    child.on('exit', (code) => { for (const x of waiters.splice(0)) x.reject(new Error(`worker exited (${code}) waiting for ${x.type}`)); });
    procs.push({
      child,
      next(type, timeoutMs) {
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0]);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`worker timed out waiting for ${type}`)), timeoutMs);
          waiters.push({ type, resolve, reject, timer });
        });
      },
    });
  }
  await waitAll('ready', 30_000);
  const cfg = { url: a.url, messages: a.messages, rate: a.rate, connectConcurrency: Math.ceil(a.connectConcurrency / workers),
    connectTimeout: a.connectTimeout, messageBytes: a.messageBytes, nonce: randomBytes(4).toString('hex') };
  const tConnect = now();
  procs.forEach((p, w) => p.child.send({ type: 'init', cfg, clients: slices[w] }));
  const connected = await waitAll('connected', (a.connectTimeout + 90) * 1000);
  const connectedOk = connected.reduce((x, c) => x + c.ok, 0);
  const connectFailed = connected.reduce((x, c) => x + c.failed, 0);
  const connectSeconds = (now() - tConnect) / 1000;
  log(`connected ${connectedOk}/${a.clients} (${connectFailed} failed) in ${connectSeconds.toFixed(1)} s`);
  const rssConnected = sampler.sample();

  const result = {
    label, scenario: a.scenario, url: a.url, serverPid: pid, date: new Date().toISOString(),
    clients: a.clients, users: s.users, connsPerUser: a.connsPerUser, roomSize: a.roomSize, rooms: s.rooms, workers,
    setup: { registerSeconds: s.registerSeconds, roomsSeconds: s.roomsSeconds, reused: !!s.reused },
    connect: { ok: connectedOk, failed: connectFailed, seconds: connectSeconds,
      errorSamples: connected.flatMap((c) => c.errorSamples).slice(0, 5) },
    rssMiB: { baseline: rssBaseline, connected: rssConnected, peakConnecting: sampler.max(tConnect) },
  };

  if (a.scenario === 'idle') {
    const tHold = now();
    await sleep(a.hold * 1000);
    procs.forEach((p) => p.child.send({ type: 'report' }));
    const reports = await waitAll('report', 60_000);
    result.hold = { seconds: a.hold, stillConnected: reports.reduce((x, r) => x + r.connectedNow, 0),
      disconnects: reports.reduce((x, r) => x + r.stats.disconnects, 0) };
    result.rssMiB.peakHeld = sampler.max(tHold);
    result.rssMiB.endHeld = sampler.sample();
    result.rssMiB.perConnectionKiB = result.rssMiB.endHeld != null && rssBaseline != null
      ? Math.round(((result.rssMiB.endHeld - rssBaseline) * 1024 / Math.max(1, result.hold.stillConnected)) * 10) / 10 : null;
  } else {
    const cpuBefore = pid ? cpuSeconds(pid) : null;
    const startAt = now() + 1000;
    const tStart = startAt;
    procs.forEach((p) => p.child.send({ type: 'start', startAt }));
    await waitAll('sendsDone', (a.messages / a.rate + 60) * 1000);
    const tSendsDone = now();
    // Drain: wait (bounded) until every expected delivery has arrived or nothing moved for a while.
    const perWorkerClients = slices.map((sl) => sl.length);
    const expected = s.clients.reduce((x, c) => x + a.messages * c.roomConnections, 0);
    let lastUnique = -1, stillSince = now();
    const drainDeadline = now() + a.drain * 1000;
    while (now() < drainDeadline) {
      procs.forEach((p) => p.child.send({ type: 'progress' }));
      const pr = await waitAll('progress', 30_000);
      const unique = pr.reduce((x, r) => x + r.unique, 0);
      const acks = pr.reduce((x, r) => x + r.acks, 0);
      const sent = pr.reduce((x, r) => x + r.sent, 0);
      if (unique >= expected && acks >= sent) break;
      if (unique !== lastUnique) { lastUnique = unique; stillSince = now(); } else if (now() - stillSince > 5000) break;
      await sleep(200);
    }
    const cpuAfter = pid ? cpuSeconds(pid) : null;
    procs.forEach((p) => p.child.send({ type: 'report' }));
    const reports = await waitAll('report', 60_000);
    const sum = (f) => reports.reduce((x, r) => x + f(r), 0);
    const firstSend = Math.min(...reports.map((r) => r.firstSend));
    const lastReceive = Math.max(...reports.map((r) => r.lastReceive));
    const unique = sum((r) => r.stats.unique);
    const sent = sum((r) => r.stats.sent);
    const lat = percentiles(reports.map((r) => r.hist), reports.map((r) => r.overflow), [50, 95, 99, 99.9, 100]);
    const ack = percentiles(reports.map((r) => r.ackHist), reports.map((r) => r.ackOverflow), [50, 95, 99, 100]);
    const window = (lastReceive - firstSend) / 1000;
    result.chat = {
      messagesPerClient: a.messages, ratePerClient: a.rate, sent,
      acksOk: sum((r) => r.stats.acksOk), ackErrors: sum((r) => r.stats.ackErrors), ackTimeouts: sum((r) => r.stats.ackTimeouts),
      expectedDeliveries: expected, deliveredUnique: unique, duplicates: sum((r) => r.stats.duplicates),
      lost: expected - unique, lossPercent: expected ? Math.round((expected - unique) / expected * 1e6) / 1e4 : 0,
      deliveriesPerSecond: window > 0 ? Math.round(unique / window) : 0,
      offeredDeliveriesPerSecond: Math.round(a.clients * a.rate * (expected / Math.max(1, a.clients * a.messages))),
      windowSeconds: Math.round(window * 100) / 100,
      sendSpanSeconds: Math.round((Math.max(...reports.map((r) => r.lastSend)) - firstSend) / 10) / 100,
      latencyMs: lat, ackLatencyMs: ack,
      disconnects: sum((r) => r.stats.disconnects),
      clientLoopDelayP99Ms: Math.max(...reports.map((r) => r.loopDelayP99Ms || 0)),
      clientLoopDelayMaxMs: Math.max(...reports.map((r) => r.loopDelayMaxMs || 0)),
      clientCpuSeconds: Math.round(sum((r) => r.cpuSeconds) * 10) / 10,
      serverCpuSeconds: cpuBefore != null && cpuAfter != null ? Math.round((cpuAfter - cpuBefore) * 10) / 10 : null,
      errorSamples: reports.flatMap((r) => r.stats.errorSamples).slice(0, 5),
      perWorkerClients,
    };
    result.rssMiB.peakRun = sampler.max(tStart);
    result.rssMiB.end = sampler.sample();
    void tSendsDone;
  }
  result.serverCpuSecondsTotal = pid && cpuAtStart != null ? Math.round((cpuSeconds(pid) - cpuAtStart) * 10) / 10 : null;
  procs.forEach((p) => p.child.send({ type: 'close' }));
  await Promise.all(procs.map((p) => new Promise((r) => {
    const t = setTimeout(() => { p.child.kill('SIGKILL'); r(); }, 10_000);
    p.child.on('exit', () => { clearTimeout(t); r(); });
  })));
  sampler.stop();
  if (a.out) writeFileSync(a.out, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result));
  log(humanLine(result));
}

function humanLine(r) {
  const f = (x, d = 0) => (x == null ? 'n/a' : Number(x).toFixed(d));
  if (r.scenario === 'idle') {
    return `idle: ${r.hold.stillConnected}/${r.clients} connections held ${r.hold.seconds} s; server RSS ${f(r.rssMiB.baseline)} MiB before, ` +
      `${f(r.rssMiB.endHeld)} MiB held (peak ${f(r.rssMiB.peakHeld)}), ~${f(r.rssMiB.perConnectionKiB, 1)} KiB/connection; connect took ${f(r.connect.seconds, 1)} s`;
  }
  const c = r.chat;
  return `chat: ${c.deliveredUnique}/${c.expectedDeliveries} deliveries (lost ${c.lost}), ${c.deliveriesPerSecond}/s; ` +
    `latency p50 ${f(c.latencyMs[50], 1)} p95 ${f(c.latencyMs[95], 1)} p99 ${f(c.latencyMs[99], 1)} max ${f(c.latencyMs[100], 1)} ms; ` +
    `ack p99 ${f(c.ackLatencyMs[99], 1)} ms; acks ok ${c.acksOk}/${c.sent}; server RSS peak ${f(r.rssMiB.peakRun)} MiB; ` +
    `server CPU ${f(c.serverCpuSeconds, 1)} s, client CPU ${f(c.clientCpuSeconds, 1)} s, client loop delay p99 ${f(c.clientLoopDelayP99Ms, 1)} ms`;
}

if (process.argv.includes('--worker')) {
  workerMain();
} else {
  main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
}
