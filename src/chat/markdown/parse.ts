// Parses a streaming answer into one mdast tree, re-parsing only from the last top-level block that more text can change.

import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown, type Options } from 'mdast-util-from-markdown';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';

/**
 * After a blank line, these can't be continued or absorbed by what follows: a paragraph, heading or table ends at a
 * blank line, a block quote needs a new `>`, and a fence or `$$` followed by another block is closed. Lists, indented
 * code and footnote definitions go on past blank lines, and HTML blocks of kinds 1–5 ignore them, so they are not
 * here.
 */
const CLOSED_AFTER_BLANK = new Set<RootContent['type']>(['paragraph', 'heading', 'thematicBreak', 'blockquote', 'table', 'math', 'definition']);

const BLANK_LINE = /(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)/;
const FENCE_START = /^ {0,3}(?:`{3,}|~{3,})/;

/** Identifiers of the link and footnote definitions in a tree: the only way text elsewhere changes how a block parses. */
interface Defined {
  definitions: Set<string>;
  footnotes: Set<string>;
}

function definedIn(nodes: readonly RootContent[], into: Defined = { definitions: new Set(), footnotes: new Set() }): Defined {
  for (const top of nodes) {
    visit(top, (node: Nodes) => {
      if (node.type === 'definition') into.definitions.add(node.identifier);
      else if (node.type === 'footnoteDefinition') into.footnotes.add(node.identifier);
    });
  }
  return into;
}

function sameDefined(a: Defined, b: Defined): boolean {
  const same = (x: Set<string>, y: Set<string>) => x.size === y.size && [...x].every((id) => y.has(id));
  return same(a.definitions, b.definitions) && same(a.footnotes, b.footnotes);
}

function lineStart(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

/** Where the blocks that can no longer change end: the start of the line of the first block that still can. */
function stableEnd(children: readonly RootContent[], text: string): { count: number; offset: number; line: number } | null {
  for (let k = children.length - 1; k >= 1; k--) {
    const before = children[k - 1]!;
    const next = children[k]!;
    const end = before.position?.end.offset;
    const start = next.position?.start.offset;
    if (end === undefined || start === undefined || !next.position) continue;
    const closed =
      CLOSED_AFTER_BLANK.has(before.type) ||
      (before.type === 'code' && before.position?.start.offset !== undefined && FENCE_START.test(text.slice(lineStart(text, before.position.start.offset))));
    if (closed && BLANK_LINE.test(text.slice(end, start))) return { count: k, offset: lineStart(text, start), line: next.position.start.line };
  }
  return null;
}

interface Stable {
  /** The text the stable blocks were parsed from, up to the start of the line after them. */
  text: string;
  line: number;
  children: RootContent[];
  /** What the stable blocks define. */
  above: Defined;
  /** What was defined in the whole answer when they were parsed. */
  parsedWith: Defined;
  /** Lines that define what `above` holds, put before the rest of the text so it parses knowing them. */
  header: string;
}

function merge(a: Defined, b: Defined): Defined {
  return { definitions: new Set([...a.definitions, ...b.definitions]), footnotes: new Set([...a.footnotes, ...b.footnotes]) };
}

function headerFor(defined: Defined): string {
  // Footnotes first: a footnote definition would take in an indented line after the blank one; the thematic break
  // closes the definitions, and the blank line after it starts the text afresh, as at the top of a document.
  return [...[...defined.footnotes].map((id) => `[^${id}]: x`), ...[...defined.definitions].map((id) => `[${id}]: x`), '***', '', ''].join('\n');
}

function shift(node: RootContent | Root, offset: number, lines: number): void {
  visit(node, (child: Nodes) => {
    for (const point of [child.position?.start, child.position?.end]) {
      if (point) {
        point.line += lines;
        if (point.offset !== undefined) point.offset += offset;
      }
    }
  });
}

/**
 * A parser for one answer as it grows. Each call returns exactly what `fromMarkdown(text, options)` returns, positions
 * included, but re-reads only the text after the last block that later text can't change, handing that text the
 * definitions made above it (as lines it then drops). When the definitions in the new text differ from the ones the
 * earlier blocks were parsed with (a `[1]: https://…` arriving at the end), it parses the whole text again.
 */
export function createStreamingParser(options: Options): (text: string) => Root {
  let stable: Stable | null = null;

  /** The new text's tree and everything it defines, from the stable blocks and the text after them. */
  function tail(text: string, from: Stable): { tree: Root; defined: Defined } | null {
    const headerNodes = from.above.footnotes.size + from.above.definitions.size + 1;
    const parsed = fromMarkdown(from.header + text.slice(from.text.length), options);
    const ok = parsed.children.slice(0, headerNodes).every((node, i) => (i === headerNodes - 1 ? node.type === 'thematicBreak' : node.type === 'definition' || node.type === 'footnoteDefinition'));
    if (!ok) return null;
    const rest = parsed.children.slice(headerNodes);
    const defined = merge(from.above, definedIn(rest));
    if (!sameDefined(defined, from.parsedWith)) return null;
    const lines = from.line - 1 - (from.header.split('\n').length - 1);
    const offset = from.text.length - from.header.length;
    for (const node of rest) shift(node, offset, lines);
    const end = parsed.position?.end;
    const tree: Root = {
      type: 'root',
      children: [...from.children, ...rest],
      position: end && { start: { line: 1, column: 1, offset: 0 }, end: { ...end, line: end.line + lines, offset: (end.offset ?? 0) + offset } satisfies Point },
    };
    return { tree, defined };
  }

  return function parse(text: string): Root {
    const previous = stable && text.startsWith(stable.text) ? stable : null;
    const reused = previous && tail(text, previous);
    const tree = reused ? reused.tree : fromMarkdown(text, options);
    const end = stableEnd(tree.children, text);
    if (!end) {
      stable = null;
      return tree;
    }
    const children = tree.children.slice(0, end.count);
    // What the settled blocks define, counted only for the blocks that settled since the last call.
    const above =
      reused && previous && end.count >= previous.children.length
        ? merge(previous.above, definedIn(children.slice(previous.children.length)))
        : definedIn(children);
    stable = { text: text.slice(0, end.offset), line: end.line, children, above, parsedWith: reused ? reused.defined : definedIn(tree.children), header: headerFor(above) };
    return tree;
  };
}
