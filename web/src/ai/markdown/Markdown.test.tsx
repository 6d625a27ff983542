import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from './Markdown';

afterEach(cleanup);

describe('assistant Markdown', () => {
  it('renders GFM and highlights fenced code once the highlighter has loaded', async () => {
    const text = [
      'Here is **bold**, `inline` and a [link](https://example.com).',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '```python',
      'def greet(name):',
      '    return f"hi {name}"',
      '```',
    ].join('\n');
    const { container } = render(<Markdown text={text} />);
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('table td')?.textContent).toBe('1');
    const a = container.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com');
    expect(a.getAttribute('rel')).toContain('noopener');
    const code = container.querySelector('pre code')!;
    expect(code.textContent).toBe('def greet(name):\n    return f"hi {name}"');
    await waitFor(() => expect(container.querySelector('pre code .hljs-keyword')?.textContent).toBe('def'));
    expect(container.querySelector('pre code .hljs-string')?.textContent).toContain('hi');
  });

  it('never renders raw HTML, script URLs or images', () => {
    const text = 'a <b>bold</b> <script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n![tracker](https://evil.example/p.png)';
    const { container } = render(<Markdown text={text} />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    for (const link of container.querySelectorAll('a')) expect(link.getAttribute('href') ?? '').not.toMatch(/^javascript:/i);
    expect(container.textContent).toContain('Image: tracker');
  });

  it('renders an unfinished stream (an open code fence) without losing text', () => {
    const { container } = render(<Markdown text={'Start:\n\n```js\nconst x = 1'} />);
    expect(container.querySelector('pre code')?.textContent).toBe('const x = 1');
  });
});
