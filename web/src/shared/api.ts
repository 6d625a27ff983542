import { tokenStore, type Session } from './tokens';
import type { AuthResponse, FieldError } from './types';

/** An RFC 9457 problem+json answer (or a network failure, status 0) as a throwable. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly title: string | null;
  readonly detail: string | null;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code?: string | null;
    title?: string | null;
    detail?: string | null;
    fieldErrors?: FieldError[];
    retryAfterSeconds?: number | null;
    message?: string;
  }) {
    super(init.message ?? init.detail ?? init.title ?? `HTTP ${init.status}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code ?? null;
    this.title = init.title ?? null;
    this.detail = init.detail ?? null;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The first server message for a form field, if any. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

function parseRetryAfter(v: string | null): number | null {
  if (!v) return null;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, Math.round(n));
  const d = Date.parse(v);
  return Number.isNaN(d) ? null : Math.max(0, Math.round((d - Date.now()) / 1000));
}

/** Turns a non-2xx answer's body (problem+json, plain JSON or text) into an ApiError. */
export function parseProblem(status: number, bodyText: string, retryAfter: string | null = null): ApiError {
  let body: unknown = null;
  try {
    body = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    body = null;
  }
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const errors = Array.isArray(b.errors)
      ? (b.errors as unknown[])
          .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
          .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? e.defaultMessage ?? 'is invalid') }))
      : [];
    return new ApiError({
      status: typeof b.status === 'number' ? b.status : status,
      code: typeof b.code === 'string' ? b.code : null,
      title: typeof b.title === 'string' ? b.title : null,
      detail: typeof b.detail === 'string' ? b.detail : typeof b.message === 'string' ? b.message : null,
      fieldErrors: errors,
      retryAfterSeconds: parseRetryAfter(retryAfter),
    });
  }
  return new ApiError({
    status,
    detail: bodyText && bodyText.length < 300 && !bodyText.trimStart().startsWith('<') ? bodyText : null,
    retryAfterSeconds: parseRetryAfter(retryAfter),
  });
}

export interface TokenStoreLike {
  get(): Session | null;
  reload(): Session | null;
  set(s: Session | null): void;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  tokens?: TokenStoreLike;
  /** Called when the refresh token is rejected: the user must sign in again. */
  onSessionLost?: () => void;
  baseUrl?: string;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Skip the Authorization header and the refresh-on-401 dance (login, register, refresh). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export interface UploadOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(opts: ApiClientOptions = {}) {
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  const tokens = opts.tokens ?? tokenStore;
  const base = opts.baseUrl ?? '';
  let refreshing: Promise<Session> | null = null;

  function url(path: string, query?: RequestOptions['query']) {
    let u = base + path;
    if (query) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
      const s = q.toString();
      if (s) u += (u.includes('?') ? '&' : '?') + s;
    }
    return u;
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one request, because the server rotates
   * refresh tokens and treats reuse of a rotated one as theft (it revokes the whole family).
   */
  function refresh(): Promise<Session> {
    if (refreshing) return refreshing;
    const p = (async () => {
      const s = tokens.get();
      if (!s) throw new ApiError({ status: 401, code: 'unauthorized', detail: 'Not signed in' });
      let res: Response;
      try {
        res = await doFetch(url('/api/auth/refresh'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken: s.refreshToken }),
        });
      } catch {
        throw new ApiError({ status: 0, code: 'network', message: 'Network error' });
      }
      if (!res.ok) {
        const err = parseProblem(res.status, await res.text(), res.headers.get('Retry-After'));
        if (res.status === 400 || res.status === 401 || res.status === 403) {
          // Another tab may have rotated the pair a moment ago: use its tokens rather than signing out.
          const latest = tokens.reload();
          if (latest && latest.refreshToken !== s.refreshToken) return latest;
          tokens.set(null);
          opts.onSessionLost?.();
        }
        throw err;
      }
      const data = (await res.json()) as AuthResponse;
      const next: Session = { token: data.token, refreshToken: data.refreshToken, user: data.user ?? s.user };
      tokens.set(next);
      return next;
    })();
    refreshing = p;
    p.then(
      () => {
        refreshing = null;
      },
      () => {
        refreshing = null;
      },
    );
    return p;
  }

  async function send(method: string, path: string, o: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    let body: BodyInit | undefined;
    if (o.body instanceof FormData) body = o.body;
    else if (o.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await doFetch(url(path, o.query), { method, headers, body, signal: o.signal });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new ApiError({ status: 0, code: 'network', message: 'Network error' });
    }
  }

  /** A 2xx response (after one refresh on 401), or the problem it answered as an ApiError. */
  async function ok(method: string, path: string, o: RequestOptions): Promise<Response> {
    let token = o.anonymous ? null : (tokens.get()?.token ?? null);
    let res = await send(method, path, o, token);
    if (res.status === 401 && !o.anonymous && token) {
      // If a refresh already happened while this request was in flight, just retry with the new token.
      const now = tokens.get()?.token ?? null;
      token = now && now !== token ? now : (await refresh()).token;
      res = await send(method, path, o, token);
    }
    if (!res.ok) throw parseProblem(res.status, await res.text(), res.headers.get('Retry-After'));
    return res;
  }

  async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const res = await ok(method, path, o);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** POSTs JSON and returns the answer's bytes (a GLB, an image); failures are ApiErrors as for {@link request}. */
  async function postForBytes(path: string, body: unknown, o: RequestOptions = {}): Promise<ArrayBuffer> {
    const res = await ok('POST', path, { ...o, body });
    return res.arrayBuffer();
  }

  function xhrUpload<T>(path: string, form: FormData, token: string | null, u: UploadOptions) {
    return new Promise<{ status: number; body: string; retryAfter: string | null; value?: T }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url(path));
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) u.onProgress?.(e.loaded / e.total);
      };
      xhr.onload = () =>
        resolve({ status: xhr.status, body: xhr.responseText, retryAfter: xhr.getResponseHeader('Retry-After') });
      xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', message: 'Network error' }));
      xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
      u.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send(form);
    });
  }

  /** Multipart upload with progress (fetch cannot report upload progress, XHR can). */
  async function upload<T>(path: string, form: FormData, u: UploadOptions = {}): Promise<T> {
    let token = tokens.get()?.token ?? null;
    let r = await xhrUpload<T>(path, form, token, u);
    if (r.status === 401 && token) {
      token = (await refresh()).token;
      r = await xhrUpload<T>(path, form, token, u);
    }
    if (r.status < 200 || r.status >= 300) throw parseProblem(r.status, r.body, r.retryAfter);
    u.onProgress?.(1);
    return JSON.parse(r.body) as T;
  }

  return {
    request,
    refresh,
    upload,
    postForBytes,
    get: <T>(path: string, o?: RequestOptions) => request<T>('GET', path, o),
    post: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('POST', path, { ...o, body }),
    patch: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PATCH', path, { ...o, body }),
    put: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PUT', path, { ...o, body }),
    del: <T>(path: string, o?: RequestOptions) => request<T>('DELETE', path, o),
  };
}

/** The app-wide client. The account store registers what happens when the session is lost. */
let sessionLostHandler: () => void = () => {};
export function onSessionLost(h: () => void) {
  sessionLostHandler = h;
}
export const api = createApiClient({ onSessionLost: () => sessionLostHandler() });
