import { describe, expect, it } from 'vitest';
import { chunkPages, countWords } from './chunking';

describe('chunkPages', () => {
  it('groups paragraphs up to the target and ties each chunk to its page and characters', () => {
    const text = ['First paragraph here.', 'Second one.', 'Third.'].join('\n\n');
    const chunks = chunkPages([{ number: 3, text, scanned: false }], { target: 30, max: 60 });
    expect(chunks.map((c) => c.text)).toEqual(['First paragraph here.\n\nSecond one.', 'Third.']);
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(chunks.every((c) => c.page === 3)).toBe(true);
    expect(chunks.map((c) => c.index)).toEqual([0, 1]);
  });

  it('cuts an over-long paragraph at sentence ends and never exceeds the maximum', () => {
    const text = 'A sentence of some length. '.repeat(40);
    const chunks = chunkPages([{ number: 1, text, scanned: false }], { target: 100, max: 150 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(150);
      expect(c.text.endsWith('.')).toBe(true);
      expect(text.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it('skips scanned pages and numbers chunks across pages', () => {
    const chunks = chunkPages([
      { number: 1, text: 'one', scanned: false },
      { number: 2, text: '', scanned: true },
      { number: 3, text: 'three', scanned: false },
    ]);
    expect(chunks.map((c) => [c.index, c.page])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('counts words in any script', () => {
    expect(countWords("It's a well-known fact: 42 café 東京")).toBe(7);
  });
});
