// Where a passage lies on a PDF page: pdf.js' text items, joined exactly as the reader joined them into the page's
// text, give each character range its items, and each item a rectangle in page space.

export interface PageTextItem {
  str: string;
  hasEOL: boolean;
  /** pdf.js' text matrix [a, b, c, d, e, f]: e, f is the baseline origin, the c, d column the font's height. */
  transform: number[];
  /** In page units, along the baseline. */
  width: number;
}

/** A rectangle in PDF page space (origin bottom left): x1, y1, x2, y2. */
export type PageRect = [number, number, number, number];

export interface PassageBoxes {
  rects: PageRect[];
  /** The items' text, for a reader (and a test) to see what is marked. */
  text: string;
}

/**
 * The items that overlap [start, end) of the page's text, each as a rectangle from its baseline up by its font
 * height. The page text is the reader's: every item's string, then a newline where the item ends a line.
 */
export function passageBoxes(items: readonly PageTextItem[], start: number, end: number): PassageBoxes {
  const rects: PageRect[] = [];
  const parts: string[] = [];
  let at = 0;
  for (const item of items) {
    const from = at;
    at += item.str.length + (item.hasEOL ? 1 : 0);
    if (item.str.trim() === '' || at <= start || from >= end) continue;
    const [, , c = 0, d = 0, e = 0, f = 0] = item.transform;
    const height = Math.hypot(c, d);
    rects.push([e, f - height * 0.2, e + item.width, f + height * 0.9]);
    parts.push(item.str);
  }
  return { rects, text: parts.join(' ') };
}
