import { describe, expect, it } from 'vitest';
import { threadsLabel } from './threads-label';

describe('threadsLabel', () => {
  it('counts threads, and says why there is only one when the page is not isolated', () => {
    expect(threadsLabel(8, true)).toBe('8 threads');
    expect(threadsLabel(1, true)).toBe('1 thread');
    expect(threadsLabel(1, false)).toBe('1 thread (this page is not cross-origin isolated)');
  });
});
