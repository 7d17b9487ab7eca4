// The documents feature's one surface for the rest of the app: read and embed a file into the library, list,
// delete, and retrieve passages for a question. Reading runs in the reader worker, embedding in the embedder worker.

import { AppError } from '../shared/errors';
import { newId } from '../shared/ids';
import { RpcClient, type WorkerLike } from '../shared/rpc';
import type { Attachment } from '../domain/conversation';
import type { DocumentSummary, Retrieval, StoredDocument } from '../domain/document';
import type { ModelSpec } from '../domain/model';
import { EMBEDDER } from '../models/catalog';
import type { Capabilities } from '../models/capabilities';
import { chooseVariant, type DevicePreference } from '../models/variant';
import type { EmbedderFigures, EmbedderRpc } from '../worker/embed-protocol';
import type { LoadEvent } from '../worker/protocol';
import { createDocumentStore, summarize, type DocumentStore } from '../storage/ui/document-store';
import type { ReaderRpc } from './worker/reader-protocol';
import { DOCUMENT_LIMITS } from './limits';
import { packPassages, rankChunks, wholeDocuments, type IndexedChunk } from './retrieval';

export type IngestProgress =
  | { phase: 'reading'; read: number; total: number }
  | { phase: 'loading-embedder'; loaded: number; total: number }
  | { phase: 'embedding'; done: number; total: number };

/** A document whose vectors came from another embedding model, embedded again from its stored passages. */
export interface RebuildProgress {
  title: string;
  done: number;
  total: number;
}

export interface DocumentService {
  /**
   * Reads, chunks, embeds and stores a file; returns the attachment that stands for it in a message. A locked PDF fails
   * with `password-required` until it is given its password, which is used for this read only.
   */
  ingest(file: File, onProgress: (progress: IngestProgress) => void, options?: { signal?: AbortSignal; password?: string }): Promise<Attachment>;
  list(): Promise<DocumentSummary[]>;
  get(id: string): Promise<StoredDocument | undefined>;
  delete(id: string): Promise<void>;
  /** The PDF as it was attached, when it was kept (see DOCUMENT_LIMITS.maxStoredOriginalBytes). */
  original(id: string): Promise<Blob | undefined>;
  /** A document with its vectors, for an export. */
  exportable(id: string): Promise<{ document: StoredDocument; dimensions: number; vectors: Float32Array } | undefined>;
  /** Stores imported documents with the vectors they came with (none is read or embedded again). */
  putImported(documents: Iterable<{ document: StoredDocument; dimensions: number; vectors: Float32Array }>): Promise<void>;
  /**
   * Passages of these documents for the question, within the budget; documents that fit go in whole. A document
   * whose vectors came from another embedding model (an import from a device with another catalog) is embedded
   * again from its stored passages with the current model, stored, and then searched; `onRebuild` follows that.
   */
  retrieve(question: string, documentIds: readonly string[], budgetTokens: number, onRebuild?: (progress: RebuildProgress) => void): Promise<Retrieval>;
}

export interface DocumentServiceDeps {
  reader: () => WorkerLike;
  embedder: () => WorkerLike;
  probe: () => Promise<Capabilities>;
  devicePreference: () => DevicePreference;
  store?: DocumentStore;
  model?: ModelSpec | undefined;
}

export function documentAttachment(summary: DocumentSummary): Attachment {
  return {
    id: newId(),
    kind: 'document',
    documentId: summary.id,
    name: summary.title,
    format: summary.format,
    bytes: summary.bytes,
    pages: summary.pageCount,
    words: summary.words,
    ...(summary.scannedPages > 0 ? { scannedPages: summary.scannedPages } : {}),
    ...(summary.notices.javascript ? { javascript: true } : {}),
    ...(summary.notices.embeddedFiles > 0 ? { embeddedFiles: summary.notices.embeddedFiles } : {}),
  };
}

export function spawnReaderWorker(): WorkerLike {
  return new Worker(new URL('./worker/reader-worker.ts', import.meta.url), { type: 'module', name: 'sensa-reader' });
}

