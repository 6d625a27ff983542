// With the default auth limits (no overrides), repeated logins are refused with 429 and Retry-After.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, register, startServer } from './support/kiln.mjs';

let server;

before(async () => {
  server = await startServer({ args: [] });
});

after(async () => {
  if (server) await server.stop();
});

test('login is rate-limited with the default settings: 429 + Retry-After', async () => {
  const base = server.baseUrl;
  const user = await register(base, 'rl');
  const statuses = [];
  let limited = null;
  for (let i = 0; i < 30 && !limited; i++) {
    const r = await api(base, 'POST', '/api/auth/login', { body: { username: user.username, password: 'wrong-password-' + i } });
    statuses.push(r.status);
    if (r.status === 429) limited = r;
  }
  assert.ok(limited, `no 429 after ${statuses.length} logins: ${statuses.join(',')}`);
  assert.ok(statuses.slice(0, -1).every((s) => s === 401), `before the limit, wrong passwords are 401: ${statuses.join(',')}`);
  assert.ok(statuses.length <= 21, `the limit (10/account, 20/IP per minute) should apply well before 30 tries: ${statuses.length}`);
  const retryAfter = Number(limited.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${limited.headers.get('retry-after')}`);
  assert.equal(limited.body.status, 429);
  assert.equal(limited.body.code, 'rate_limited');

  // The right password is refused too while the limit lasts (the bucket counts attempts, not failures).
  const right = await api(base, 'POST', '/api/auth/login', { body: { username: user.username, password: 'correct-horse-battery' } });
  assert.equal(right.status, 429);
  assert.ok(right.headers.get('retry-after'));
});
