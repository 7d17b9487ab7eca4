import { fromMarkdown } from 'mdast-util-from-markdown';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { createAnswerBlocks, parseOptions } from './blocks';
import { remarkGfmParse } from './gfm';
import { longAnswer } from './long-answer';

const PLUGINS = [remarkGfmParse, remarkMath];

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('answer blocks', () => {
  it('keeps the signature of every settled block while the last one grows', () => {
    const blocks = createAnswerBlocks(PLUGINS);
    const before = blocks('# Title\n\nOne.\n\n- a\n- b\n\nTwo');
    const after = blocks('# Title\n\nOne.\n\n- a\n- b\n\nTwo and more');
    expect(after.slice(0, 3).map((b) => b.signature)).toEqual(before.slice(0, 3).map((b) => b.signature));
    expect(after[3]?.signature).not.toEqual(before[3]?.signature);
  });

  it('gives footnotes one section at the end, numbered across the whole answer', () => {
    const blocks = createAnswerBlocks(PLUGINS)('One.[^a]\n\nTwo.[^b]\n\n[^b]: Bee.\n\n[^a]: Ay.');
    expect(blocks.map((b) => b.element.tagName)).toEqual(['p', 'p', 'section']);
    expect(blocks[1]?.signature).toContain('"children":[{"type":"text","value":"2"}]');
  });

  it('times a 20 kB answer: one whole parse, and a token at its end', () => {
    const options = parseOptions(PLUGINS);
    for (const references of [false, true]) {
      const text = longAnswer(20_000, { references });
      const full = Math.min(...Array.from({ length: 3 }, () => timed(() => fromMarkdown(text, options))));
      const blocks = createAnswerBlocks(PLUGINS);
      const first = timed(() => blocks(text.slice(0, -400)));
      const tokens: number[] = [];
      for (let end = text.length - 396; end <= text.length; end += 4) tokens.push(timed(() => blocks(text.slice(0, end))));
      tokens.sort((a, b) => a - b);
      const median = tokens[Math.floor(tokens.length / 2)] ?? 0;
      console.info(
        `20 kB answer${references ? ' with 100 footnotes and reference links' : ''}: whole parse ${full.toFixed(1)} ms; ` +
          `first blocks ${first.toFixed(1)} ms; per token (parse, HTML, signatures) median ${median.toFixed(1)} ms, max ${tokens.at(-1)?.toFixed(1)} ms`,
      );
      expect(median).toBeLessThan(full / 4);
    }
  }, 180_000);
});
