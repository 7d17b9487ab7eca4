import { describe, expect, it } from 'vitest';
import { nextAnnouncement } from './announce';

describe('sentence-sized announcements', () => {
  it('waits for a sentence to end', () => {
    expect(nextAnnouncement('Hello there', 0, false)).toEqual({ chunk: '', announced: 0 });
  });
  it('announces complete sentences and keeps the rest for later', () => {
    const first = nextAnnouncement('One. Two! Thr', 0, false);
    expect(first).toEqual({ chunk: 'One. Two!', announced: 9 });
    expect(nextAnnouncement('One. Two! Three', first.announced, true)).toEqual({ chunk: 'Three', announced: 15 });
  });
  it('does not split decimals', () => {
    expect(nextAnnouncement('Pi is 3.14 roughly', 0, false).chunk).toBe('');
  });
});
