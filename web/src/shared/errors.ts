import { ApiError } from './api';

export type ErrorContext = 'upload' | 'login' | 'register' | 'send' | 'load' | 'generic';

export const MAX_UPLOAD_MB = 25;

/** A sentence for people: what happened, and what to do about it. */
export function describeError(err: unknown, context: ErrorContext = 'generic'): string {
  if (err instanceof DOMException && err.name === 'AbortError') return 'Cancelled.';
  if (!(err instanceof ApiError)) {
    if (err instanceof Error && /timeout|timed out/i.test(err.message)) {
      return 'The server did not answer in time. Check your connection and try again.';
    }
    return 'Something unexpected went wrong. Try again.';
  }
  switch (err.status) {
    case 0:
      return "Can't reach the server. Check your connection and try again.";
    case 400:
      return err.detail
        ? `${capitalise(err.detail)}. Fix it and try again.`
        : 'The request was not valid. Check what you entered and try again.';
    case 401:
      if (context === 'login') return 'Wrong username or password. Check them and try again.';
      return 'Your session has expired. Sign in again.';
    case 403:
      return "You don't have permission to do that. Ask a room owner or admin for access.";
    case 404:
      return 'That no longer exists — it may have been deleted. Refresh the list and try again.';
    case 409:
      return err.detail
        ? `${capitalise(err.detail)}.`
        : 'That conflicts with something that already exists. Choose a different value.';
    case 413:
      return context === 'upload'
        ? `File too large (max ${MAX_UPLOAD_MB} MB). Choose a smaller file.`
        : 'That is too large. Shorten it and try again.';
    case 415:
      return "This file type isn't allowed. Choose a different file, e.g. an image, PDF or text file.";
    case 429: {
      const s = err.retryAfterSeconds;
      return s
        ? `Too many requests. Wait ${s} second${s === 1 ? '' : 's'} and try again.`
        : 'Too many requests. Wait a moment and try again.';
    }
    case 503:
      return 'The server is temporarily unavailable. Try again in a moment.';
    default:
      if (err.status >= 500) return 'Something went wrong on the server. Try again; if it keeps happening, tell your admin.';
      return err.detail ?? 'Something went wrong. Try again.';
  }
}

function capitalise(s: string) {
  const t = s.replace(/\.$/, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}
