// Turns an answer into top-level HTML blocks from one parse of the whole text, each with a signature that changes only when its output does.

import type { Element, Root as HastRoot } from 'hast';
import type { Definition, FootnoteDefinition, FootnoteReference, Nodes, Paragraph, RootContent } from 'mdast';
import type { Options as ParseOptions } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';
import remarkParse from 'remark-parse';
import { unified, type PluggableList } from 'unified';
import { createStreamingParser } from './parse';

export interface AnswerBlock {
  /** A top-level element of the answer, before the per-block plugins (math, highlighting, sanitizing) run. */
  element: Element;
  /** The element without source positions: equal signatures render the same. */
  signature: string;
}

/** The micromark and mdast extensions that remark plugins register: what react-markdown's remark-parse would read. */
export function parseOptions(remarkPlugins: PluggableList): ParseOptions {
  const data = unified().use(remarkParse).use(remarkPlugins).freeze().data();
  return { extensions: data.micromarkExtensions ?? [], mdastExtensions: data.fromMarkdownExtensions ?? [] };
}

const withoutPositions = (key: string, value: unknown) => (key === 'position' ? undefined : value);

function block(element: Element): AnswerBlock {
  return { element, signature: JSON.stringify(element, withoutPositions) };
}

/** As react-markdown converts: raw HTML becomes `raw` nodes, which rendering drops (skipHtml). */
function html(children: RootContent[], clobberPrefix: string): Element[] {
  const root = toHast({ type: 'root', children }, { allowDangerousHtml: true, clobberPrefix }) as HastRoot;
  return root.children.filter((node): node is Element => node.type === 'element');
}

/** What one top-level node needs from the rest of the answer, found once per node. */
interface NodeFacts {
  /** Reference links, images and footnote calls: their output depends on definitions and on footnote numbering. */
  contextual: boolean;
  definitions: (Definition | FootnoteDefinition)[];
  /** Footnote calls in the text (not inside footnote definitions), in order: they number the footnotes. */
  calls: FootnoteReference[];
  /** The node's HTML, when it depends on nothing else. */
  own: AnswerBlock | null;
  /** The node's HTML among the definitions that `key` describes, when it depends on them. */
  inContext?: { key: string; block: AnswerBlock | null };
}

function factsOf(node: RootContent, clobberPrefix: string): NodeFacts {
  const facts: NodeFacts = { contextual: false, definitions: [], calls: [], own: null };
  const walk = (child: Nodes, inFootnote: boolean) => {
    if (child.type === 'definition' || child.type === 'footnoteDefinition') facts.definitions.push(child);
    else if (!inFootnote && (child.type === 'linkReference' || child.type === 'imageReference' || child.type === 'footnoteReference')) {
      facts.contextual = true;
      if (child.type === 'footnoteReference') facts.calls.push(child);
    }
    if ('children' in child) for (const grandchild of child.children) walk(grandchild, inFootnote || child.type === 'footnoteDefinition');
  };
  walk(node, false);
  const [element] = facts.contextual ? [] : html([node], clobberPrefix);
  facts.own = element ? block(element) : null;
  return facts;
}

function sameNodes(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}

/**
 * Splits one answer into blocks as it streams. The whole text is one mdast tree (parsed incrementally). A top-level
 * node that uses no definitions is turned into HTML once and kept while the node is unchanged. The nodes that do
 * are turned into HTML together with every definition and, ahead of them, the footnote calls of the settled ones, so
 * reference links resolve and footnotes are numbered and listed (in one section at the end) exactly as for the whole
 * answer at once.
 *
 * `idPrefix` goes before every id the answer makes (its footnotes and their links back): answers on one page each
 * need their own, or a footnote call in one answer leads to another answer's footnote.
 */
export function createAnswerBlocks(remarkPlugins: PluggableList, idPrefix = 'user-content-'): (text: string) => AnswerBlock[] {
  const parse = createStreamingParser(parseOptions(remarkPlugins));
  // Settled nodes are the same objects from one parse to the next (see createStreamingParser).
  const known = new WeakMap<RootContent, NodeFacts>();
  const facts = (node: RootContent) => {
    let found = known.get(node);
    if (!found) known.set(node, (found = factsOf(node, idPrefix)));
    return found;
  };
  let footer: { definitions: FootnoteDefinition[]; block: AnswerBlock | null } = { definitions: [], block: null };

  return (text) => {
    const nodes = parse(text).children;
    const contextual = nodes.filter((node) => facts(node).contextual);
    if (contextual.length === 0) return nodes.flatMap((node) => facts(node).own ?? []);

    const definitions = nodes.flatMap((node) => facts(node).definitions);
    const footnotes = definitions.filter((node) => node.type === 'footnoteDefinition');
    const key = JSON.stringify(definitions.map((node) => (node.type === 'definition' ? [node.identifier, node.url, node.title] : [node.identifier])));
    const stale = contextual.findIndex((node) => facts(node).inContext?.key !== key);
    const from = stale === -1 ? contextual.length : stale;
    if (from < contextual.length || !sameNodes(footnotes, footer.definitions)) {
      const calls = contextual.slice(0, from).flatMap((node) => facts(node).calls);
      const fresh = contextual.slice(from);
      const elements = html([...(calls.length > 0 ? [{ type: 'paragraph', children: calls } satisfies Paragraph] : []), ...fresh, ...definitions], idPrefix);
      const byStart = new Map(elements.map((element) => [element.position?.start.offset, element]));
      for (const node of fresh) {
        const element = byStart.get(node.position?.start.offset);
        facts(node).inContext = { key, block: element ? block(element) : null };
      }
      // The footnote section has no source position: it is what to-hast adds after the content.
      const last = elements.at(-1);
      footer = { definitions: footnotes, block: last && !last.position && last.tagName === 'section' ? block(last) : null };
    }
    const blocks = nodes.flatMap((node) => facts(node).own ?? facts(node).inContext?.block ?? []);
    if (footer.block) blocks.push(footer.block);
    return blocks;
  };
}
