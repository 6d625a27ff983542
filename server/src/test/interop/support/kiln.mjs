// Shared helpers for the Socket.IO interop suite: start the real server jar, call the REST API, drive
// the official socket.io-client and record what it receives.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';

export { sleep };

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root: this file is server/src/test/interop/support/kiln.mjs. */
export const REPO_ROOT = resolve(HERE, '..', '..', '..', '..', '..');
/** The jar under test; KILN_JAR overrides it (e.g. to compare with an older build). */
export const JAR = process.env.KILN_JAR || join(REPO_ROOT, 'server', 'target', 'kiln.jar');

/** Lenient limits so that many test users can register from 127.0.0.1. */
export const LENIENT_AUTH_ARGS = [
  '--kiln.auth.attempts-per-ip-per-minute=100000',
  '--kiln.auth.attempts-per-account-per-minute=100000',
];

/** JAVA_HOME's java (the project's test script exports a JDK >= 21), else a JDK 25/21 under /usr/lib/jvm. */
export function findJava() {
  const home = process.env.JAVA_HOME;
  if (home && existsSync(join(home, 'bin', 'java'))) return join(home, 'bin', 'java');
  const jvmDir = '/usr/lib/jvm';
  if (existsSync(jvmDir)) {
    const dirs = readdirSync(jvmDir);
    for (const want of ['25', '21']) {
      const hit = dirs.find((d) => d.includes(want) && existsSync(join(jvmDir, d, 'bin', 'java')));
      if (hit) return join(jvmDir, hit, 'bin', 'java');
    }
  }
  throw new Error('No JDK >= 21 found: set JAVA_HOME to one (the default java on this machine may be 17).');
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

/**
 * Starts server/target/kiln.jar on a free port with a fresh data dir and waits for /actuator/health UP.
 * Returns {baseUrl, dataDir, logFile, stop()}; stop() kills the process (always call it, also on failure).
 */
export async function startServer({ args = LENIENT_AUTH_ARGS, timeoutMs = 120_000 } = {}) {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} is missing; build it first. run: mvn -B -DskipTests install`);
  }
  const java = findJava();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kiln-interop-'));
  // The log outlives the run (test-artifacts/ is git-ignored) so that a failure can be diagnosed.
  const logDir = join(REPO_ROOT, 'test-artifacts', 'interop');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `server-${port}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(java, ['-jar', JAR, ...args], {
    cwd: dataDir,
    // The local AI model's download stays off: these tests never need a model, and no run should fetch 490 MB.
    // No model download (no network here), and no message embeddings: loading the embedding model on the first
    // message takes ~8 s of CPU on a 2-core machine, long enough to time out this suite's 5 s acks; embeddings
    // have JUnit tests of their own.
    env: { KILN_MODEL_DOWNLOAD: 'false', KILN_AI_EMBEDDINGS_ENABLED: 'false', ...process.env, PORT: String(port), KILN_DATA_DIR: dataDir },
    stdio: ['ignore', out, out],
  });
  running.add(child);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; running.delete(child); });
  const baseUrl = `http://127.0.0.1:${port}`;
  const logTail = () => {
    try { return readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'); } catch { return '(no log)'; }
  };

  const stop = async () => {
    if (exited) {
      // It died before the suite was done with it: show why.
      process.stderr.write(`kiln server had already exited (${JSON.stringify(exited)}); log tail:\n${logTail()}\n`);
      return;
    }
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const killed = await Promise.race([done.then(() => true), sleep(10_000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await done;
    }
    try { rmSync(dataDir, { recursive: true, force: true }); } catch { /* best effort */ }
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`kiln server exited early (${JSON.stringify(exited)}); log tail:\n${logTail()}`);
    try {
      const res = await fetch(`${baseUrl}/actuator/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok && (await res.json()).status === 'UP') break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`kiln server did not report UP within ${timeoutMs} ms; log tail:\n${logTail()}`);
    }
    await sleep(250);
  }
  return { baseUrl, dataDir, logFile, pid: child.pid, stop, logTail };
}

// ---- REST ------------------------------------------------------------------------------------------

/** Calls the REST API; returns {status, headers, body} (body parsed as JSON when there is one). */
export async function api(baseUrl, method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    const why = e.cause ? `${e.cause.code ?? ''} ${e.cause.message ?? e.cause}` : '';
    throw new Error(`${method} ${path}: ${e.message} (${why.trim()}); is the server still running?`);
  }
  const text = await res.text();
  let parsed = null;
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = text; }
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Like api() but throws unless the status is the expected one; returns the body. */
export async function apiOk(baseUrl, method, path, opts = {}, expected = [200, 201, 204]) {
  const r = await api(baseUrl, method, path, opts);
  const want = Array.isArray(expected) ? expected : [expected];
  if (!want.includes(r.status)) {
    throw new Error(`${method} ${path} -> ${r.status} (wanted ${want.join('/')}): ${JSON.stringify(r.body)}`);
  }
  return r.body;
}

let userCounter = 0;
const runTag = Math.random().toString(36).slice(2, 6);

/** Registers a fresh user; returns {id, username, token, refreshToken}. */
export async function register(baseUrl, prefix = 'u') {
  const username = `${prefix}_${runTag}${++userCounter}`.slice(0, 32);
  const body = await apiOk(baseUrl, 'POST', '/api/auth/register', {
    body: { username, email: `${username}@example.test`, password: 'correct-horse-battery' },
  }, 201);
  return { id: body.user.id, username: body.user.username, token: body.token, refreshToken: body.refreshToken };
}

/** Registers n users, `parallel` requests at a time. */
export async function registerMany(baseUrl, n, prefix, parallel = 16) {
  const users = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      users[i] = await register(baseUrl, prefix);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return users;
}

/** Creates a private group room owned by `owner` with the given other members; returns the conversation. */
export function createRoom(baseUrl, owner, members = [], extra = {}) {
  return apiOk(baseUrl, 'POST', '/api/chat/conversations', {
    token: owner.token,
    body: { name: `room ${++userCounter}`, type: 'group', participantIds: members.map((m) => m.id), ...extra },
  }, 201);
}

/** A room's stored messages, oldest first (REST history). */
export async function history(baseUrl, user, conversationId) {
  const page = await apiOk(baseUrl, 'GET', `/api/chat/conversations/${conversationId}?limit=100`, { token: user.token }, 200);
  return page.messages;
}

/** Re-signs `token` with the server's secret (from its data dir) so that it expired an hour ago. */
export function expiredToken(token, dataDir) {
  const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const now = Math.floor(Date.now() / 1000);
  claims.iat = now - 7200;
  claims.exp = now - 3600;
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const sig = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64url');
  return `${body}.${sig}`;
}

// ---- Socket.IO -------------------------------------------------------------------------------------

/**
 * One socket.io-client connection plus a log of every event it received (in arrival order), so that
 * tests can wait for an event, count events, or check their order.
 */
export class Client {
  constructor(socket, label) {
    this.socket = socket;
    this.label = label;
    this.log = [];
    this.waiters = [];
    socket.onAny((event, ...args) => this.record(event, args[0]));
  }

  record(event, data) {
    const entry = { event, data, seq: this.log.length };
    this.log.push(entry);
    for (const w of [...this.waiters]) {
      if (w.event === event && w.pred(data)) w.resolve(entry);
    }
  }

  /** Events received so far with this name (and matching pred). */
  received(event, pred = () => true) {
    return this.log.filter((e) => e.event === event && pred(e.data)).map((e) => e.data);
  }

  /** Resolves with the first event (already received or arriving within timeoutMs) matching event and pred. */
  waitFor(event, pred = () => true, timeoutMs = 5000) {
    const hit = this.log.find((e) => e.event === event && pred(e.data));
    if (hit) return Promise.resolve(hit.data);
    return new Promise((res, rej) => {
      const w = { event, pred };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        rej(new Error(`${this.label}: no '${event}' matching ${pred.toString()} within ${timeoutMs} ms; ` +
          `received: ${JSON.stringify(this.log.map((e) => e.event))}`));
      }, timeoutMs);
      w.resolve = (entry) => {
        clearTimeout(timer);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        res(entry.data);
      };
      this.waiters.push(w);
    });
  }

  /** Emits with an ack and resolves with the ack's first argument (rejects after timeoutMs). */
  async ack(event, ...args) {
    return this.socket.timeout(5000).emitWithAck(event, ...args);
  }

  /** Emits with an ack and also records a marker in the log when the ack arrives (for ordering checks). */
  async ackMarked(event, ...args) {
    const result = await this.ack(event, ...args);
    this.record('__ack__', { event, result });
    return result;
  }

  emit(event, ...args) {
    this.socket.emit(event, ...args);
  }

  get connected() {
    return this.socket.connected;
  }

  close() {
    this.socket.disconnect();
  }
}

function openSocket(baseUrl, transport, auth) {
  // An array is socket.io-client's own choice and order, e.g. its default ['polling', 'websocket'] (then upgrade).
  const opts = { transports: Array.isArray(transport) ? transport : [transport], forceNew: true, reconnection: false, timeout: 10_000 };
  if (auth !== undefined) opts.auth = auth;
  return io(baseUrl, opts);
}

/**
 * Connects as `user` (or with a raw token) over one transport; resolves with a Client once connected.
 * A transport-level failure of the first attempt ("xhr poll error", "websocket error": the HTTP request or
 * socket itself failed, before Socket.IO said anything) is retried once, as socket.io-client's default
 * reconnection would, and reported on stderr so the log shows it; a refusal by the server (connect_error
 * with the server's message) or a second failure fails the test. Interop, not transport resilience, is what
 * these tests check; a transient polling failure seen about once in several runs is under investigation.
 */
export async function connect(baseUrl, transport, userOrToken, label) {
  try {
    return await connectOnce(baseUrl, transport, userOrToken, label);
  } catch (e) {
    if (!/xhr poll error|xhr post error|websocket error/.test(String(e.message))) throw e;
    process.stderr.write(`interop: transport error on first connect, retrying once: ${e.message}\n`);
    return connectOnce(baseUrl, transport, userOrToken, label);
  }
}

function connectOnce(baseUrl, transport, userOrToken, label) {
  const token = typeof userOrToken === 'string' ? userOrToken : userOrToken.token;
  const name = label ?? `${transport}:${typeof userOrToken === 'string' ? 'token' : userOrToken.username}`;
  const socket = openSocket(baseUrl, transport, { token });
  const client = new Client(socket, name);
  return new Promise((res, rej) => {
    const timer = setTimeout(() => { socket.disconnect(); rej(new Error(`${name}: no connect within 10 s`)); }, 10_000);
    socket.once('connect', () => { clearTimeout(timer); res(client); });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.disconnect();
      rej(new Error(`${name}: connect_error ${err.message}`));
    });
  });
}

/** Tries to connect with the given auth object (undefined = none); resolves with the connect_error's message. */
export function connectError(baseUrl, transport, auth) {
  const socket = openSocket(baseUrl, transport, auth);
  return new Promise((res, rej) => {
    const timer = setTimeout(() => { socket.disconnect(); rej(new Error('neither connect nor connect_error within 10 s')); }, 10_000);
    socket.once('connect', () => { clearTimeout(timer); socket.disconnect(); rej(new Error('connected although it should have been refused')); });
    socket.once('connect_error', (err) => { clearTimeout(timer); socket.disconnect(); res(err); });
  });
}

/** Closes every client given (ignores nulls). */
export function closeAll(...clients) {
  for (const c of clients.flat()) if (c) c.close();
}
