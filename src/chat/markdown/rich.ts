// Math (KaTeX) and code highlighting, loaded only when an answer needs them so the app shell stays small.

import 'katex/dist/katex.min.css';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { defaultSchema } from 'rehype-sanitize';
import type { Options as SanitizeSchema } from 'rehype-sanitize';
import type { PluggableList } from 'unified';

/**
 * The default sanitize schema plus what KaTeX and highlight.js emit: class names on spans and code,
 * KaTeX's inline sizing styles on spans, and MathML for screen readers. Still no scripts, no event
 * handlers, no remote URLs (and the CSP blocks remote loads even from CSS).
 */
export const richSchema: SanitizeSchema = {
  ...defaultSchema,
  // Footnote ids come prefixed already (see plainSchema in Markdown.tsx).
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'math', 'semantics', 'mrow', 'mi', 'mo', 'mn', 'msup', 'msub', 'mfrac', 'msqrt', 'mroot', 'mtext', 'mspace', 'annotation', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'msubsup', 'mpadded', 'mphantom', 'menclose'],
  attributes: {
    ...defaultSchema.attributes,
    span: [...(defaultSchema.attributes?.span ?? []), 'className', 'style', ['ariaHidden', 'true']],
    code: [...(defaultSchema.attributes?.code ?? []), 'className'],
    math: ['xmlns', 'display'],
    annotation: ['encoding'],
    '*': [...(defaultSchema.attributes?.['*'] ?? [])],
  },
};

export const richRemark: PluggableList = [remarkMath];
export const richRehype: PluggableList = [[rehypeKatex, { throwOnError: false, strict: 'ignore' }], [rehypeHighlight, { detect: false }]];
