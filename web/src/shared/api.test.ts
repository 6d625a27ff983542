import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, parseProblem, type TokenStoreLike } from './api';
import { describeError } from './errors';
import type { Session } from './tokens';

function memoryTokens(initial: Session | null): TokenStoreLike & { value: Session | null } {
  const t = {
    value: initial,
    get: () => t.value,
    reload: () => t.value,
    set: (s: Session | null) => {
      t.value = s;
    },
  };
  return t;
}

const session = (n: number): Session => ({
  token: `access-${n}`,
  refreshToken: `refresh-${n}`,
  user: { id: 'u1', username: 'ada' },
});

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

describe('parseProblem', () => {
  it('reads RFC 9457 fields and field errors', () => {
    const e = parseProblem(
      400,
      JSON.stringify({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'message must not be blank',
        code: 'validation_failed',
        errors: [{ field: 'message', message: 'must not be blank' }],
      }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation_failed');
    expect(e.detail).toBe('message must not be blank');
    expect(e.fieldError('message')).toBe('must not be blank');
    expect(e.fieldError('other')).toBeUndefined();
  });

  it('copes with non-JSON bodies and Retry-After', () => {
    const e = parseProblem(429, '<html>busy</html>', '7');
    expect(e.status).toBe(429);
    expect(e.detail).toBeNull();
    expect(e.retryAfterSeconds).toBe(7);
    expect(describeError(e)).toBe('Too many requests. Wait 7 seconds and try again.');
  });
});

describe('describeError', () => {
  it('explains upload limits in words people can act on', () => {
    expect(describeError(new ApiError({ status: 413 }), 'upload')).toBe('File too large (max 25 MB). Choose a smaller file.');
    expect(describeError(new ApiError({ status: 415 }), 'upload')).toMatch(/file type isn't allowed/);
    expect(describeError(new ApiError({ status: 0 }))).toMatch(/Can't reach the server/);
    expect(describeError(new ApiError({ status: 401 }), 'login')).toMatch(/Wrong username or password/);
  });
});

describe('api client', () => {
  it('sends the bearer token and parses JSON', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, [{ id: 'x', username: 'bob' }]));
    const api = createApiClient({ fetch, tokens: memoryTokens(session(1)) });
    const users = await api.get<{ id: string }[]>('/api/users', { query: { q: 'bo', empty: '' } });
    expect(users[0].id).toBe('x');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/users?q=bo');
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer access-1');
  });

  it('throws ApiError with problem details on failure', async () => {
    const fetch = vi.fn(async () =>
      json(409, {
        title: 'Conflict',
        status: 409,
        detail: 'username taken',
        code: 'conflict',
        errors: [{ field: 'username', message: 'is taken' }],
      }),
    );
    const api = createApiClient({ fetch, tokens: memoryTokens(null) });
    const err = await api.post<never>('/api/auth/register', { username: 'ada' }, { anonymous: true }).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(409);
    expect(err.fieldError('username')).toBe('is taken');
  });

  it('postForBytes sends JSON and returns the answer as bytes, or the problem as an ApiError', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) =>
      JSON.parse(String(init!.body)).ok
        ? new Response(new Uint8Array([0x67, 0x6c, 0x54, 0x46]), {
            status: 200,
            headers: { 'Content-Type': 'model/gltf-binary' },
          })
        : json(400, { status: 400, detail: 'spec.objects[0].shape unknown', code: 'validation_failed' }),
    );
    const api = createApiClient({ fetch, tokens: memoryTokens(session(1)) });
    const bytes = await api.postForBytes('/api/3d/preview', { ok: true });
    expect(new TextDecoder().decode(bytes)).toBe('glTF');
    expect((fetch.mock.calls[0][1]!.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    const err = await api.postForBytes('/api/3d/preview', { ok: false }).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).detail).toBe('spec.objects[0].shape unknown');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    const tokens = memoryTokens(session(1));
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const auth = (init?.headers as Record<string, string>)?.Authorization;
      if (url === '/api/auth/refresh') {
        expect(JSON.parse(String(init!.body))).toEqual({ refreshToken: 'refresh-1' });
        return json(200, { token: 'access-2', refreshToken: 'refresh-2', user: { id: 'u1', username: 'ada' } });
      }
      return auth === 'Bearer access-2' ? json(200, { ok: true }) : json(401, { status: 401, title: 'Unauthorized' });
    });
    const api = createApiClient({ fetch, tokens });
    await expect(api.get('/api/chat/conversations')).resolves.toEqual({ ok: true });
    expect(tokens.value).toMatchObject({ token: 'access-2', refreshToken: 'refresh-2' });
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([
      '/api/chat/conversations',
      '/api/auth/refresh',
      '/api/chat/conversations',
    ]);
  });

  it('shares one refresh between concurrent 401s (refresh tokens rotate)', async () => {
    const tokens = memoryTokens(session(1));
    let refreshes = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const auth = (init?.headers as Record<string, string>)?.Authorization;
      if (url === '/api/auth/refresh') {
        refreshes++;
        await gate;
        return json(200, { token: 'access-2', refreshToken: 'refresh-2', user: { id: 'u1', username: 'ada' } });
      }
      return auth === 'Bearer access-2' ? json(200, { url }) : json(401, { status: 401 });
    });
    const api = createApiClient({ fetch, tokens });
    const all = Promise.all([api.get('/a'), api.get('/b'), api.get('/c')]);
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect(await all).toEqual([{ url: '/a' }, { url: '/b' }, { url: '/c' }]);
    expect(refreshes).toBe(1);
  });

  it('signs out when the refresh token is rejected', async () => {
    const tokens = memoryTokens(session(1));
    const lost = vi.fn();
    const fetch = vi.fn(async (url: RequestInfo | URL) =>
      url === '/api/auth/refresh' ? json(401, { status: 401, detail: 'refresh token revoked' }) : json(401, { status: 401 }),
    );
    const api = createApiClient({ fetch, tokens, onSessionLost: lost });
    const err = await api.get<never>('/api/chat/conversations').catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(401);
    expect(tokens.value).toBeNull();
    expect(lost).toHaveBeenCalledOnce();
  });

  it('does not refresh for anonymous calls such as login', async () => {
    const fetch = vi.fn(async () => json(401, { status: 401, detail: 'bad credentials' }));
    const api = createApiClient({ fetch, tokens: memoryTokens(session(1)) });
    await expect(api.post('/api/auth/login', {}, { anonymous: true })).rejects.toMatchObject({ status: 401 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reports network failures as status 0', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const api = createApiClient({ fetch, tokens: memoryTokens(null) });
    await expect(api.get('/api/x')).rejects.toMatchObject({ status: 0 });
  });

  it('returns undefined for 204', async () => {
    const api = createApiClient({
      fetch: vi.fn(async () => new Response(null, { status: 204 })),
      tokens: memoryTokens(session(1)),
    });
    await expect(api.post('/api/auth/logout', {})).resolves.toBeUndefined();
  });
});
