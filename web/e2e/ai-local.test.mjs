// Browser end-to-end test of the assistant on the in-process "local" provider: the real server jar runs llama.cpp
// on a tiny GGUF model that this test writes with the server's TinyGguf test utility (random weights; every reply
// reads " kiln fires clay glaze ..." until its token limit, which this test lifts, so only Stop ends it).
//   node --test web/e2e/ai-local.test.mjs   (needs server/target/kiln.jar and server/target/test-classes: mvn install)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, javaBin, launchBrowser, screenshotPath, seriousViolations, startServer } from './lib.mjs';

const suffix = Date.now().toString(36).slice(-5);
const ada = { username: `ada_${suffix}`, email: `ada_${suffix}@example.com`, password: 'correct-horse-9' };
const room = `local-ai-${suffix}`;
// Generous: this runs on a shared 2-core machine next to other builds.
const T = 45_000;
/** TinyGguf.WORDS: a reply cycles through them, in this order, from the first. */
const WORDS = 'kiln fires clay glaze pots cool slowly then shine bright under soft morning light again and'.split(' ');

/** Writes the tiny model with the server's own test utility, run by the same JDK as the server. */
function writeTinyModel(dir) {
  const classes = join(REPO_ROOT, 'server', 'target', 'test-classes');
  if (!existsSync(join(classes, 'dev', 'kiln', 'server', 'ai', 'local', 'TinyGguf.class'))) {
    throw new Error(
      `${classes} has no dev/kiln/server/ai/local/TinyGguf.class: run the Maven build first ` +
        '("mvn -B -DskipTests install" at the repo root compiles the test classes; ./kiln test does it before this test).',
    );
  }
  const file = join(dir, 'tiny.gguf');
  execFileSync(javaBin(), ['-cp', classes, 'dev.kiln.server.ai.local.TinyGguf', file], { stdio: 'pipe' });
  if (!existsSync(file)) throw new Error(`TinyGguf did not write ${file}`);
  return file;
}

let modelDir;
let server;
let browser;
let ctx;
let page;
/** Socket.IO events the page received over its WebSocket, as [name, payload]. */
const received = [];

function events(name) {
  return received.filter((e) => e[0] === name).map((e) => e[1]);
}