export function spawnEmbedderWorker(): WorkerLike {
  return new Worker(new URL('../worker/embed-entry.ts', import.meta.url), { type: 'module', name: 'sensa-embedder' });
}

export function createDocumentService({ reader, embedder, probe, devicePreference, store = createDocumentStore(), model = EMBEDDER }: DocumentServiceDeps): DocumentService {
  // Reading and embedding cannot stop halfway inside pdf.js or ONNX Runtime: aborting either means a fresh worker.
  const readerRpc = new RpcClient<ReaderRpc>(reader, 'The document reader', { read: 'restart' });
  const embedderRpc = new RpcClient<EmbedderRpc>(embedder, 'The embedding engine', { 'load-embedder': 'restart', embed: 'restart' });
  let loading: Promise<number> | null = null;
  const cache = new Map<string, { document: StoredDocument; vectors: Float32Array; dimensions: number }>();

  const embedderSpec = (): ModelSpec => {
    if (!model?.embedding) throw new AppError('model-not-found', 'No embedding model is listed in the catalog.');
    return model;
  };

  /** Loads the embedder once; a failed load is forgotten so the next call tries again. */
  const ensureEmbedder = (onEvent?: (event: LoadEvent) => void): Promise<number> => {
    if (!loading) {
      const spec = embedderSpec();
      const attempt = (async () => {
        const choice = chooseVariant(await probe(), spec, devicePreference());
        if (!choice) throw new AppError('no-webgpu', `${spec.name} has no variant that runs on this device.`);
        const result = await embedderRpc.call(
          'load-embedder',
          { repo: spec.repo, revision: spec.revision, architecture: spec.architecture, device: choice.device, dtype: choice.dtype, pooling: spec.embedding?.pooling ?? 'mean' },
          { ...(onEvent ? { onEvent } : {}) },
        );
        return result.dimensions;
      })();
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = null;
      });
    }
    return loading;
  };

  const embed = async (texts: string[], kind: 'query' | 'passage', onDone?: (done: number, total: number) => void, signal?: AbortSignal) => {
    const spec = embedderSpec();
    await ensureEmbedder();
    const prefix = kind === 'query' ? (spec.embedding?.queryPrefix ?? '') : (spec.embedding?.passagePrefix ?? '');
    return embedderRpc.call('embed', { texts, prefix }, { ...(signal ? { signal } : {}), onEvent: (e) => onDone?.(e.done, e.total) });
  };

  const load = async (id: string) => {
    const hit = cache.get(id);
    if (hit) return hit;
    const [document, vectors] = await Promise.all([store.get(id), store.vectors(id)]);
    if (!document || !vectors) return null;
    const entry = { document, vectors: vectors.vectors, dimensions: vectors.dimensions };
    cache.set(id, entry);
    return entry;
  };

  return {
    async ingest(file, onProgress, { signal, password } = {}) {
      const read = await readerRpc.call('read', { file, name: file.name, ...(password !== undefined ? { password } : {}) }, { ...(signal ? { signal } : {}), onEvent: (e) => onProgress({ phase: 'reading', read: e.read, total: e.total }) });
      const spec = embedderSpec();
      const dimensions = await ensureEmbedder((e) => {
        if (e.type === 'download') onProgress({ phase: 'loading-embedder', loaded: e.loaded, total: e.total });
      });
      onProgress({ phase: 'embedding', done: 0, total: read.chunks.length });
      const embedded = read.chunks.length > 0 ? await embed(read.chunks.map((c) => c.text), 'passage', (done, total) => onProgress({ phase: 'embedding', done, total }), signal) : { vectors: new Float32Array(0), ms: 0 };
      const document: StoredDocument = {
        id: newId(),
        title: read.title,
        format: read.format,
        bytes: file.size,
        pages: read.pages,
        words: read.words,
        chunks: read.chunks,
        notices: read.notices,
        embedder: { repo: spec.repo, dimensions },
        addedAt: Date.now(),
        timings: { readMs: read.ms, embedMs: embedded.ms },
      };
      // A locked PDF's bytes stay encrypted and its password is never kept: its page could not be drawn later.
      const keep = read.format === 'pdf' && password === undefined && file.size <= DOCUMENT_LIMITS.maxStoredOriginalBytes;
      const vectors = { dimensions, vectors: embedded.vectors, ...(keep ? { original: file.slice(0, file.size, 'application/pdf') } : {}) };
      await store.put(document, vectors);
      cache.set(document.id, { document, vectors: embedded.vectors, dimensions });
      return documentAttachment(summarize(document, vectors));
    },

    list: () => store.list(),

    async original(id) {
      return (await store.vectors(id))?.original;
    },

    async get(id) {
      return (await load(id))?.document ?? store.get(id);
    },

    async delete(id) {
      cache.delete(id);
      await store.delete(id);
    },

    async exportable(id) {
      const entry = await load(id);
      return entry ? { document: entry.document, dimensions: entry.dimensions, vectors: entry.vectors } : undefined;
    },

    async putImported(documents) {
      for (const { document, dimensions, vectors } of documents) {
        await store.put(document, { dimensions, vectors });
        cache.delete(document.id);
      }
    },

    async retrieve(question, documentIds, budgetTokens, onRebuild) {
      const wanted = [...new Set(documentIds)];
      const loaded = (await Promise.all(wanted.map(load))).filter((d) => d !== null);
      const missing = wanted.length - loaded.length;
      const gone = missing > 0 ? { missing } : {};
      if (loaded.length === 0) return { passages: [], mode: 'whole', embeddedTexts: 0, pagesRead: 0, ...gone };
      const whole = wholeDocuments(
        loaded.map((d) => ({ id: d.document.id, title: d.document.title, pages: d.document.pages })),
        budgetTokens,
      );
      if (whole) return { passages: whole, mode: 'whole', embeddedTexts: 0, pagesRead: 0, ...gone };
      const spec = embedderSpec();
      const dimensions = await ensureEmbedder();
      // Vectors of another model never compare with this one's question: rebuilt from the stored passages, never
      // mixed in. Checked by the model's name and size, since two models can share a width.
      const searchable: typeof loaded = [];
      let rebuiltTexts = 0;
      let rebuilt = 0;
      for (const entry of loaded) {
        if (entry.document.embedder.repo === spec.repo && entry.dimensions === dimensions) {
          searchable.push(entry);
          continue;
        }
        const { document } = entry;
        const total = document.chunks.length;
        onRebuild?.({ title: document.title, done: 0, total });
        const embedded = total > 0 ? await embed(document.chunks.map((c) => c.text), 'passage', (done) => onRebuild?.({ title: document.title, done, total })) : { vectors: new Float32Array(0), dimensions, ms: 0 };
        const fresh: StoredDocument = { ...document, embedder: { repo: spec.repo, dimensions }, timings: { readMs: document.timings?.readMs ?? 0, embedMs: embedded.ms } };
        const original = (await store.vectors(document.id))?.original;
        await store.put(fresh, { dimensions, vectors: embedded.vectors, ...(original ? { original } : {}) });
        const next = { document: fresh, vectors: embedded.vectors, dimensions };
        cache.set(document.id, next);
        searchable.push(next);
        rebuiltTexts += total;
        rebuilt += 1;
      }
      const asked = await embed([question], 'query');
      const chunks: IndexedChunk[] = searchable.flatMap(({ document, vectors, dimensions: width }) =>
        document.chunks.map((chunk, i) => ({ documentId: document.id, title: document.title, chunk, vector: vectors.subarray(i * width, (i + 1) * width) })),
      );
      const ranked = await rankChunks(chunks, { text: question, vector: asked.vectors }, 24);
      return {
        passages: packPassages(ranked, budgetTokens),
        mode: 'retrieved',
        embeddedTexts: 1 + rebuiltTexts,
        pagesRead: 0,
        engine: asked.figures,
        ...(rebuilt > 0 ? { rebuilt } : {}),
        ...gone,
      };
    },
  };
}

export type { EmbedderFigures };
