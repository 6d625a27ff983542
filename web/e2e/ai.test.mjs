// Browser end-to-end test of the assistant in the web app, against the real server jar (see lib.mjs). The server's
// "openai" provider is a small local HTTP server in this test that streams OpenAI-compatible SSE fixtures (the
// recorded ones of the server's tests, plus fixtures/openai-markdown-stream.txt in the same wire format).
//   node --test web/e2e/ai.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, launchBrowser, register, screenshotPath, seriousViolations, setTheme, startServer } from './lib.mjs';

const suffix = Date.now().toString(36).slice(-5);
const ada = { username: `ada_${suffix}`, email: `ada_${suffix}@example.com`, password: 'correct-horse-9' };
const bob = { username: `bob_${suffix}`, email: `bob_${suffix}@example.com`, password: 'battery-staple-9' };
const room = `ai-room-${suffix}`;
// Generous: this runs on a shared 2-core machine next to other builds.
const T = 45_000;
const DOWNLOADING = { provider: 'local', model: 'qwen2.5-0.5b-instruct-q4', state: 'downloading', percent: 43, reason: null };

function sseEvents(path) {
  return readFileSync(path, 'utf8')
    .split('\n\n')
    .map((e) => e.trim())
    .filter(Boolean);
}
const FIXTURES = {
  markdown: sseEvents(join(REPO_ROOT, 'web', 'e2e', 'fixtures', 'openai-markdown-stream.txt')),
  plain: sseEvents(join(REPO_ROOT, 'server', 'src', 'test', 'resources', 'ai', 'openai-stream.txt')),
  slow: sseEvents(join(REPO_ROOT, 'server', 'src', 'test', 'resources', 'ai', 'openai-slow-stream.txt')),
  toolSearch: sseEvents(join(REPO_ROOT, 'server', 'src', 'test', 'resources', 'ai', 'openai-tool-search-stream.txt')),
  afterTool: sseEvents(join(REPO_ROOT, 'server', 'src', 'test', 'resources', 'ai', 'openai-after-tool-stream.txt')),
};
const MARKDOWN_REPLY = 'Here is a Python function that greets someone';
const PLAIN_REPLY = 'Hello! How can I help you today?';
const AFTER_TOOL_REPLY = 'Your flights to Lisbon leave Friday at 7am.';

/** Holds the answer that follows a tool call until released, so the test sees the reply while it waits. */
let afterToolGate = Promise.resolve();

/**
 * The stand-in for a paid API: POST /v1/chat/completions streams a fixture, one SSE event at a time. "count slowly"
 * gets the slow 60-word stream; a question about Lisbon a call of the search_messages tool, and the request carrying
 * the tool's result (once afterToolGate lets it) the answer; a question asked a second time (regenerate) and the
 * skills get the plain reply; anything else the Markdown one.
 */
function startProvider() {
  const requests = [];
  const asked = new Map();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    requests.push({ url: req.url, authorization: req.headers.authorization, body });
    if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"no fixture for this path"}}');
      return;
    }
    let question = '';
    let toolResult = false;
    try {
      const messages = JSON.parse(body).messages;
      const users = messages.filter((m) => m.role === 'user');
      question = String(users[users.length - 1]?.content ?? '');
      toolResult = messages.some((m) => m.role === 'tool');
    } catch {
      /* answered with the default fixture */
    }
    const times = (asked.get(question) ?? 0) + 1;
    asked.set(question, times);
    if (toolResult) await afterToolGate;
    const [events, everyMs] = toolResult
      ? [FIXTURES.afterTool, 40]
      : /lisbon/i.test(question)
        ? [FIXTURES.toolSearch, 20]
        : /count slowly/.test(question)
          ? [FIXTURES.slow, 150]
          : times > 1 || /\/(summarize|translate)/.test(question)
            ? [FIXTURES.plain, 40]
            : [FIXTURES.markdown, 150];
    let gone = false;
    res.on('close', () => (gone = true));
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
    for (const e of events) {
      if (gone) return;
      res.write(`${e}\n\n`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    res.end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        requests,
        baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
        close: () => new Promise((r) => server.close(r)),
      }),
    ),
  );
}

let provider;
let server;
let browser;
const contexts = [];
let pageA;
let pageB;
/** Socket.IO frames ada's page sent (to see exactly what the menu and composer emit). */
const sentByA = [];

