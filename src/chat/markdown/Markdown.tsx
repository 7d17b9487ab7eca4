// Renders untrusted model output as markdown: no raw HTML, sanitized last, links shown in full, remote images never fetched.

import { memo, useEffect, useState, useSyncExternalStore, type ComponentProps, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import { remarkGfmParse } from './gfm';
import { referenceDefinitions, splitBlocks } from './blocks';

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

function CopyButton({ text, label = 'Copy code' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button small copy"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

const components: Components = {
  a({ href, children }) {
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
      <span className="image-placeholder" role="img" aria-label={`Image not loaded: ${alt || url}`}>
        <span>🖼 Image not loaded{alt ? `: ${alt}` : ''}</span>
        <span className="link-destination">{url}</span>
        {/^https?:/i.test(url) && (
          <a href={url} target="_blank" rel="noopener noreferrer nofollow">
            Open in a new tab
          </a>
        )}
      </span>
    );
  },
  pre({ children }) {
    return (
      <div className="code-block">
        <CopyButton text={textOf(children).replace(/\n$/, '')} />
        <pre>{children}</pre>
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

function useRich(): Rich | null {
  return useSyncExternalStore(
    (listener) => {
      richListeners.add(listener);
      return () => richListeners.delete(listener);
    },
    () => rich,
    () => rich,
  );
}

const Block = memo(function Block({ text, rich: plugins }: { text: string; rich: Rich | null }) {
  return (
    <ReactMarkdown
      remarkPlugins={plugins ? [remarkGfmParse, ...plugins.richRemark] : [remarkGfmParse]}
      // Sanitizing runs last, after every plugin that writes HTML.
      rehypePlugins={plugins ? [...plugins.richRehype, [rehypeSanitize, plugins.richSchema]] : [rehypeSanitize]}
      components={components}
      skipHtml
    >
      {text}
    </ReactMarkdown>
  );
});

/** Memoized on the text: an answer that is not changing costs nothing while another one streams. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const definitions = referenceDefinitions(text);
  const blocks = splitBlocks(text).map((block) => (definitions && block.includes(']') ? `${block}\n\n${definitions}` : block));
  const plugins = useRich();
  const wantsRich = needsRich(text);
  useEffect(() => {
    if (wantsRich) loadRich();
  }, [wantsRich]);
  return (
    <div className="markdown">
      {blocks.map((block, i) => (
        <Block key={i} text={block} rich={needsRich(block) ? plugins : null} />
      ))}
    </div>
  );
});

/** For tests and server rendering: resolves once math and highlighting are available. */
export async function preloadRich(): Promise<void> {
  loadRich();
  await richLoading;
}

export { CopyButton };
