import type { ReactNode } from 'react';

const TOKEN = /(@[A-Za-z0-9_.-]+|https?:\/\/[^\s<]+)/g;

/** Plain text with @mentions highlighted (stronger when it is you) and bare URLs linked. Never renders HTML. */
export function renderText(text: string, myUsername: string | undefined): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    const tok = m[0];
    if (tok.startsWith('@')) {
      const name = tok.slice(1).replace(/[.]+$/, '');
      const me = !!myUsername && name.toLowerCase() === myUsername.toLowerCase();
      out.push(
        <span
          key={i++}
          data-testid="mention"
          className={`rounded px-0.5 font-semibold ${me ? 'bg-accent text-accent-fg' : 'bg-accent-soft text-accent-text'}`}
        >
          {tok}
        </span>,
      );
    } else {
      const url = tok.replace(/[),.;:!?]+$/, '');
      out.push(
        <a
          key={i++}
          href={url}
          target="_blank"
          rel="noreferrer noopener"
          className="text-accent-text underline underline-offset-2"
        >
          {url}
        </a>,
      );
      if (url.length < tok.length) out.push(tok.slice(url.length));
    }
    last = start + tok.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