async function newPage({ viewport = { width: 1280, height: 800 }, status = null } = {}) {
  const ctx = await browser.newContext({ baseURL: server.baseUrl, viewport, colorScheme: 'light' });
  contexts.push(ctx);
  // Until the server reports a model status, this context gets one from the contract (a model downloading).
  if (status) await ctx.route('**/api/ai/status', (route) => route.fulfill({ json: status }));
  const page = await ctx.newPage();
  page.setDefaultTimeout(T);
  page.setDefaultNavigationTimeout(2 * T);
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  // What the page still waits for, said when a navigation times out (this machine is shared and slow at times).
  const pending = new Set();
  page.on('request', (q) => pending.add(q));
  page.on('requestfinished', (q) => pending.delete(q));
  page.on('requestfailed', (q) => pending.delete(q));
  page.pendingRequests = () => [...pending].map((q) => q.url());
  return page;
}

const composer = (page) => page.getByLabel('Message', { exact: true });
/** Messages by this author whose own text (not a quoted reply) contains `text`. */
const messagesBy = (page, username, text) =>
  page
    .getByTestId('message')
    .filter({ has: page.getByTestId('message-author').getByText(username, { exact: true }) })
    .filter({ has: page.getByTestId('message-text').filter({ hasText: text }) });
const assistantMessages = (page) => ({ filter: ({ hasText }) => messagesBy(page, 'assistant', hasText) });
const question = (page, text) => messagesBy(page, ada.username, text);
const stream = (page) => page.getByTestId('ai-stream');

