// Retrieval as pure functions: hybrid ranking of passages (Orama's BM25 and vector search), packing them into the
// model's context budget, whole documents when they fit, and the prompt that numbers each passage for citation.

import type { Chunk, DocumentPage, RetrievedPassage } from '../domain/document';

export { citationsIn } from './citations';

export interface IndexedChunk {
  documentId: string;
  title: string;
  chunk: Chunk;
  vector: Float32Array;
}

export interface RankedChunk extends IndexedChunk {
  /** Orama's hybrid score: min-max-normalised BM25 and cosine similarity, weighted equally, 0..1. */
  score: number;
}

/** Rough and on the safe side for Latin text (about 4 characters a token); the budget keeps a margin anyway. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

/**
 * Ranks every chunk for the question. Orama rather than a hand-written BM25: its full-text index is the tested one,
 * and its hybrid mode normalises both scores before mixing them, which a plain sum of BM25 and cosine would not.
 */
export async function rankChunks(chunks: readonly IndexedChunk[], question: { text: string; vector: Float32Array }, limit: number): Promise<RankedChunk[]> {
  if (chunks.length === 0) return [];
  // Loaded on the first question about a document: Orama is a third of the app shell otherwise (188 kB of source).
  const { create, insertMultiple, search } = await import('@orama/orama');
  const dimensions = question.vector.length;
  const db = create({ schema: { text: 'string', embedding: `vector[${dimensions}]` } as const });
  await insertMultiple(
    db,
    chunks.map((c, i) => ({ id: String(i), text: c.chunk.text, embedding: Array.from(c.vector) })),
  );
  const result = await search(db, {
    mode: 'hybrid',
    term: question.text,
    vector: { value: Array.from(question.vector), property: 'embedding' },
    // Every passage with any similarity takes part; the budget, not a threshold, decides how many go in.
    similarity: 1e-6,
    hybridWeights: { text: 0.5, vector: 0.5 },
    limit,
  });
  return result.hits.flatMap((hit) => {
    const source = chunks[Number(hit.id)];
    return source ? [{ ...source, score: hit.score }] : [];
  });
}

/** Takes the best passages, in rank order, while they fit the budget; each keeps its citation number. */
export function packPassages(ranked: readonly RankedChunk[], budgetTokens: number): RetrievedPassage[] {
  const passages: RetrievedPassage[] = [];
  let used = 0;
  for (const r of ranked) {
    const cost = estimateTokens(r.chunk.text) + 12;
    if (used + cost > budgetTokens) continue;
    used += cost;
    passages.push({ citation: passages.length + 1, documentId: r.documentId, title: r.title, page: r.chunk.page, start: r.chunk.start, end: r.chunk.end, text: r.chunk.text, score: r.score });
  }
  return passages;
}

export interface WholeDocument {
  id: string;
  title: string;
  pages: readonly DocumentPage[];
}

/** Short documents go in whole, one citation per page, when all of them together fit the budget; else null. */
export function wholeDocuments(documents: readonly WholeDocument[], budgetTokens: number): RetrievedPassage[] | null {
  const passages: RetrievedPassage[] = [];
  let used = 0;
  for (const d of documents) {
    for (const page of d.pages) {
      if (page.scanned || page.text.trim() === '') continue;
      used += estimateTokens(page.text) + 12;
      if (used > budgetTokens) return null;
      passages.push({ citation: passages.length + 1, documentId: d.id, title: d.title, page: page.number, start: 0, end: page.text.length, text: page.text });
    }
  }
  return passages;
}

/**
 * The budget for passages: a share of the model's context that leaves room for the conversation and the answer,
 * capped because small models read long prompts slowly on this hardware.
 */
export function passageBudget(contextLength: number, maxNewTokens: number): number {
  return Math.max(256, Math.min(1500, Math.floor((contextLength - maxNewTokens) / 4)));
}

/** The user's turn as the model reads it: numbered passages first, then the question, with how to cite them. */
export function promptWithPassages(question: string, passages: readonly RetrievedPassage[]): string {
  if (passages.length === 0) return question;
  const blocks = passages.map((p) => `[${p.citation}] (${p.title}, page ${p.page})\n${p.text}`);
  return [
    'Passages from the attached documents:',
    '',
    blocks.join('\n\n'),
    '',
    'Answer from these passages and cite each one you use by its number in brackets, like [1].',
    '',
    question,
  ].join('\n');
}
