import { describe, expect, it } from 'vitest';
import { LONGEST_PHRASE, SHORTEST_OPENING, speakableText, takeOpeningClause, takeSentences } from './sentences';

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

describe('takeOpeningClause', () => {
  it('splits at the first clause break past the shortest opening, once more text follows it', () => {
    expect(takeOpeningClause('Well, the capital of France, as you know, is')).toEqual({ clause: 'Well, the capital of France,', rest: 'as you know, is' });
    expect(takeOpeningClause('Short, then: still short')).toBeNull();
    // The break just arrived: the next token may turn it into a list or a number ("1,000").
    expect(takeOpeningClause('The capital of France, ')).toBeNull();
    expect(takeOpeningClause('The capital of France,0')).toBeNull();
    expect(takeOpeningClause('我们今天要讨论的是法国的首都巴黎以及它的历史文化和建筑风格，它位于')).toEqual({ clause: '我们今天要讨论的是法国的首都巴黎以及它的历史文化和建筑风格，', rest: '它位于' });
    expect('Well, the capital of France,'.length).toBeGreaterThanOrEqual(SHORTEST_OPENING);
  });
});