async function waitForEvent(name, predicate) {
  const deadline = Date.now() + T;
  while (Date.now() < deadline) {
    const hit = events(name).find(predicate);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${name} event arrived as expected; got ${events(name).length} of them`);
}

/** The words of a reply, checked to be the tiny model's cycle from its first word. */
function assertModelWords(text, label) {
  const words = text.trim().split(/\s+/);
  assert.ok(words.length >= 2, `${label}: at least two words (got ${JSON.stringify(text)})`);
  words.forEach((w, i) =>
    assert.equal(w, WORDS[i % WORDS.length], `${label}: word ${i} of ${JSON.stringify(text.slice(0, 300))}`),
  );
}

const composer = () => page.getByLabel('Message', { exact: true });
const messagesBy = (username, text) =>
  page
    .getByTestId('message')
    .filter({ has: page.getByTestId('message-author').getByText(username, { exact: true }) })
    .filter({ has: page.getByTestId('message-text').filter({ hasText: text }) });

async function api(path) {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('kiln.session') ?? '{}').token);
  const r = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
}

describe('Kiln assistant on the local model (tiny GGUF) in the web app', { timeout: 300_000 }, () => {
  before(async () => {
    modelDir = mkdtempSync(join(tmpdir(), 'kiln-e2e-model-'));
    const model = writeTinyModel(modelDir);
    browser = await launchBrowser();
    server = await startServer({
      env: {
        KILN_AI_PROVIDER: 'local',
        KILN_MODEL_PATH: model,
        KILN_MODEL_DOWNLOAD: 'false',
        // Unbounded replies, so one is still streaming whenever Stop is pressed (the tiny model writes thousands of
        // tokens a second and never samples an end); a small context and one thread suit the tiny model on a busy box.
        KILN_AI_MAXOUTPUTTOKENS: '1000000',
        KILN_MODEL_CONTEXT_SIZE: '2048',
        KILN_MODEL_THREADS: '1',
      },
    });
    ctx = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page = await ctx.newPage();
    page.setDefaultTimeout(T);
    page.setDefaultNavigationTimeout(2 * T);
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        const m = typeof f.payload === 'string' ? /^42\d*(\[.*)$/s.exec(f.payload) : null;
        if (!m) return;
        try {
          received.push(JSON.parse(m[1]));
        } catch {
          /* not an event */
        }
      }),
    );

    await page.goto('/');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByLabel('Username', { exact: true }).fill(ada.username);
    await page.getByLabel('Email', { exact: true }).fill(ada.email);
    await page.getByLabel('Password', { exact: true }).fill(ada.password);
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
    await page.getByRole('button', { name: 'New room', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New room' });
    await dialog.getByLabel('Room name').fill(room);
    await dialog.getByRole('button', { name: 'Create room', exact: true }).click();
    await page.getByTestId('conversation-title').filter({ hasText: room }).waitFor();
  });

  after(async () => {
    await ctx?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    if (modelDir) rmSync(modelDir, { recursive: true, force: true });
  });

  it('shows the local model as ready in the header', async () => {
    // The model loads after the server starts: loading first, then ready (GET /api/ai/status, then ai_status).
    const status = page.getByTestId('ai-status').and(page.locator('[data-state="ready"]'));
    await status.waitFor();
    assert.match(await status.getAttribute('aria-label'), /^AI ready\./);
    await status.click();
    await page.getByTestId('ai-status-panel').filter({ hasText: 'The assistant is ready: tiny (local).' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('ai-status-panel').waitFor({ state: 'hidden' });
    assert.deepEqual(await api('/api/ai/status'), {
      provider: 'local',
      model: 'tiny',
      state: 'ready',
      percent: null,
      reason: null,
    });
  });

  it('streams the reply as the model writes it, stops it, and shows exactly what the server stored', async (t) => {
    // Every distinct text the streaming row shows, in order, as the page renders it.
    await page.evaluate(() => {
      const seen = (window.__kilnPartials = []);
      const record = () => {
        const el = document.querySelector(
          '[data-testid="ai-stream"] [data-testid="ai-markdown"], [data-testid="ai-stream"] [data-testid="ai-plain"]',
        );
        const text = el?.textContent.trim() ?? '';
        if (text && seen[seen.length - 1] !== text && seen.length < 500) seen.push(text);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await composer().fill('@assistant how does a kiln work?');
    await composer().press('Enter');
    await messagesBy(ada.username, 'how does a kiln work?').waitFor();

    const row = page.getByTestId('ai-stream').and(page.locator('[data-status="streaming"]'));
    await row.waitFor();
    const responseId = await row.getAttribute('data-response-id');
    // The reply grows on screen: wait for three different texts, each longer than the one before.
    await page.waitForFunction(() => window.__kilnPartials.length >= 3);
    await page.screenshot({ path: screenshotPath('ai-local-streaming') });

    // Stop, from the keyboard: the button moves down as the text grows, so it is focused rather than clicked at a spot.
    const stop = page.getByTestId('ai-stop');
    await stop.focus();
    await page.keyboard.press('Enter');
    const stored = messagesBy('assistant', `stopped by @${ada.username}`);
    await stored.waitFor();
    await page.getByTestId('ai-stream').waitFor({ state: 'detached' });

    // The socket: chunks of this reply (more than one), then ai_response marked cancelled (it follows the stored
    // message's new_message, which already replaced the streaming row).
    const done = await waitForEvent('ai_response', (r) => r.responseId === responseId);
    const chunks = events('ai_response_chunk').filter((c) => c.responseId === responseId);
    assert.ok(chunks.length >= 2, `several ai_response_chunk frames for the reply (got ${chunks.length})`);
    const streamedText = chunks.map((c) => c.delta).join('');
    assert.equal(done.cancelled, true);
    assert.equal(done.provider, 'local');
    assert.equal(done.model, 'tiny');
    const note = `\n\n_(stopped by @${ada.username})_`;
    assert.ok(
      done.message.endsWith(note),
      `the stored reply ends with the stop note: ${JSON.stringify(done.message.slice(-80))}`,
    );
    const kept = done.message.slice(0, -note.length);
    // What was kept is what was streamed (a chunk may still have been on its way when the stop landed), cut with "…"
    // when longer than a message may be (KILN_LIMITS_MESSAGEMAXCHARS): the tiny model is fast.
    const cut = kept.endsWith('…');
    const keptText = cut ? kept.slice(0, -1) : kept;
    assert.ok(streamedText.startsWith(keptText), 'the stored text is the streamed text');
    assertModelWords(cut ? keptText.replace(/\s+\S*$/, '') : keptText, 'stored reply');

    // The server's copy (REST) is the same message, and the page shows exactly its text.
    const conversation = await api(`/api/chat/conversations/${done.conversationId}`);
    const message = conversation.messages.find((m) => m.id === done.id);
    assert.ok(message, `message ${done.id} is in the conversation's history`);
    assert.equal(message.username, 'assistant');
    assert.equal(message.clientMessageId, `ai-${responseId}`);
    assert.equal(message.message, done.message);
    assert.equal(await stored.getAttribute('data-message-id'), done.id);
    const markdown = stored.getByTestId('ai-markdown');
    const paragraphs = await markdown.locator('p').allInnerTexts();
    assert.deepEqual(paragraphs, [kept.trim(), `(stopped by @${ada.username})`]);
    assert.equal(await markdown.locator('em').innerText(), `(stopped by @${ada.username})`);
    assert.equal(
      (await markdown.innerText()).replace(/\s+/g, ' ').trim(),
      message.message
        .replace(/_\((stopped by @[^)]+)\)_/, '($1)')
        .replace(/\s+/g, ' ')
        .trim(),
    );

    // The partial texts seen while streaming: at least three, each longer than the last, all the start of the reply.
    const partials = await page.evaluate(() => window.__kilnPartials);
    const streaming = partials.filter((p) => !p.includes('stopped by'));
    assert.ok(streaming.length >= 3, `three or more partial texts (got ${streaming.length})`);
    for (let i = 0; i < streaming.length; i++) {
      assert.ok(streamedText.trim().startsWith(streaming[i]), `partial text ${i} is the start of the streamed reply`);
      if (i > 0) assert.ok(streaming[i].length > streaming[i - 1].length, `partial text ${i} is longer than the one before`);
    }
    assertModelWords(streaming[0], 'first partial text');

    t.diagnostic(
      `${chunks.length} chunks, ${streamedText.length} characters streamed, ${kept.length} kept, ${streaming.length} partial texts seen`,
    );

    // The question and the start of the reply, for the artifact.
    await messagesBy(ada.username, 'how does a kiln work?').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath('ai-local-reply') });
    const bad = await seriousViolations(page, 'local assistant reply');
    assert.deepEqual(
      bad.map((v) => v.id),
      [],
      'serious/critical axe violations',
    );
  });
});
