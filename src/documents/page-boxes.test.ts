import { describe, expect, it } from 'vitest';
import { passageBoxes, type PageTextItem } from './page-boxes';

const item = (str: string, x: number, y: number, hasEOL = true): PageTextItem => ({ str, hasEOL, transform: [10, 0, 0, 10, x, y], width: str.length * 5 });

describe('a passage on its PDF page', () => {
  // Page text: "Title\nFirst line.\nSecond line.\nThird.\n"
  const items = [item('Title', 50, 700), item('First line.', 50, 680), item('Second', 50, 660, false), item(' line.', 80, 660), item('Third.', 50, 640)];

  it('marks the items the passage covers, from the offsets in the page text the reader made', () => {
    const text = items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join('');
    const start = text.indexOf('Second');
    const boxes = passageBoxes(items, start, text.indexOf('Third.'));
    expect(boxes.text).toBe('Second  line.');
    expect(boxes.rects).toEqual([
      [50, 658, 80, 669],
      [80, 658, 110, 669],
    ]);
  });

  it('marks an item the passage starts inside, and nothing past the end', () => {
    const boxes = passageBoxes(items, 8, 10);
    expect(boxes.text).toBe('First line.');
  });
});
