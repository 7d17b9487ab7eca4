import { describe, expect, it } from 'vitest';
import { LONGEST_PHRASE, speakableText, takeSentences } from './sentences';

describe('speakableText', () => {
  it('keeps the words and drops the markup', () => {
    expect(speakableText('# Title\n\n**Bold** and _italic_ with `code` and [a link](https://x.y).\n\n- one\n- two')).toBe(
      'Title\nBold and italic with code and a link.\none\ntwo',
    );
  });

  it('names code blocks and formulas instead of reading them out, and skips thinking', () => {
    expect(speakableText('<think>hmm</think>Look:\n```js\nlet a = 1;\n```\n$$x^2$$ done.')).toBe('Look:\n (code omitted) \n (formula) done.');
  });
});

describe('takeSentences', () => {
  it('returns complete sentences and keeps the unfinished rest for later', () => {
    expect(takeSentences('Hello there. How are')).toEqual({ sentences: ['Hello there.'], rest: 'How are' });
    expect(takeSentences('One! Two? Three…  Four')).toEqual({ sentences: ['One!', 'Two?', 'Three…'], rest: 'Four' });
  });

  it('waits at a trailing full stop while streaming, which may be a decimal point', () => {
    expect(takeSentences('It costs 3.')).toEqual({ sentences: [], rest: 'It costs 3.' });
    expect(takeSentences('It costs 3.5 euros. Ok', false).sentences).toEqual(['It costs 3.5 euros.']);
  });

  it('flushes the rest as a sentence at the end', () => {
    expect(takeSentences('Done. And this', true)).toEqual({ sentences: ['Done.', 'And this'], rest: '' });
    expect(takeSentences('Line one\nLine two', true).sentences).toEqual(['Line one', 'Line two']);
  });
  it('breaks a run-on sentence at a space once it is long, so speech starts before the answer ends', () => {
    const runOn = Array.from({ length: 40 }, () => 'forever and').join(' ');
    const { sentences, rest } = takeSentences(runOn);
    expect(sentences.length).toBeGreaterThan(2);
    for (const s of sentences) expect(s.length).toBeLessThanOrEqual(LONGEST_PHRASE);
    expect(sentences.join(' ') + rest).toBe(runOn);
  });
});
