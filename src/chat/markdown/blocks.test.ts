import { describe, expect, it } from 'vitest';
import { splitBlocks } from './blocks';

describe('markdown blocks', () => {
  it('splits at blank lines', () => {
    expect(splitBlocks('# Title\n\nPara one\nstill one\n\n- a\n- b')).toEqual(['# Title', 'Para one\nstill one', '- a\n- b']);
  });
  it('keeps blank lines inside code fences, even unfinished ones while streaming', () => {
    expect(splitBlocks('Code:\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter')).toEqual(['Code:', '```js\nconst a = 1;\n\nconst b = 2;\n```', 'After']);
    expect(splitBlocks('```\nx\n\ny')).toEqual(['```\nx\n\ny']);
  });
});
