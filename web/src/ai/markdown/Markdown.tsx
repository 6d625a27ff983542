// The assistant's Markdown, in its own lazy chunk (react-markdown + GFM). Raw HTML in the text is never rendered
// (react-markdown shows it as text without rehype-raw), links get safe URLs (its default urlTransform) and open in a
// new tab, and images are shown as links so a reply cannot make the browser fetch anything by itself.
import { memo, useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Element, ElementContent } from 'hast';

type Highlighter = typeof import('./highlight');
let highlighter: Highlighter | null = null;
let loading: Promise<Highlighter> | null = null;

function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlight').then((m) => (highlighter = m));
  return loading;
}

/** The highlighter once loaded; code blocks render plain until then (and stay plain if it cannot load). */
function useHighlighter(): Highlighter | null {
  const [h, setH] = useState(highlighter);
  useEffect(() => {
    if (h) return;
    let alive = true;
    loadHighlighter().then(
      (m) => alive && setH(m),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [h]);
  return h;
}

function textOf(nodes: ElementContent[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.value : n.type === 'element' ? textOf(n.children) : '')).join('');
}

function CodeBlock({ code, lang }: { code: string; lang: string | null }) {
  const h = useHighlighter();
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const body = h && lang && h.supports(lang) ? h.highlight(code, lang) : code;
  return (
    <div className="my-2 overflow-hidden rounded-lg border border-line bg-surface-2" data-testid="ai-code-block">
      <div className="flex items-center justify-between gap-2 border-b border-line px-3 py-1 text-xs text-muted">
        <span>{lang ?? 'code'}</span>
        <button
          type="button"
          className="rounded px-1.5 py-0.5 font-medium hover:bg-surface hover:text-fg"
          onClick={() => {
            navigator.clipboard?.writeText(code).then(
              () => setCopied('done'),
              () => setCopied('failed'),
            );
            setTimeout(() => setCopied('idle'), 2000);
          }}
        >
          {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy code'}
        </button>
      </div>
      {/* Focusable so keyboard users can scroll long lines sideways. */}
      <pre
        tabIndex={0}
        className="overflow-x-auto p-3 text-[0.8125rem] leading-relaxed"
        aria-label={lang ? `${lang} code` : 'Code'}
      >
        <code className={`hljs${lang ? ` language-${lang}` : ''}`}>{body}</code>
      </pre>
    </div>
  );
}

function languageOf(code: Element): string | null {
  const classes: unknown = code.properties?.className;
  const list = Array.isArray(classes) ? classes.map(String) : typeof classes === 'string' ? classes.split(' ') : [];
  const l = list.find((c) => c.startsWith('language-'));
  return l ? l.slice('language-'.length).toLowerCase() : null;
}

const heading = ({ children }: { children?: ReactNode }) => <p className="mt-3 mb-1 font-semibold first:mt-0">{children}</p>;

const components: Components = {
  pre({ node }) {
    const code = node?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
    if (!code) return null;
    return <CodeBlock code={textOf(code.children).replace(/\n$/, '')} lang={languageOf(code)} />;
  },
  code({ children }) {
    return <code className="rounded bg-surface-2 px-1 py-0.5 text-[0.85em]">{children}</code>;
  },
  a({ href, children }) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener" className="text-accent-text underline underline-offset-2">
        {children}
      </a>
    );
  },
  img({ src, alt }) {
    const url = typeof src === 'string' ? src : undefined;
    return url ? (
      <a href={url} target="_blank" rel="noreferrer noopener" className="text-accent-text underline underline-offset-2">
        {alt ? `Image: ${alt}` : 'Image'}
      </a>
    ) : null;
  },
  // Headings inside a chat message would break the page's outline: shown as bold lines instead.
  h1: heading,
  h2: heading,
  h3: heading,
  h4: heading,
  h5: heading,
  h6: heading,
  p({ children }) {
    return <p className="my-1.5 first:mt-0 last:mb-0">{children}</p>;
  },
  ul({ children }) {
    return <ul className="my-1.5 list-disc pl-6">{children}</ul>;
  },
  ol({ children, start }) {
    return (
      <ol className="my-1.5 list-decimal pl-6" start={start}>
        {children}
      </ol>
    );
  },
  li({ children }) {
    return <li className="my-0.5">{children}</li>;
  },
  blockquote({ children }) {
    return <blockquote className="my-1.5 border-l-2 border-line pl-3 text-muted">{children}</blockquote>;
  },
  hr() {
    return <hr className="my-3 border-line" />;
  },
  table({ children }) {
    return (
      <div className="my-2 max-w-full overflow-x-auto" tabIndex={0} role="region" aria-label="Table">
        <table className="border-collapse text-sm">{children}</table>
      </div>
    );
  },
  th({ children, style }: ComponentProps<'th'>) {
    return (
      <th className="border border-line bg-surface-2 px-2 py-1 text-left font-semibold" style={style}>
        {children}
      </th>
    );
  },
  td({ children, style }: ComponentProps<'td'>) {
    return (
      <td className="border border-line px-2 py-1" style={style}>
        {children}
      </td>
    );
  },
  input({ checked, type }) {
    // GFM task list items: shown, not editable.
    return type === 'checkbox' ? (
      <input
        type="checkbox"
        checked={!!checked}
        readOnly
        disabled
        aria-label={checked ? 'Done' : 'Not done'}
        className="mr-1 align-middle"
      />
    ) : null;
  },
};

const plugins = [remarkGfm];

/** Renders Markdown text (an assistant reply, whole or still streaming). */
const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="text-[0.9375rem] leading-relaxed break-words" data-testid="ai-markdown">
      <ReactMarkdown remarkPlugins={plugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});

export default Markdown;
