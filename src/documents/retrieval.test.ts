import { describe, expect, it } from 'vitest';
import { chunkPages } from './chunking';
import { citationsIn, packPassages, passageBudget, promptWithPassages, rankChunks, wholeDocuments, type IndexedChunk } from './retrieval';
import type { DocumentPage } from '../domain/document';

/** Word-presence vectors over a fixed word list: the same idea as the e2e embedding oracle. */
const WORDS = ['lighthouse', 'keeper', 'copper', 'invoice', 'garden', 'river', 'vault', 'code'];
function embed(text: string): Float32Array {
  const v = new Float32Array(WORDS.length);
  const lower = text.toLowerCase();
  WORDS.forEach((w, i) => (v[i] = lower.includes(w) ? 1 : 0));
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function indexed(pages: DocumentPage[]): IndexedChunk[] {
  return chunkPages(pages).map((chunk) => ({ documentId: 'd', title: 'Doc', chunk, vector: embed(chunk.text) }));
}

const filler = (n: number) => `Page ${n} talks about the garden and the river at some length. `.repeat(8);

describe('rankChunks', () => {
  it('ranks the passage sharing the question’s rare words first, above a decoy sharing only common ones', async () => {
    const pages: DocumentPage[] = Array.from({ length: 12 }, (_, i) => ({ number: i + 1, text: filler(i + 1), scanned: false }));
    pages[6] = { number: 7, text: 'The lighthouse was painted white in spring. ' + filler(7), scanned: false };
    pages[10] = { number: 11, text: 'The lighthouse keeper hid the copper vault code under the stairs. ' + filler(11), scanned: false };
    const ranked = await rankChunks(indexed(pages), { text: 'Where did the lighthouse keeper hide the copper vault code?', vector: embed('lighthouse keeper copper vault code') }, 5);
    expect(ranked[0]?.chunk.page).toBe(11);
    expect(ranked[1]?.chunk.page).toBe(7);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });

  it('still finds a passage by keyword when the vectors say nothing', async () => {
    const pages: DocumentPage[] = [
      { number: 1, text: 'Nothing here but weather.', scanned: false },
      { number: 2, text: 'Invoice 4471 was paid on Tuesday.', scanned: false },
    ];
    const chunks = indexed(pages).map((c) => ({ ...c, vector: new Float32Array([1, 0, 0, 0, 0, 0, 0, 0]) }));
    const ranked = await rankChunks(chunks, { text: 'when was invoice 4471 paid', vector: new Float32Array([0, 1, 0, 0, 0, 0, 0, 0]) }, 2);
    expect(ranked[0]?.chunk.page).toBe(2);
  });

  it('returns nothing for no chunks', async () => {
    expect(await rankChunks([], { text: 'q', vector: new Float32Array([1]) }, 3)).toEqual([]);
  });
});

describe('packing', () => {
  const ranked = [300, 300, 2000, 100].map((length, i) => ({
    documentId: 'd',
    title: 'Doc',
    chunk: { index: i, page: i + 1, start: 0, end: length, text: 'x'.repeat(length) },
    vector: new Float32Array(1),
    score: 1 - i / 10,
  }));

  it('keeps rank order, skips what does not fit, and numbers citations from 1', () => {
    const passages = packPassages(ranked, 300);
    expect(passages.map((p) => [p.citation, p.page])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
  });

  it('puts short documents in whole and refuses when they do not fit', () => {
    const doc = { id: 'd', title: 'Note', pages: [{ number: 1, text: 'short note about the garden', scanned: false }, { number: 2, text: '', scanned: true }] };
    expect(wholeDocuments([doc], 100)?.map((p) => [p.citation, p.page, p.text])).toEqual([[1, 1, 'short note about the garden']]);
    expect(wholeDocuments([{ ...doc, pages: [{ number: 1, text: 'y'.repeat(5000), scanned: false }] }], 100)).toBeNull();
  });

  it('leaves room for the answer in the budget', () => {
    expect(passageBudget(4096, 1024)).toBe(768);
    expect(passageBudget(131072, 1024)).toBe(1500);
    expect(passageBudget(512, 512)).toBe(256);
  });
});

describe('prompt and citations', () => {
  it('numbers passages with their title and page before the question', () => {
    const prompt = promptWithPassages('What colour?', [{ citation: 1, documentId: 'd', title: 'Report.pdf', page: 41, start: 0, end: 4, text: 'Blue.' }]);
    expect(prompt).toContain('[1] (Report.pdf, page 41)\nBlue.');
    expect(prompt.endsWith('What colour?')).toBe(true);
    expect(promptWithPassages('Plain', [])).toBe('Plain');
  });

  it('reads citation numbers it was given, in order, once each', () => {
    expect(citationsIn('See [2] and [1, 3], again [2]; not [9] or [0].', 3)).toEqual([2, 1, 3]);
  });
});
