import { describe, expect, it } from 'vitest';
import { referenceDefinitions, splitBlocks } from './blocks';

describe('markdown blocks', () => {
  it('splits at blank lines', () => {
    expect(splitBlocks('# Title\n\nPara one\nstill one\n\n- a\n- b')).toEqual(['# Title', 'Para one\nstill one', '- a\n- b']);
  });
  it('keeps blank lines inside code fences, even unfinished ones while streaming', () => {
    expect(splitBlocks('Code:\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter')).toEqual(['Code:', '```js\nconst a = 1;\n\nconst b = 2;\n```', 'After']);
    expect(splitBlocks('```\nx\n\ny')).toEqual(['```\nx\n\ny']);
  });
  it('keeps an indented continuation with its list item instead of making it a code block', () => {
    expect(splitBlocks('1. Step one\n\n    More about step one\n\n2. Step two')).toEqual(['1. Step one\n\n    More about step one', '2. Step two']);
  });
  it('finds reference definitions outside code fences', () => {
    expect(referenceDefinitions('See [docs][d].\n\n[d]: https://example.org "Docs"\n\n```\n[x]: not-a-definition\n```\n[^1]: a footnote')).toBe('[d]: https://example.org "Docs"');
  });
});
