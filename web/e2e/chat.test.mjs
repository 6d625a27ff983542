// Browser end-to-end test of the web app against the real server jar (see lib.mjs).
//   node --test web/e2e/            (needs server/target/kiln.jar, $JAVA_HOME with JDK >= 21, /usr/bin/chromium)
//   KILN_E2E_BASE_URL=http://localhost:8080 node --test web/e2e/   (against a server that is already running)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, makePng, register, screenshotPath, seriousViolations, setTheme, startServer } from './lib.mjs';

const suffix = Date.now().toString(36).slice(-5);
const ada = { username: `ada_${suffix}`, email: `ada_${suffix}@example.com`, password: 'correct-horse-9' };
const bob = { username: `bob_${suffix}`, email: `bob_${suffix}@example.com`, password: 'battery-staple-9' };
const room = `e2e-room-${suffix}`;
const T = 20_000;

let server;
let browser;
let ctxA;
let ctxB;
let pageA;
let pageB;

async function newPage(viewport = { width: 1280, height: 800 }, colorScheme = 'light') {
  const ctx = await browser.newContext({ baseURL: server.baseUrl, viewport, colorScheme });
  const page = await ctx.newPage();
  page.setDefaultTimeout(T);
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  return { ctx, page };
}

async function login(page, u) {
  await page.goto('/');
  await page.getByLabel('Username', { exact: true }).fill(u.username);
  await page.getByLabel('Password', { exact: true }).fill(u.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
}

const composer = (page) => page.getByLabel('Message', { exact: true });
const messageWithText = (page, text) => page.getByTestId('message').filter({ hasText: text });

describe('Kiln web app', { timeout: 300_000 }, () => {
  before(async () => {
    browser = await launchBrowser(); // fails fast with a clear message when Chromium is missing
    server = await startServer(); // ... or when server/target/kiln.jar is missing
    ({ ctx: ctxA, page: pageA } = await newPage());
    ({ ctx: ctxB, page: pageB } = await newPage());
  });

  after(async () => {
    await ctxA?.close().catch(() => {});
    await ctxB?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('login page has no serious accessibility violations in light and dark themes', async () => {
    for (const scheme of ['light', 'dark']) {
      const { ctx, page } = await newPage({ width: 1280, height: 800 }, scheme);
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      assert.equal(
        await page.evaluate(() => document.documentElement.classList.contains('dark')),
        scheme === 'dark',
        'theme follows the system',
      );
      await page.screenshot({ path: screenshotPath(`login-${scheme}`) });
      const bad = await seriousViolations(page, `login ${scheme}`);
      assert.deepEqual(
        bad.map((v) => v.id),
        [],
        `serious/critical axe violations on the login page (${scheme})`,
      );
      await ctx.close();
    }
  });

  it('shows inline field errors from the server', async () => {
    const { ctx, page } = await newPage();
    await page.goto('/');
    await page.getByLabel('Username', { exact: true }).fill(`nobody_${suffix}`);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // Either a form-level alert or an inline field error, depending on how the server words it.
    await page
      .getByTestId('form-error')
      .or(page.getByTestId('error-username'))
      .or(page.getByTestId('error-password'))
      .first()
      .waitFor();
    await ctx.close();
  });

  it('two users register, create a room and chat live', async () => {
    await register(pageA, ada);
    await register(pageB, bob);

    await pageA.getByRole('button', { name: 'New room', exact: true }).click();
    const dialog = pageA.getByRole('dialog', { name: 'New room' });
    await dialog.getByLabel('Room name').fill(room);
    await dialog.getByLabel('Add members').fill(bob.username);
    await dialog.getByTestId('user-result').filter({ hasText: bob.username }).click();
    await dialog.getByRole('button', { name: 'Create room', exact: true }).click();
    await pageA.getByTestId('conversation-title').filter({ hasText: room }).waitFor();

    // bob is told about the new room live (conversation_updated) and opens it
    await pageB.getByTestId('conversation-item').filter({ hasText: room }).click();
    await pageB.getByTestId('conversation-title').filter({ hasText: room }).waitFor();

    // typing indicator
    await composer(pageA).click();
    await composer(pageA).pressSequentially('hello bo', { delay: 30 });
    await pageB
      .getByTestId('typing-indicator')
      .filter({ hasText: `${ada.username} is typing` })
      .waitFor();
    await composer(pageA).pressSequentially('b', { delay: 30 });
    await composer(pageA).press('Enter');
    await messageWithText(pageB, 'hello bob').waitFor();
    await messageWithText(pageA, 'hello bob').and(pageA.locator('[data-status="sent"]')).waitFor();

    await composer(pageB).fill(`hi @${ada.username}`);
    await pageB.getByRole('button', { name: 'Send', exact: true }).click();
    await messageWithText(pageA, 'hi @').waitFor();
    assert.equal(await messageWithText(pageA, 'hi @').getByTestId('mention').count(), 1, 'mention is highlighted');
    await pageA.screenshot({ path: screenshotPath('chat-ada') });
  });

  it('replies in a thread', async () => {
    const root = messageWithText(pageB, 'hello bob');
    await root.hover();
    await root.getByRole('button', { name: 'Reply in thread', exact: true }).click();
    const thread = pageB.getByRole('complementary', { name: 'Thread' });
    await thread.waitFor();
    await thread.getByLabel('Thread reply', { exact: true }).fill('a threaded answer');
    await thread.getByLabel('Thread reply', { exact: true }).press('Enter');
    await thread.getByTestId('message').filter({ hasText: 'a threaded answer' }).waitFor();

    // ada sees the reply count on the root and can open the thread
    const count = messageWithText(pageA, 'hello bob').getByTestId('thread-replies');
    await count.filter({ hasText: '1 reply' }).waitFor();
    await count.click();
    await pageA
      .getByRole('complementary', { name: 'Thread' })
      .getByTestId('message')
      .filter({ hasText: 'a threaded answer' })
      .waitFor();
    await pageA.screenshot({ path: screenshotPath('thread-ada') });
    await pageA.keyboard.press('Escape');
    await pageA.getByRole('complementary', { name: 'Thread' }).waitFor({ state: 'detached' });
    await pageB.getByRole('button', { name: 'Close thread' }).click();
  });

  it('uploads an image and both users see its preview', async () => {
    await pageA
      .getByLabel('Attach file', { exact: true })
      .setInputFiles({ name: 'gradient.png', mimeType: 'image/png', buffer: makePng() });
    await pageA.getByTestId('upload').filter({ hasText: 'ready' }).waitFor();
    await composer(pageA).fill('a picture');
    await composer(pageA).press('Enter');
    for (const page of [pageA, pageB]) {
      const img = messageWithText(page, 'a picture').getByTestId('attachment-image').locator('img');
      await img.waitFor();
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: T });
    }
    await pageB.screenshot({ path: screenshotPath('image-bob') });
  });

  it('marks negative and positive messages and other languages subtly', async () => {
    for (const text of [
      'the deploy failed again and everything is broken',
      'Merci beaucoup, la réunion de demain est annulée',
      'thanks, this is awesome 🎉',
    ]) {
      await composer(pageA).fill(text);
      await composer(pageA).press('Enter');
      await messageWithText(pageB, text).waitFor();
    }
    await messageWithText(pageB, 'the deploy failed').getByRole('img', { name: 'negative sentiment' }).waitFor();
    await messageWithText(pageB, 'this is awesome').getByRole('img', { name: 'positive sentiment' }).waitFor();
    const language = messageWithText(pageB, 'Merci beaucoup').getByTestId('message-language');
    await language.waitFor();
    assert.equal(await language.getAttribute('title'), 'Written in French');
    assert.equal(await messageWithText(pageB, 'hello bob').getByTestId('message-insights').count(), 0, 'neutral English: no mark');
    await pageB.screenshot({ path: screenshotPath('insights-bob') });
  });

  it('shows who has seen the newest message, live and after a reload', async () => {
    // bob has the room open, so each of ada's messages is marked read as it arrives (mark_read → read_receipt).
    const seen = messageWithText(pageA, 'this is awesome').getByTestId('seen-by');
    await seen.filter({ hasText: `Seen by ${bob.username}` }).waitFor();
    assert.equal(await pageA.getByTestId('seen-by').count(), 1, 'only under the newest message bob has read');
    await pageA.reload();
    await messageWithText(pageA, 'this is awesome')
      .getByTestId('seen-by')
      .filter({ hasText: `Seen by ${bob.username}` })
      .waitFor();
    // On bob's side: the newest message someone else read, not counting their own, is bob's mention of ada.
    await messageWithText(pageB, 'hi @')
      .getByTestId('seen-by')
      .filter({ hasText: `Seen by ${ada.username}` })
      .waitFor();
    assert.equal(await pageB.getByTestId('seen-by').count(), 1);
  });

  it('searches messages: Smart by default, exact matches where the server has no embeddings', async () => {
    await pageA.getByRole('button', { name: 'Search messages', exact: true }).click();
    const dialog = pageA.getByRole('dialog', { name: 'Search messages' });
    const smart = dialog.getByRole('radio', { name: 'Smart (AI)', exact: true });
    const exact = dialog.getByRole('radio', { name: 'Exact', exact: true });
    assert.equal(await smart.isChecked(), true, 'Smart is the default');
    const asked = pageA.waitForRequest((r) => r.url().includes('/api/chat/search'));
    await dialog.getByLabel('Search for', { exact: true }).fill('deploy');
    assert.equal(new URL((await asked).url()).searchParams.get('mode'), 'hybrid');
    // This server runs without embeddings (lib.mjs): it answers with full-text, and the panel says so.
    await dialog.getByTestId('search-results').getByText('the deploy failed again', { exact: false }).waitFor();
    await dialog
      .getByTestId('search-mode')
      .filter({ hasText: 'Exact matches: smart search is not available on this server.' })
      .waitFor();
    assert.equal(await smart.isDisabled(), true);
    assert.equal(await exact.isChecked(), true);
    await pageA.screenshot({ path: screenshotPath('search-exact') });
    const bad = await seriousViolations(pageA, 'search dialog');
    assert.deepEqual(
      bad.map((v) => v.id),
      [],
      'serious/critical axe violations in the search dialog',
    );
    await pageA.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('chat view has no serious accessibility violations in light and dark themes', async () => {
    for (const theme of ['light', 'dark']) {
      await setTheme(pageA, theme);
      await pageA.mouse.move(0, 0);
      await pageA.screenshot({ path: screenshotPath(`chat-${theme}`) });
      const bad = await seriousViolations(pageA, `chat ${theme}`);
      assert.deepEqual(
        bad.map((v) => v.id),
        [],
        `serious/critical axe violations in the chat view (${theme})`,
      );
    }
    // the toggle persists across reloads
    await pageA.reload();
    await pageA.getByRole('navigation', { name: 'Conversations' }).waitFor();
    assert.equal(await pageA.evaluate(() => document.documentElement.classList.contains('dark')), true);
    await setTheme(pageA, 'light');
  });

  it('works at 360 px wide: list and conversation are separate views', async () => {
    const { ctx, page } = await newPage({ width: 360, height: 740 });
    await login(page, ada);
    const nav = page.getByRole('navigation', { name: 'Conversations' });
    await page.getByTestId('conversation-item').filter({ hasText: room }).waitFor();
    await page.screenshot({ path: screenshotPath('mobile-list') });
    await page.getByTestId('conversation-item').filter({ hasText: room }).click();
    await messageWithText(page, 'hello bob').waitFor();
    assert.equal(await nav.isVisible(), false, 'the list is hidden while a conversation is open');
    await composer(page).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (overflow ${overflow}px)`);
    await page.screenshot({ path: screenshotPath('mobile-conversation') });
    const bad = await seriousViolations(page, 'mobile conversation');
    assert.deepEqual(
      bad.map((v) => v.id),
      [],
      'serious/critical axe violations at 360 px',
    );
    await page.getByRole('button', { name: 'Back to conversations' }).click();
    await nav.waitFor();
    await ctx.close();
  });

  it('the owner renames the room and removes a member', async () => {
    await pageA.getByTestId('conversation-item').filter({ hasText: room }).click();
    await pageA.getByRole('button', { name: 'Room settings', exact: true }).click();
    const dialog = pageA.getByRole('dialog', { name: 'Room settings' });
    const renamed = `${room}-renamed`;
    await dialog.getByLabel('Room name', { exact: true }).fill(renamed);
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await dialog.getByTestId('room-settings-status').filter({ hasText: 'Saved.' }).waitFor();
    await pageB.getByTestId('conversation-title').filter({ hasText: renamed }).waitFor();

    // bob is a member, ada the owner: only bob can be removed, after a confirmation.
    const members = dialog.getByTestId('room-member');
    assert.equal(await members.count(), 2);
    assert.equal(await dialog.getByRole('button', { name: `Remove ${ada.username}` }).count(), 0);
    await dialog.getByRole('button', { name: `Remove ${bob.username}`, exact: true }).click();
    const confirm = dialog.getByRole('group', { name: `Confirm removing ${bob.username}` });
    const bad = await seriousViolations(pageA, 'room settings dialog');
    assert.deepEqual(
      bad.map((v) => v.id),
      [],
      'serious/critical axe violations in the room settings dialog',
    );
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await members.filter({ hasText: bob.username }).waitFor({ state: 'detached' });
    await pageB.getByTestId('conversation-item').filter({ hasText: room }).waitFor({ state: 'detached' });
    await pageA.keyboard.press('Escape');
    await pageA.getByText('1 member · Private room').waitFor();
  });
});
