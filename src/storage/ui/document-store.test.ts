import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './document-store';
import { openSensaDatabase } from '../common/database';
import type { StoredDocument } from '../../domain/document';

const doc = (id: string, addedAt = 1): StoredDocument => ({
  id,
  title: `Doc ${id}`,
  format: 'pdf',
  bytes: 1000,
  pages: [
    { number: 1, text: 'hello world', scanned: false },
    { number: 2, text: '', scanned: true },
  ],
  words: 2,
  chunks: [{ index: 0, page: 1, start: 0, end: 11, text: 'hello world' }],
  notices: { javascript: false, embeddedFiles: 0 },
  embedder: { repo: 'Xenova/multilingual-e5-small', dimensions: 3 },
  addedAt,
});

let n = 0;
const fresh = () => {
  const name = `docs-${n++}`;
  return { name, store: createDocumentStore(() => openSensaDatabase(name, { legacy: [] })) };
};

describe('document store', () => {
  it('keeps a document and its vectors, lists it with its size, and deletes both together', async () => {
    const { store } = fresh();
    await store.put(doc('a'), { dimensions: 3, vectors: new Float32Array([1, 0, 0]) });
    await store.put(doc('b', 2), { dimensions: 3, vectors: new Float32Array([0, 1, 0]) });
    expect((await store.vectors('a'))?.vectors).toEqual(new Float32Array([1, 0, 0]));
    const listed = await store.list();
    expect(listed.map((d) => [d.id, d.pageCount, d.scannedPages, d.chunkCount])).toEqual([
      ['b', 2, 1, 1],
      ['a', 2, 1, 1],
    ]);
    // 22 characters of text as UTF-16, and three float32s.
    expect(listed[0]?.storedBytes).toBe(22 * 2 + 12);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.vectors('a')).toBeUndefined();
    expect((await store.list()).map((d) => d.id)).toEqual(['b']);
  });

  it('adds its stores to a version-1 database without losing what it held', async () => {
    const name = `docs-upgrade-${n++}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        for (const s of ['conversations', 'media', 'model-files', 'partial-downloads', 'revision-pins', 'meta']) db.createObjectStore(s);
      },
    });
    await v1.put('conversations', { id: 'c1', title: 'kept' }, 'c1');
    v1.close();
    const { db } = await openSensaDatabase(name, { legacy: [] });
    expect(db.version).toBe(2);
    expect(await db.get('conversations', 'c1')).toEqual({ id: 'c1', title: 'kept' });
    const store = createDocumentStore(async () => ({ db, ready: async () => undefined }));
    await store.put(doc('x'), { dimensions: 3, vectors: new Float32Array(3) });
    expect((await store.list()).map((d) => d.id)).toEqual(['x']);
  });
});
