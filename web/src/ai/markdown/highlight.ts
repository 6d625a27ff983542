// Loaded only when a reply contains a fenced code block: highlight.js core through lowlight (a syntax tree, rendered
// as React elements, so no HTML string is ever injected) with the languages chat code is usually in.
import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import { createLowlight } from 'lowlight';
import type { ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import './highlight.css';

const lowlight = createLowlight({ bash, css, diff, go, java, javascript, json, python, rust, sql, typescript, xml, yaml });
lowlight.registerAlias({ bash: ['shell', 'console', 'zsh'], xml: ['html', 'svg'] });

/** Whether `lang` (a name or alias such as "js", "py", "sh") can be highlighted. */
export function supports(lang: string): boolean {
  return lowlight.registered(lang);
}

/** The code as highlighted React elements (spans with hljs-* classes). */
export function highlight(code: string, lang: string): ReactNode {
  return toJsxRuntime(lowlight.highlight(lang, code), { Fragment, jsx, jsxs });
}
