// For the conformance tests only: compares rendered HTML with a spec example's HTML, with the app's deliberate changes projected away.

import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';

/** Where whitespace around a tag carries no meaning (the CommonMark test suite's normalize.py list, plus br's neighbours). */
const BLOCK = new Set(
  'article header aside hgroup blockquote hr iframe body li map button object canvas ol caption output col p colgroup pre dd progress div section dl table td dt tbody embed textarea fieldset tfoot figcaption th figure thead footer tr form ul h1 h2 h3 h4 h5 h6 video script style'.split(' '),
);

/** react-markdown's own additions, shared by the app and the baseline: GFM's task-list classes. */
const LIBRARY_CLASSES = new Set(['task-list-item', 'contains-task-list']);

function classes(node: Element): string[] {
  const value: unknown = node.properties.className;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/\s+/) : [];
}

function hasClass(node: RootContent | ElementContent, name: string): boolean {
  return node.type === 'element' && classes(node).includes(name);
}

function text(node: Root | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map(text).join('');
  return '';
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * A link as the app shows one: its text, an anchor only for a safe destination, and the destination written out
 * whenever the text differs from it.
 */
function linkView(href: string | undefined, anchor: boolean, shown: string | undefined, children: ElementContent[]): Element {
  const properties: Element['properties'] = {};
  if (anchor && href !== undefined) properties.href = href;
  if (shown) properties.shown = shown;
  return element('x-link', properties, children);
}

/** The spec's (or a plain renderer's) `<a>` and `<img>`, seen the way the app presents them. */
function projectExpected(nodes: ElementContent[]): ElementContent[] {
  return nodes.map((node) => {
    if (node.type !== 'element') return node;
    const children = projectExpected(node.children);
    if (node.tagName === 'a') {
      const href = node.properties.href === undefined ? undefined : String(node.properties.href);
      if (href?.startsWith('#')) return linkView(href, true, undefined, children);
      const shown = href && text(node) !== href ? href : undefined;
      return linkView(href, href !== undefined && SAFE_LINK.test(href), shown, children);
    }
    // A remote image is never fetched: the app shows its alt text and address, and has nowhere to show a title.
    if (node.tagName === 'img') return element('x-img', { src: String(node.properties.src ?? ''), alt: String(node.properties.alt ?? '') }, []);
    return { ...node, children };
  });
}

const IMAGE_LABEL = 'Image not loaded';

/** The app's rendering, reduced to the same view: wrappers, copy buttons and highlight spans removed. */
function projectApp(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type !== 'element') return [node];
    if (hasClass(node, 'markdown') || hasClass(node, 'table-scroll')) return projectApp(node.children);
    if (hasClass(node, 'code-block')) return projectApp(node.children.filter((child) => !(child.type === 'element' && child.tagName === 'button')));
    // highlight.js: a class on the code and spans inside it.
    if (node.tagName === 'span' && classes(node).some((name) => name.startsWith('hljs-'))) return projectApp(node.children);
    if (hasClass(node, 'link')) {
      const [body, destination] = node.children;
      const shown = destination && hasClass(destination, 'link-destination') ? text(destination).replace(/^ \(/, '').replace(/\)$/, '') : undefined;
      const anchor = body?.type === 'element' && body.tagName === 'a';
      const href = anchor ? String(body.properties.href) : undefined;
      return [linkView(href, anchor, shown, body?.type === 'element' ? projectApp(body.children) : [])];
    }
    // An in-page anchor, shown as it is.
    if (node.tagName === 'a') return [linkView(String(node.properties.href), true, undefined, projectApp(node.children))];
    if (hasClass(node, 'image-placeholder')) {
      const [label, destination] = node.children;
      const alt = label ? text(label).slice(IMAGE_LABEL.length).replace(/^: /, '') : '';
      return [element('x-img', { src: destination ? text(destination) : '', alt }, [])];
    }
    const properties = { ...node.properties };
    if (node.tagName === 'code') {
      const kept = classes(node).filter((name) => name !== 'hljs');
      if (kept.length > 0) properties.className = kept;
      else delete properties.className;
    }
    return [{ ...node, properties, children: projectApp(node.children) }];
  });
}

function attributes(node: Element): string {
  return Object.entries(node.properties)
    .flatMap(([name, value]) => {
      if (name === 'className') {
        const kept = classes(node).filter((c) => !LIBRARY_CLASSES.has(c));
        return kept.length > 0 ? [`class="${kept.join(' ')}"`] : [];
      }
      if (value === false || value === null || value === undefined) return [];
      return [`${name}="${Array.isArray(value) ? value.join(' ') : String(value)}"`];
    })
    .sort()
    .map((attribute) => ` ${attribute}`)
    .join('');
}

function isBlock(node: RootContent | ElementContent | undefined): boolean {
  return node?.type === 'element' && BLOCK.has(node.tagName);
}

function serialize(nodes: (RootContent | ElementContent)[], inPre: boolean, inBlock: boolean): string {
  // Neighbouring text nodes (left by unwrapped spans) are one run of text.
  const merged: (RootContent | ElementContent)[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text') merged[merged.length - 1] = { type: 'text', value: last.value + node.value };
    else if (node.type === 'text' || node.type === 'element') merged.push(node);
  }
  return merged
    .map((node, i) => {
      if (node.type === 'text') {
        if (inPre) return escape(node.value);
        let value = node.value.replace(/\s+/g, ' ');
        if ((i === 0 && inBlock) || isBlock(merged[i - 1]) || merged[i - 1]?.type === 'element' && (merged[i - 1] as Element).tagName === 'br') value = value.replace(/^ /, '');
        if ((i === merged.length - 1 && inBlock) || isBlock(merged[i + 1])) value = value.replace(/ $/, '');
        return escape(value);
      }
      if (node.type !== 'element') return '';
      const inner = serialize(node.children, inPre || node.tagName === 'pre', BLOCK.has(node.tagName));
      return `<${node.tagName}${attributes(node)}>${inner}</${node.tagName}>`;
    })
    .join('');
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function parse(html: string, schema?: Schema): ElementContent[] {
  const tree = fromHtml(html, { fragment: true });
  return (schema ? (sanitize(tree, schema) as Root) : tree).children.filter((node): node is ElementContent => node.type === 'element' || node.type === 'text');
}

/**
 * The spec's HTML as the app would show it, canonical: sanitized with the app's schema, links with their
 * destinations, images as placeholders.
 */
export function expectedAppHtml(specHtml: string, schema: Schema): string {
  return serialize(projectExpected(parse(specHtml, schema)), false, true);
}

/** The app's HTML reduced to the same view as `expectedAppHtml`, canonical. */
export function appHtml(rendered: string): string {
  return serialize(projectApp(parse(rendered)), false, true);
}
