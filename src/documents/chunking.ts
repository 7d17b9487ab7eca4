// Cuts extracted pages into passages of about a paragraph, each tied to its page and character range; pure.

import type { Chunk, DocumentPage } from '../domain/document';

export interface ChunkOptions {
  /** A passage grows by whole paragraphs (or lines) until it reaches this many characters. */
  target: number;
  /** No passage is longer; a longer paragraph is cut at a sentence end, else at a space. */
  max: number;
}

/** About a paragraph: ~120–200 words, small enough that a hit is specific, big enough to carry its context. */
export const CHUNK_OPTIONS: ChunkOptions = { target: 700, max: 1000 };

interface Span {
  start: number;
  end: number;
}

/** Paragraphs where the text has blank lines; PDFs often have none, so single lines are the fallback unit. */
function units(text: string): Span[] {
  const separator = /\n\s*\n/.test(text) ? /\n\s*\n/g : /\n/g;
  const spans: Span[] = [];
  let from = 0;
  for (const match of text.matchAll(separator)) {
    spans.push({ start: from, end: match.index });
    from = match.index + match[0].length;
  }
  spans.push({ start: from, end: text.length });
  return spans.map((s) => trim(text, s)).filter((s) => s.end > s.start);
}

function trim(text: string, { start, end }: Span): Span {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

/** Cuts one over-long span at sentence ends (else spaces, else anywhere) into pieces of at most `max`. */
function cut(text: string, span: Span, max: number): Span[] {
  const pieces: Span[] = [];
  let { start } = span;
  while (span.end - start > max) {
    const window = text.slice(start, start + max);
    let at = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
    if (at > max / 3) at += 1;
    else at = window.lastIndexOf(' ') > max / 3 ? window.lastIndexOf(' ') : max;
    pieces.push(trim(text, { start, end: start + at }));
    start += at;
  }
  pieces.push(trim(text, { start, end: span.end }));
  return pieces.filter((p) => p.end > p.start);
}

export function chunkPages(pages: readonly DocumentPage[], options: ChunkOptions = CHUNK_OPTIONS): Chunk[] {
  const chunks: Chunk[] = [];
  for (const page of pages) {
    if (page.scanned) continue;
    const text = page.text;
    let current: Span | null = null;
    const emit = () => {
      if (current) chunks.push({ index: chunks.length, page: page.number, start: current.start, end: current.end, text: text.slice(current.start, current.end) });
      current = null;
    };
    for (const unit of units(text).flatMap((u) => cut(text, u, options.max))) {
      if (current && unit.end - current.start > options.max) emit();
      current = current ? { start: current.start, end: unit.end } : unit;
      if (current.end - current.start >= options.target) emit();
    }
    emit();
  }
  return chunks;
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