async function ask(page, text) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** The Socket.IO events ada's page emitted with this name, as [name, payload]. */
function emitted(name) {
  return sentByA
    .map((f) => {
      const m = /^42\d*(\[.*)$/s.exec(f);
      if (!m) return null;
      try {
        return JSON.parse(m[1]);
      } catch {
        return null;
      }
    })
    .filter((e) => e && e[0] === name);
}

async function waitForEmit(name, predicate) {
  const deadline = Date.now() + T;
  while (Date.now() < deadline) {
    const hit = emitted(name).find((e) => predicate(e[1]));
    if (hit) return hit[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${name} was emitted matching the expectation; sent: ${JSON.stringify(emitted(name))}`);
}

async function openAiMenu(page, message) {
  await message.hover();
  await message.getByRole('button', { name: 'Assistant actions', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Assistant actions' });
  await menu.waitFor();
  return menu;
}

async function assertNoSeriousViolations(page, label) {
  const bad = await seriousViolations(page, label);
  assert.deepEqual(
    bad.map((v) => v.id),
    [],
    `serious/critical axe violations (${label})`,
  );
}

describe('Kiln assistant in the web app', { timeout: 600_000 }, () => {
  before(async () => {
    browser = await launchBrowser();
    provider = await startProvider();
    server = await startServer({
      env: {
        KILN_AI_PROVIDER: 'openai',
        KILN_AI_BASE_URL: provider.baseUrl,
        KILN_AI_API_KEY: 'sk-e2e-fixture-key',
        KILN_AI_MODEL: 'gpt-4o-mini',
        KILN_AI_TIMEOUT: '10s',
        KILN_AI_MAXATTEMPTS: '1',
        KILN_AI_REQUESTSPERMINUTEPERUSER: '100',
      },
    });
    pageA = await newPage({ status: DOWNLOADING });
    pageA.on('websocket', (ws) => ws.on('framesent', (f) => typeof f.payload === 'string' && sentByA.push(f.payload)));
    pageB = await newPage();
    await register(pageA, ada);
    await register(pageB, bob);
    await pageA.getByRole('button', { name: 'New room', exact: true }).click();
    const dialog = pageA.getByRole('dialog', { name: 'New room' });
    await dialog.getByLabel('Room name').fill(room);
    await dialog.getByLabel('Add members').fill(bob.username);
    await dialog.getByTestId('user-result').filter({ hasText: bob.username }).click();
    await dialog.getByRole('button', { name: 'Create room', exact: true }).click();
    await pageA.getByTestId('conversation-title').filter({ hasText: room }).waitFor();
    await pageB.getByTestId('conversation-item').filter({ hasText: room }).click();
    await pageB.getByTestId('conversation-title').filter({ hasText: room }).waitFor();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    await provider?.close();
  });

  it('streams a reply to the whole room as it is written, then shows it as Markdown with highlighted code', async () => {
    await ask(pageA, '@assistant write a greeting function in Python');
    await question(pageA, 'write a greeting function').waitFor();

    // While streaming: a growing row in both pages, and a Stop button only for the one who asked.
    const streamingA = stream(pageA).and(pageA.locator('[data-status="streaming"]'));
    await streamingA.waitFor();
    const early = await streamingA.innerText();
    await stream(pageB).and(pageB.locator('[data-status="streaming"]')).waitFor();
    assert.equal(await stream(pageB).getByTestId('ai-stop').count(), 0, 'no Stop button for someone who did not ask');
    await pageA.getByTestId('ai-stop').waitFor();
    await pageA.waitForFunction((before) => {
      const row = document.querySelector('[data-testid="ai-stream"]');
      return row && row.textContent.length > before.length + 5;
    }, early);

    // Done: the stored message replaces the stream, rendered as Markdown with a highlighted code block.
    for (const page of [pageA, pageB]) {
      const reply = assistantMessages(page).filter({ hasText: MARKDOWN_REPLY });
      await reply.waitFor();
      await stream(page).waitFor({ state: 'detached' });
      assert.equal(await reply.locator('strong').first().innerText(), 'Python');
      const code = reply.getByTestId('ai-code-block').locator('pre code');
      await code.locator('.hljs-keyword').filter({ hasText: 'def' }).waitFor();
      assert.match(await code.innerText(), /def greet\(name\):\n {4}return f"Hello, \{name\}!"/);
      assert.equal(await reply.locator('p code').innerText(), 'greet("Kiln")');
    }
    await pageA.screenshot({ path: screenshotPath('ai-markdown-reply') });

    const call = provider.requests.find((r) => r.body.includes('write a greeting function'));
    assert.ok(call, 'the provider was asked');
    assert.equal(call.authorization, 'Bearer sk-e2e-fixture-key');
    assert.equal(JSON.parse(call.body).stream, true);
  });

  it('stops a reply: the part already written stays, with a note', async () => {
    await ask(pageA, '@assistant count slowly to sixty');
    const row = stream(pageA);
    await row.filter({ hasText: 'word2' }).waitFor();
    await pageA.getByTestId('ai-stop').click();
    const stopped = assistantMessages(pageA).filter({ hasText: `stopped by @${ada.username}` });
    await stopped.waitFor();
    const text = await stopped.innerText();
    assert.match(text, /word0 word1 word2/);
    assert.doesNotMatch(text, /word59/, 'stopped well before the end');
    await assistantMessages(pageB)
      .filter({ hasText: `stopped by @${ada.username}` })
      .waitFor();
    await stream(pageA).waitFor({ state: 'detached' });
  });

  it('regenerates a reply: the same question is answered again as a new reply', async () => {
    const first = assistantMessages(pageA).filter({ hasText: MARKDOWN_REPLY }).first();
    const menu = await openAiMenu(pageA, first);
    await menu.getByRole('menuitem', { name: 'Regenerate' }).click();
    const again = await waitForEmit('ai_regenerate', (p) => !!p.messageId);
    assert.equal(again.messageId, await first.getAttribute('data-message-id'));
    for (const page of [pageA, pageB]) await assistantMessages(page).filter({ hasText: PLAIN_REPLY }).waitFor();
    assert.equal(await assistantMessages(pageA).filter({ hasText: MARKDOWN_REPLY }).count(), 1, 'the first reply stays');
    // No second copy of the question was stored.
    assert.equal(await question(pageA, 'write a greeting function').count(), 1);
  });

  it('shows which tool the assistant called, while it answers and on the stored reply', async () => {
    let release;
    afterToolGate = new Promise((r) => (release = r));
    await ask(pageA, '@assistant when do the Lisbon flights leave?');
    // The model called search_messages; its answer is held back, so the reply is still on its way in both pages.
    for (const page of [pageA, pageB]) {
      const chip = stream(page).getByTestId('ai-tool-call');
      await chip.waitFor();
      assert.equal(await chip.innerText(), 'Searched messages for “Lisbon flights”');
      assert.equal(await chip.getAttribute('data-status'), 'ok');
    }
    assert.equal(
      await stream(pageA).getByRole('list', { name: 'Tools the assistant used' }).getByRole('listitem').count(),
      1,
    );
    release();
    for (const page of [pageA, pageB]) {
      const reply = assistantMessages(page).filter({ hasText: AFTER_TOOL_REPLY });
      await reply.waitFor();
      await stream(page).waitFor({ state: 'detached' });
      assert.equal(await reply.getByTestId('ai-tool-call').innerText(), 'Searched messages for “Lisbon flights”');
    }
    await pageA.screenshot({ path: screenshotPath('ai-tool-call') });
  });

  it('summarizes and translates from the message menu and from the composer', async () => {
    const asked = question(pageA, 'write a greeting function');
    let menu = await openAiMenu(pageA, asked);
    await pageA.keyboard.press('ArrowDown'); // keyboard works in the menu
    await menu.getByRole('menuitem', { name: 'Summarize conversation' }).click();
    const summarize = await waitForEmit('ai_chat_message', (p) => p.message === '/summarize');
    assert.ok(summarize.clientMessageId, 'a clientMessageId is sent');
    assert.equal(summarize.threadId, undefined);

    menu = await openAiMenu(pageA, asked);
    await menu.getByRole('menuitem', { name: 'Translate…' }).click();
    const dialog = pageA.getByRole('dialog', { name: 'Translate' });
    await dialog.getByLabel('Language', { exact: true }).selectOption('French');
    await dialog.getByRole('button', { name: 'Translate to French' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const translate = await waitForEmit('ai_chat_message', (p) => p.message === '/translate French');
    assert.equal(translate.replyTo, await asked.getAttribute('data-message-id'));

    // The composer suggests commands: Tab completes, then the language is typed.
    await composer(pageA).fill('');
    await composer(pageA).pressSequentially('/tr');
    const hint = pageA.getByRole('listbox', { name: 'Commands' });
    await hint.getByRole('option', { name: /\/translate/ }).waitFor();
    assert.equal(
      await composer(pageA).getAttribute('aria-activedescendant'),
      await hint.getByRole('option').first().getAttribute('id'),
    );
    await composer(pageA).press('Tab');
    assert.equal(await composer(pageA).inputValue(), '/translate ');
    await composer(pageA).pressSequentially('german');
    await composer(pageA).press('Enter');
    await waitForEmit('ai_chat_message', (p) => p.message === '/translate German' && !p.replyTo);
    await composer(pageA).fill('/translate ');
    await composer(pageA).press('Enter');
    await pageA.getByTestId('composer-error').filter({ hasText: 'Say which language' }).waitFor();
    await composer(pageA).fill('');
  });

  it("settings: owners change the persona and temperature, and see the server's field errors", async () => {
    await pageA.getByRole('button', { name: 'Assistant settings' }).click();
    const dialog = pageA.getByRole('dialog', { name: 'Assistant settings' });
    const temperature = dialog.getByLabel('Temperature', { exact: true });
    await temperature.waitFor();
    assert.equal(await dialog.getByLabel('The assistant answers in this room').isChecked(), true);
    await temperature.fill('2.5');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const error = dialog.getByTestId('ai-settings-error-temperature');
    await error.filter({ hasText: 'between 0 and 2' }).waitFor();
    assert.equal(await temperature.getAttribute('aria-invalid'), 'true');
    await pageA.waitForFunction(() => document.activeElement?.getAttribute('inputmode') === 'decimal');
    await assertNoSeriousViolations(pageA, 'settings dialog with a field error');

    await temperature.fill('0.4');
    await dialog.getByLabel('Persona (system prompt)').fill('You are a terse pirate.');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByTestId('ai-settings-status').filter({ hasText: 'Saved.' }).waitFor();
    await pageA.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Saved on the server: the dialog shows it again, and bob (a member) has no settings button.
    await pageA.getByRole('button', { name: 'Assistant settings' }).click();
    await dialog.getByLabel('Temperature', { exact: true }).waitFor();
    assert.equal(await dialog.getByLabel('Temperature', { exact: true }).inputValue(), '0.4');
    assert.equal(await dialog.getByLabel('Persona (system prompt)').inputValue(), 'You are a terse pirate.');
    await pageA.keyboard.press('Escape');
    assert.equal(await pageB.getByRole('button', { name: 'Assistant settings' }).count(), 0);
  });

  it('shows the model status from GET /api/ai/status, hidden when the server has none', async () => {
    const status = pageA.getByTestId('ai-status');
    await status.waitFor();
    assert.equal(await status.getAttribute('data-state'), 'downloading');
    assert.match(await status.getAttribute('aria-label'), /Downloading model 43 %/);
    const bar = pageA.getByRole('progressbar', { name: "Downloading the assistant's model" }).first();
    assert.equal(await bar.getAttribute('aria-valuenow'), '43');
    await status.click();
    await pageA.getByTestId('ai-status-panel').filter({ hasText: 'qwen2.5-0.5b-instruct-q4' }).waitFor();
    await pageA.keyboard.press('Escape');
    await pageA.getByTestId('ai-status-panel').waitFor({ state: 'hidden' });

    // bob's page asks the real server: no status endpoint yet (404) hides it; once there, it shows a known state.
    const real = await pageB.evaluate(async () => {
      const token = JSON.parse(localStorage.getItem('kiln.session') ?? '{}').token;
      return (await fetch('/api/ai/status', { headers: { Authorization: `Bearer ${token}` } })).status;
    });
    if (real === 404) assert.equal(await pageB.getByTestId('ai-status').count(), 0);
    else
      assert.match(
        (await pageB.getByTestId('ai-status').getAttribute('data-state')) ?? '',
        /^(ready|downloading|loading|unavailable)$/,
      );
  });

  it('has no serious accessibility violations with the assistant UI on screen, in light and dark themes', async () => {
    // A slow reply keeps a streaming row with its Stop button on screen while axe runs.
    await ask(pageA, '@assistant count slowly once more');
    // An earlier slow reply may still be streaming too: wait for the newest one.
    await stream(pageA).filter({ hasText: 'word1' }).last().waitFor();
    await pageA.getByTestId('ai-stop').last().waitFor();
    await pageA.mouse.move(0, 0);
    for (const theme of ['light', 'dark']) {
      await setTheme(pageA, theme);
      await pageA.screenshot({ path: screenshotPath(`ai-${theme}`) });
      await assertNoSeriousViolations(pageA, `assistant UI ${theme}`);
    }
    // The message menu and the command hint, open.
    const reply = assistantMessages(pageA).filter({ hasText: MARKDOWN_REPLY }).first();
    await openAiMenu(pageA, reply);
    await assertNoSeriousViolations(pageA, 'assistant menu (dark)');
    await pageA.keyboard.press('Escape');
    await composer(pageA).fill('/');
    await pageA.getByRole('listbox', { name: 'Commands' }).waitFor();
    await assertNoSeriousViolations(pageA, 'command hint (dark)');
    await composer(pageA).fill('');
    // Stop every reply still streaming: on a slow machine an earlier slow reply can still be running beside this one.
    const stops = pageA.getByTestId('ai-stop');
    for (let left = await stops.count(); left > 0; left = await stops.count()) {
      await stops.first().click();
      await pageA.waitForFunction((n) => document.querySelectorAll('[data-testid="ai-stop"]').length < n, left, { timeout: 10_000 });
    }
    await pageA.waitForFunction(() => document.querySelectorAll('[data-testid="ai-stream"]').length === 0, null, { timeout: 15_000 });
    await setTheme(pageA, 'light');
  });

  it('works at 360 px: code scrolls inside its block, not the page', async () => {
    const page = await newPage({ viewport: { width: 360, height: 740 }, status: DOWNLOADING });
    await page.goto('/');
    await page.getByLabel('Username', { exact: true }).fill(ada.username);
    await page.getByLabel('Password', { exact: true }).fill(ada.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('conversation-item').filter({ hasText: room }).click();
    await assistantMessages(page).filter({ hasText: MARKDOWN_REPLY }).first().getByTestId('ai-code-block').waitFor();
    await page.getByTestId('ai-status').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (overflow ${overflow}px)`);
    await page.screenshot({ path: screenshotPath('ai-mobile') });
    await assertNoSeriousViolations(page, 'assistant UI at 360 px');
  });
});
