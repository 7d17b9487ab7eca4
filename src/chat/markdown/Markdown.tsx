// Renders untrusted model output as markdown: no raw HTML, sanitized last, links shown in full, remote images never fetched.

import { memo, useState, type ComponentProps, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { splitBlocks } from './blocks';

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

const Block = memo(function Block({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} components={components} skipHtml>
      {text}
    </ReactMarkdown>
  );
});

export function Markdown({ text }: { text: string }) {
  const blocks = splitBlocks(text);
  return (
    <div className="markdown">
      {blocks.map((block, i) => (
        <Block key={i} text={block} />
      ))}
    </div>
  );
}

export { CopyButton };
