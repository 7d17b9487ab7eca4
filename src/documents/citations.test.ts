import { describe, expect, it } from 'vitest';
import { citationsIn, splitCitations } from './citations';

describe('citation markers', () => {
  it('lists the numbers that name a passage, in order of first mention', () => {
    expect(citationsIn('See [2] and [1, 3], again [2]; not [9] or [0].', 3)).toEqual([2, 1, 3]);
  });

  it('splits text at markers that name a passage and leaves the others as written', () => {
    expect(splitCitations('Rent is due [1]. See [4] too.', 2)).toEqual([{ text: 'Rent is due ' }, { citation: 1 }, { text: '. See [4] too.' }]);
    expect(splitCitations('Both [1, 2] and [2,7].', 2)).toEqual([{ text: 'Both ' }, { citation: 1 }, { citation: 2 }, { text: ' and ' }, { citation: 2 }, { text: '[7].' }]);
  });

  it('returns null when no marker names a passage', () => {
    expect(splitCitations('An array a[3] and [0].', 2)).toBeNull();
    expect(splitCitations('No sources at all [1].', 0)).toBeNull();
  });
});
