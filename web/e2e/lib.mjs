// Helpers for the browser end-to-end tests: start the real server jar, launch the system Chromium, run axe-core.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'e2e');
const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The java the tests run: $JAVA_HOME's (./kiln test sets it to a JDK >= 21), else the one on the PATH. */
export function javaBin() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/**
 * Starts `java -jar server/target/kiln.jar` on a free port with a fresh data dir and waits for /actuator/health UP.
 * With KILN_E2E_BASE_URL set, uses that already-running server instead (e.g. the dev mock: node web/dev/mock-server.mjs).
 * `env` adds settings for this server (e.g. an AI provider pointed at a local fixture server).
 */
export async function startServer({ env = {} } = {}) {
  if (process.env.KILN_E2E_BASE_URL) {
    const baseUrl = process.env.KILN_E2E_BASE_URL.replace(/\/$/, '');
    await waitForHealth(baseUrl, null, 10_000);
    return { baseUrl, stop: async () => {} };
  }
  const jar = process.env.KILN_JAR ?? join(REPO_ROOT, 'server', 'target', 'kiln.jar');
  if (!existsSync(jar)) {
    throw new Error(
      `${jar} is missing: run mvn install first (e.g. "mvn -DskipTests install" at the repo root, or ./kiln test).`,
    );
  }
  const java = javaBin();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kiln-e2e-'));
  const logs = [];
  const child = spawn(java, ['-jar', jar], {
    cwd: REPO_ROOT,
    // The local AI model's download stays off (no network here; set KILN_MODEL_PATH to a GGUF file to chat with a
    // model), and so do message embeddings unless a test asks: loading the embedding model on the first message
    // takes ~8 s of CPU on a 2-core machine; embeddings have JUnit tests of their own.
    env: { KILN_MODEL_DOWNLOAD: 'false', KILN_AI_EMBEDDINGS_ENABLED: 'false', ...process.env, ...env, PORT: String(port), SERVER_PORT: String(port), KILN_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d) => {
    logs.push(d.toString());
    if (logs.length > 400) logs.splice(0, logs.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  child.on('error', (e) => (exited = { code: -1, signal: String(e) }));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, () => exited, 180_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n--- server output (tail) ---\n${logs.join('').slice(-6000)}`);
  }
  return {
    baseUrl,
    logs: () => logs.join(''),
    async stop() {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(t);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(baseUrl, exited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const x = exited?.();
    if (x) throw new Error(`the server exited early (code ${x.code}, signal ${x.signal})`);
    try {
      const r = await fetch(`${baseUrl}/actuator/health`);
      const body = await r.text();
      last = `${r.status} ${body.slice(0, 200)}`;
      if (r.ok && /"status"\s*:\s*"UP"/.test(body)) return;
    } catch (e) {
      last = String(e.cause?.code ?? e.message);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server at ${baseUrl} was not healthy within ${timeoutMs / 1000}s (last answer: ${last})`);
}

/**
 * `webgl: true` makes sure WebGL works headless: Chromium falls back to SwiftShader (software rendering through
 * ANGLE/Vulkan), which newer versions only allow with --enable-unsafe-swiftshader.
 */
export async function launchBrowser({ webgl = false } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error('playwright-core is not installed: run "npm ci" in web/ first.');
  }
  // launch() always runs Chromium with a fresh, temporary --user-data-dir of Playwright's own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...(webgl ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'] : []),
    ],
  });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousViolations(page, label) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('')}`),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    console.log(
      `axe (${label}):\n${bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n')}`,
    );
  }
  return bad;
}

export function screenshotPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, `${name}.png`);
}

/** A small valid RGB PNG (a gradient), built by hand so the test needs no image library. */
export function makePng(width = 96, height = 64) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.round((x / width) * 255);
      raw[row + 2 + x * 3] = 110;
      raw[row + 3 + x * 3] = Math.round((y / height) * 255);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Registers `u` ({username, email, password}) through the web app's form and waits for the conversation list. */
export async function register(page, u) {
  try {
    await page.goto('/');
  } catch (e) {
    // A page that tracks its requests (see ai.test.mjs) says what was still loading when the navigation timed out.
    throw new Error(`${e.message}\nstill loading: ${page.pendingRequests?.().join(', ') || 'nothing'}`);
  }
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await page.getByLabel('Username', { exact: true }).fill(u.username);
  await page.getByLabel('Email', { exact: true }).fill(u.email);
  await page.getByLabel('Password', { exact: true }).fill(u.password);
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
}

/** Switches the app to the light or dark theme with its toggle, and waits until the page shows it. */
export async function setTheme(page, theme) {
  const toggle = page.getByTestId('theme-toggle');
  if ((await toggle.getAttribute('data-theme')) !== theme) await toggle.click();
  await page.waitForFunction((t) => document.documentElement.classList.contains('dark') === (t === 'dark'), theme);
}
