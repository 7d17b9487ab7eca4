// The document library in IndexedDB: each document's text and chunks, and apart from them its vectors; a document and its vectors are written and deleted in one transaction.

import type { DocumentSummary, StoredDocument } from '../../domain/document';
import { sensaDatabase, type SensaDatabase } from '../common/database';

/** A document's binary parts, kept apart from its text so listing the library never reads them. */
export interface StoredVectors {
  dimensions: number;
  /** Row i is chunk i's vector. */
  vectors: Float32Array;
  /** The PDF as it was attached, for drawing a cited page; absent for other formats, locked or large PDFs, imports. */
  original?: Blob;
}

export interface DocumentStore {
  put(document: StoredDocument, vectors: StoredVectors): Promise<void>;
  get(id: string): Promise<StoredDocument | undefined>;
  vectors(id: string): Promise<StoredVectors | undefined>;
  list(): Promise<DocumentSummary[]>;
  /** Removes the document and its vectors together. */
  delete(id: string): Promise<void>;
}

/** What a document costs in storage: its text twice (pages and chunks, as UTF-16 in memory), its vectors and its original PDF. */
export function storedBytes(document: StoredDocument, vectors?: StoredVectors): number {
  const text = document.pages.reduce((n, p) => n + p.text.length, 0) + document.chunks.reduce((n, c) => n + c.text.length, 0);
  return text * 2 + (vectors?.vectors.byteLength ?? 0) + (vectors?.original?.size ?? 0);
}

export function summarize(document: StoredDocument, vectors?: StoredVectors): DocumentSummary {
  return {
    id: document.id,
    title: document.title,
    format: document.format,
    bytes: document.bytes,
    pageCount: document.pages.length,
    scannedPages: document.pages.filter((p) => p.scanned).length,
    words: document.words,
    chunkCount: document.chunks.length,
    storedBytes: storedBytes(document, vectors),
    notices: document.notices,
    addedAt: document.addedAt,
    ...(document.timings ? { timings: document.timings } : {}),
  };
}

function isStoredDocument(value: unknown): value is StoredDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && Array.isArray(v.pages) && Array.isArray(v.chunks) && typeof v.title === 'string';
}

function isStoredVectors(value: unknown): value is StoredVectors {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.dimensions === 'number' && v.vectors instanceof Float32Array;
}

export function createDocumentStore(database: () => Promise<SensaDatabase> = sensaDatabase): DocumentStore {
  return {
    async put(document, vectors) {
      const { db } = await database();
      const tx = db.transaction(['documents', 'document-vectors'], 'readwrite');
      await Promise.all([tx.objectStore('documents').put(document, document.id), tx.objectStore('document-vectors').put(vectors, document.id), tx.done]);
    },
    async get(id) {
      const { db } = await database();
      const value = await db.get('documents', id);
      return isStoredDocument(value) ? value : undefined;
    },
    async vectors(id) {
      const { db } = await database();
      const value = await db.get('document-vectors', id);
      return isStoredVectors(value) ? value : undefined;
    },
    async list() {
      const { db } = await database();
      const tx = db.transaction(['documents', 'document-vectors']);
      const documents = (await tx.objectStore('documents').getAll()).filter(isStoredDocument);
      const summaries = await Promise.all(
        documents.map(async (d) => {
          const v = await tx.objectStore('document-vectors').get(d.id);
          return summarize(d, isStoredVectors(v) ? v : undefined);
        }),
      );
      return summaries.sort((a, b) => b.addedAt - a.addedAt);
    },
    async delete(id) {
      const { db } = await database();
      const tx = db.transaction(['documents', 'document-vectors'], 'readwrite');
      await Promise.all([tx.objectStore('documents').delete(id), tx.objectStore('document-vectors').delete(id), tx.done]);
    },
  };
}
