import { useSyncExternalStore } from 'react';

/** Hash routes (#/ and #/c/<conversationId>) work with any static file server, no fallback needed. */
export interface Route {
  conversationId: string | null;
}

function parse(hash: string): Route {
  const m = /^#\/c\/([^/?#]+)/.exec(hash);
  return { conversationId: m ? decodeURIComponent(m[1]) : null };
}

let cached = { hash: '', route: parse('') };
function snapshot(): Route {
  const h = location.hash;
  if (h !== cached.hash) cached = { hash: h, route: parse(h) };
  return cached.route;
}

function subscribe(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export function navigate(conversationId: string | null) {
  const target = conversationId ? `#/c/${encodeURIComponent(conversationId)}` : '#/';
  if (location.hash !== target) location.hash = target;
}
