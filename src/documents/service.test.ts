// The document service against a loopback embedder worker and an in-memory store: a document whose vectors came from
// another embedding model is embedded again from its stored passages, stored, and then searched.

import { describe, expect, it } from 'vitest';
import { serveRpc, type RpcHandlers, type RpcRequest, type WorkerLike } from '../shared/rpc';
import type { StoredDocument } from '../domain/document';
import { EMBEDDER } from '../models/catalog';
import { NO_GPU } from '../models/capabilities';
import type { EmbedderRpc } from '../worker/embed-protocol';
import { summarize, type DocumentStore, type StoredVectors } from '../storage/ui/document-store';
import { createDocumentService, type RebuildProgress } from './service';

const WORDS = ['harbour', 'zinc', 'ledger', 'tariff', 'weather', 'ferry'];

/** An embedder in this thread whose vectors are word presence over WORDS: similarity is shared words. */
class LoopbackEmbedder implements WorkerLike {
  readonly embedded: string[][] = [];
  private readonly listeners: Array<(event: MessageEvent<unknown>) => void> = [];
  private readonly handle = serveRpc<EmbedderRpc>(
    {
      'load-embedder': async () => ({ dimensions: WORDS.length, loadMs: 1 }),
      embed: async ({ texts, prefix }, { emit }) => {
        this.embedded.push(texts.map((t) => prefix + t));
        const vectors = new Float32Array(texts.length * WORDS.length);
        texts.forEach((text, row) => {
          WORDS.forEach((word, column) => (vectors[row * WORDS.length + column] = text.toLowerCase().includes(word) ? 1 : 0));
          emit({ type: 'embedded', done: row + 1, total: texts.length });
        });
        const count = this.embedded.flat().length;
        return { vectors, dimensions: WORDS.length, ms: 1, figures: { calls: this.embedded.length, texts: count } };
      },
    } satisfies RpcHandlers<EmbedderRpc>,
    (response) => setTimeout(() => this.listeners.forEach((listener) => listener({ data: structuredClone(response) } as MessageEvent<unknown>))),
  );

  postMessage(message: unknown): void {
    setTimeout(() => void this.handle(structuredClone(message) as RpcRequest<EmbedderRpc>));
  }
  terminate(): void {}
  addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<unknown>) => void) | ((event: ErrorEvent) => void)): void {
    if (type === 'message') this.listeners.push(listener as (event: MessageEvent<unknown>) => void);
  }
  removeEventListener(): void {}
}

function memoryStore(): DocumentStore & { rows: Map<string, { document: StoredDocument; vectors: StoredVectors }> } {
  const rows = new Map<string, { document: StoredDocument; vectors: StoredVectors }>();
  return {
    rows,
    put: async (document, vectors) => void rows.set(document.id, { document: structuredClone(document), vectors: structuredClone(vectors) }),
    get: async (id) => rows.get(id)?.document,
    vectors: async (id) => rows.get(id)?.vectors,
    list: async () => [...rows.values()].map((r) => summarize(r.document, r.vectors)),
    delete: async (id) => void rows.delete(id),
  };
}

const texts = ['The harbour tariff rose in spring.', 'Zinc ledger entries were audited on page two.', 'Weather delayed the ferry twice.'];
// Long enough pages that the document does not go in whole at this budget.
const filler = ' Unrelated words about nothing in particular.'.repeat(40);

function importedDocument(): StoredDocument {
  return {
    id: 'doc-1',
    title: 'Port notes',
    format: 'text',
    bytes: 1000,
    pages: texts.map((t, i) => ({ number: i + 1, text: t + filler, scanned: false })),
    words: 300,
    chunks: texts.map((t, i) => ({ index: i, page: i + 1, start: 0, end: t.length, text: t })),
    notices: { javascript: false, embeddedFiles: 0 },
    // Made on another device with another model: 3 wide, not comparable.
    embedder: { repo: 'someone/other-embedder', dimensions: 3 },
    addedAt: 1,
  };
}

describe('vectors of another embedding model', () => {
  it('are rebuilt from the stored passages with the current model, stored, and searched; the next question embeds only itself', async () => {
    const worker = new LoopbackEmbedder();
    const store = memoryStore();
    await store.put(importedDocument(), { dimensions: 3, vectors: new Float32Array(9).fill(0.5) });
    const service = createDocumentService({ reader: () => worker, embedder: () => worker, probe: async () => NO_GPU, devicePreference: () => 'wasm', store });
    const progress: RebuildProgress[] = [];

    const first = await service.retrieve('What does the zinc ledger say?', ['doc-1'], 256, (p) => progress.push(p));

    expect(first.rebuilt).toBe(1);
    expect(first.embeddedTexts).toBe(4);
    expect(first.passages[0]?.text).toBe(texts[1]);
    // The stored passages, with the model's passage prefix, then the question with its query prefix.
    expect(worker.embedded[0]).toEqual(texts.map((t) => `${EMBEDDER?.embedding?.passagePrefix ?? ''}${t}`));
    expect(worker.embedded[1]).toEqual([`${EMBEDDER?.embedding?.queryPrefix ?? ''}What does the zinc ledger say?`]);
    expect(progress[0]).toEqual({ title: 'Port notes', done: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ title: 'Port notes', done: 3, total: 3 });
    const stored = store.rows.get('doc-1');
    expect(stored?.document.embedder).toEqual({ repo: EMBEDDER?.repo, dimensions: WORDS.length });
    expect(stored?.vectors.dimensions).toBe(WORDS.length);
    expect([...(stored?.vectors.vectors.subarray(WORDS.length, 2 * WORDS.length) ?? [])]).toEqual([0, 1, 1, 0, 0, 0]);

    const again = await service.retrieve('When was the ferry late?', ['doc-1'], 256);
    expect(again.rebuilt).toBeUndefined();
    expect(again.embeddedTexts).toBe(1);
    expect(again.passages[0]?.text).toBe(texts[2]);
    expect(worker.embedded).toHaveLength(3);
  });
});
