// Renders untrusted model output as markdown: no raw HTML, sanitized last, links shown in full, remote images never fetched.

import type { ElementContent, Root as HastRoot } from 'hast';
import { toJsxRuntime, type Components as JsxComponents } from 'hast-util-to-jsx-runtime';
import { urlAttributes } from 'html-url-attributes';
import { memo, startTransition, useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { defaultUrlTransform, type Components } from 'react-markdown';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import { unified, type PluggableList } from 'unified';
import { visit } from 'unist-util-visit';
import { createAnswerBlocks, type AnswerBlock } from './blocks';
import { remarkGfmParse } from './gfm';
import { CodeRunner } from '../../sandbox/CodeRunner';
import { codeLanguage } from '../../sandbox/sandbox-client';
import { splitCitations } from '../../documents/citations';
import { CopyButton } from '../components/CopyButton';
import { useTranslation } from '../../i18n/react';

/** A remote image, not fetched: its description and address, and a link the person may choose to follow. */
function ImagePlaceholder({ url, alt }: { url: string; alt: string | undefined }) {
  const { t } = useTranslation('common');
  return (
    <span className="image-placeholder">
      <span role="img" aria-label={t('markdown.imageLabel', { what: alt || url })}>
        {alt ? t('markdown.imageNotLoadedAlt', { alt }) : t('markdown.imageNotLoaded')}
      </span>
      <span className="link-destination">{url}</span>
      {/^https?:/i.test(url) && (
        <a href={url} target="_blank" rel="noopener noreferrer nofollow">
          {t('markdown.openNewTab')}
        </a>
      )}
    </span>
  );
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

/** The fence's language from the code element's `language-…` class (highlight.js adds `hljs` beside it). */
function fenceLanguage(children: ReactNode): string | undefined {
  const code = Array.isArray(children) ? children[0] : children;
  if (!code || typeof code !== 'object' || !('props' in code)) return undefined;
  const className = (code.props as { className?: unknown }).className;
  return typeof className === 'string' ? /(?:^|\s)language-(\S+)/.exec(className)?.[1] : undefined;
}

const components: Components = {
  a({ href, children, node: _node, ...attributes }) {
    // An in-page anchor (a footnote call, a footnote's way back) leads nowhere else: kept whole, with its id and label.
    if (href?.startsWith('#')) {
      return (
        <a href={href} {...attributes}>
          {children}
        </a>
      );
    }
    const safe = href && /^(https?:|mailto:)/i.test(href) ? href : undefined;
    // The full destination is always visible: a link's text can't disguise where it goes.
    return (
      <span className="link">
        {safe ? (
          <a href={safe} target="_blank" rel="noopener noreferrer nofollow">
            {children}
          </a>
        ) : (
          <span>{children}</span>
        )}
        {href && textOf(children) !== href && <span className="link-destination"> ({href})</span>}
      </span>
    );
  },
  img({ src, alt }) {
    // A remote image URL can carry the conversation out (prompt-injection exfiltration): never fetch it in the app.
    const url = typeof src === 'string' ? src : '';
    return (
      // The role goes on the label alone: an img may not hold the link beside it (axe: nested-interactive). No icon:
      // the safety corpus refuses any <svg> inside an answer, and one drawn by the app would look like the model's.
      <ImagePlaceholder url={url} alt={alt} />
    );
  },
  pre({ children }) {
    const code = textOf(children).replace(/\n$/, '');
    const language = codeLanguage(fenceLanguage(children));
    return (
      <div className="code-block">
        <CopyButton text={code} />
        <pre>{children}</pre>
        {language && <CodeRunner language={language} code={code} />}
      </div>
    );
  },
  table(props: ComponentProps<'table'>) {
    return (
      <div className="table-scroll">
        <table>{props.children}</table>
      </div>
    );
  },
};

type Rich = typeof import('./rich');
let rich: Rich | null = null;
let richLoading: Promise<void> | null = null;
const richListeners = new Set<() => void>();

/** Math or a code fence: worth loading KaTeX and highlight.js for. */
export function needsRich(text: string): boolean {
  return /```|\$\$|\\\(|\\\[|(^|[^\\$])\$[^\s$][^$\n]*\$/.test(text);
}

function loadRich(): void {
  richLoading ??= import('./rich').then((module) => {
    rich = module;
    for (const listener of richListeners) listener();
  });
}

/**
 * The plugins, once loaded. Their arrival re-renders every answer with code or math on the page (parse, highlight,
 * typeset), so it is a transition, not useSyncExternalStore's synchronous render: opening a 500-message chat had the
 * page frozen for seconds in one task when they came; as a transition React yields between answers.
 */
function useRich(): Rich | null {
  const [plugins, setPlugins] = useState(rich);
  useEffect(() => {
    const update = () => startTransition(() => setPlugins(rich));
    richListeners.add(update);
    // They may have arrived between this render and this effect.
    update();
    return () => void richListeners.delete(update);
  }, []);
  return plugins;
}

type Rehype = (tree: HastRoot) => HastRoot;

function rehype(plugins: PluggableList): Rehype {
  const processor = unified().use(plugins).freeze();
  return (tree) => processor.runSync(tree) as HastRoot;
}

/**
 * The default schema, less its id prefix: the only ids in an answer are footnotes', which mdast-util-to-hast already
 * prefixes (`user-content-fn-1`, linked from `#user-content-fn-1`); prefixing them again breaks the links.
 */
const plainSchema: SanitizeSchema = { ...defaultSchema, clobberPrefix: '' };

// Sanitizing runs last, after every plugin that writes HTML.
const plainRehype = rehype([[rehypeSanitize, plainSchema]]);
let richRehype: Rehype | null = null;

/** What react-markdown does after its plugins: raw HTML dropped (skipHtml), unsafe URL schemes emptied. */
function finish(tree: HastRoot): HastRoot {
  visit(tree, (node, index, parent) => {
    if (node.type === 'raw' && parent && typeof index === 'number') {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.type === 'element') {
      for (const [name, tags] of Object.entries(urlAttributes)) {
        if (Object.hasOwn(node.properties, name) && (tags === null || tags.includes(node.tagName))) {
          node.properties[name] = defaultUrlTransform(String(node.properties[name] || ''));
        }
      }
    }
  });
  return tree;
}

/** An answer's numbered sources: markers naming one of them ("[2]") are drawn by `render` where they stand. */
export interface AnswerCitations {
  /** Sources are numbered 1..count; a marker naming another number stays text. */
  count: number;
  render: (citation: number) => ReactNode;
}

/** Not a tag the sanitizer lets through: only this step, after sanitizing, makes one, and only from text. */
const CITATION_TAG = 'sensa-citation';
/** Text there is not prose: code, math source, a link's words. */
const NOT_PROSE = new Set(['code', 'pre', 'a', 'math', 'annotation', 'kbd', 'samp']);

/** Turns citation markers in the answer's text into citation elements, merging split text nodes first. */
function markCitations(tree: HastRoot, count: number): HastRoot {
  const walk = (children: ElementContent[]): ElementContent[] => {
    const out: ElementContent[] = [];
    for (const child of children) {
      const previous = out.at(-1);
      if (child.type === 'text' && previous?.type === 'text') out[out.length - 1] = { type: 'text', value: previous.value + child.value };
      else if (child.type === 'element' && !NOT_PROSE.has(child.tagName) && !String(child.properties.className ?? '').includes('katex')) out.push({ ...child, children: walk(child.children) });
      else out.push(child);
    }
    return out.flatMap((node): ElementContent[] => {
      if (node.type !== 'text') return [node];
      const pieces = splitCitations(node.value, count);
      if (!pieces) return [node];
      return pieces.map((piece) => ('text' in piece ? { type: 'text', value: piece.text } : { type: 'element', tagName: CITATION_TAG, properties: { citation: piece.citation }, children: [] }));
    });
  };
  return { ...tree, children: tree.children.map((node) => (node.type === 'element' ? { ...node, children: walk(node.children) } : node)) };
}

/** One top-level block, re-rendered only when its signature (or the plugins, or the citations) change. */
const Block = memo(
  function Block({ block, rich: plugins, citations }: { block: AnswerBlock; rich: Rich | null; citations: AnswerCitations | undefined }) {
    if (plugins) richRehype ??= rehype([...plugins.richRehype, [rehypeSanitize, plugins.richSchema]]);
    const run = plugins && richRehype ? richRehype : plainRehype;
    // The plugins rewrite the tree in place: they get a copy, so a second render (StrictMode) starts clean.
    const sanitized = finish(run({ type: 'root', children: [structuredClone(block.element)] }));
    const tree = citations ? markCitations(sanitized, citations.count) : sanitized;
    const all = citations
      ? {
          ...components,
          [CITATION_TAG]: ({ node }: { node?: { properties?: { citation?: unknown } } }) => citations.render(Number(node?.properties?.citation)),
        }
      : components;
    return toJsxRuntime(tree, { Fragment, jsx, jsxs, components: all as JsxComponents, ignoreInvalidStyle: true, passKeys: true, passNode: true });
  },
  (before, after) => before.block.signature === after.block.signature && before.rich === after.rich && before.citations === after.citations,
);

/** Parses an answer as it grows; one per mounted answer, with and without math syntax. */
class AnswerRenderer {
  private readonly idPrefix: string | undefined;
  private plain: (text: string) => AnswerBlock[];
  private math: ((text: string) => AnswerBlock[]) | null = null;
  private last: { text: string; rich: Rich | null; blocks: AnswerBlock[] } | null = null;

  constructor(idPrefix: string | undefined) {
    this.idPrefix = idPrefix;
    this.plain = createAnswerBlocks([remarkGfmParse], idPrefix);
  }

  blocks(text: string, rich: Rich | null): AnswerBlock[] {
    if (this.last?.text === text && this.last.rich === rich) return this.last.blocks;
    if (rich) this.math ??= createAnswerBlocks([remarkGfmParse, ...rich.richRemark], this.idPrefix);
    const blocks = rich && this.math ? this.math(text) : this.plain(text);
    this.last = { text, rich, blocks };
    return blocks;
  }
}

/**
 * Memoized on the text: an answer that is not changing costs nothing while another one streams. While one streams,
 * only the text after its last settled block is parsed again, and only blocks whose output changed re-render.
 * `idPrefix` keeps this answer's footnote ids apart from every other answer's on the page (fixed at mount).
 */
export const Markdown = memo(function Markdown({ text, idPrefix, citations }: { text: string; idPrefix?: string; citations?: AnswerCitations }) {
  const [renderer] = useState(() => new AnswerRenderer(idPrefix));
  const plugins = useRich();
  const wantsRich = needsRich(text);
  useEffect(() => {
    if (wantsRich) loadRich();
  }, [wantsRich]);
  const rich = wantsRich ? plugins : null;
  const blocks = renderer.blocks(text, rich);
  return (
    <div className="markdown">
      {blocks.map((block, i) => (
        <Block key={i} block={block} rich={rich} citations={citations} />
      ))}
    </div>
  );
});

/** For tests and server rendering: resolves once math and highlighting are available. */
export async function preloadRich(): Promise<void> {
  loadRich();
  await richLoading;
}

