import { describe, expect, it } from 'vitest';
import { answerOnly, splitThinking } from './thinking';

describe('thinking split', () => {
  it('separates a finished think block from the answer', () => {
    expect(splitThinking('<think>\nHmm\n</think>\n\nYou said apple.')).toEqual({ thinking: 'Hmm', thinkingOpen: false, answer: 'You said apple.' });
  });
  it('shows a think block still streaming as open, with no answer yet', () => {
    expect(splitThinking('<think>Let me se')).toEqual({ thinking: 'Let me se', thinkingOpen: true, answer: '' });
  });
  it('leaves text without a leading think block alone', () => {
    expect(splitThinking('Use the <think> tag like this')).toEqual({ thinking: null, thinkingOpen: false, answer: 'Use the <think> tag like this' });
  });
  it('drops earlier thinking from what goes back into the prompt', () => {
    expect(answerOnly('<think>x</think>\n\nDone')).toBe('Done');
  });
});
