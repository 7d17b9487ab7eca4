// What the app has written to IndexedDB, read from inside the page: conversations as stored, each attachment's bytes
// and each model file as sha256s. One in-page reader serves every question.

import type { Page } from '@playwright/test';

export interface StoredBlobDigest {
  type: string;
  sha256: string;
  bytes: number;
}

export interface StoredMediaDigest {
  images: StoredBlobDigest[];
  pcm?: StoredBlobDigest;
  thumbnail?: StoredBlobDigest;
}

export interface StoredData {
  conversations: Record<string, unknown>;
  media: Record<string, StoredMediaDigest>;
}

interface ReadRequest {
  store: string;
  /** One record, or every record when absent. */
  key?: string;
  /** Keys only: no values are read, so no Blob is hashed. */
  keysOnly?: boolean;
}

/**
 * Reads one store of the app's database as [key, value] pairs, every Blob in a value replaced by its type, size and
 * sha256 (Blobs cannot leave the page). The database is opened without creating it: creating it here would leave it
 * with no stores for the app to upgrade. No database or no such store reads as empty.
 */
function readStore(page: Page, request: ReadRequest): Promise<[string, unknown][]> {
  return page.evaluate(async ({ store, key, keysOnly }) => {
    const digest = async (blob: Blob) => ({
      type: blob.type,
      bytes: blob.size,
      sha256: [...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join(''),
    });
    const withDigests = async (value: unknown): Promise<unknown> => {
      if (value instanceof Blob) return digest(value);
      if (Array.isArray(value)) return Promise.all(value.map(withDigests));
      if (value && typeof value === 'object') {
        const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await withDigests(v)] as const));
        return Object.fromEntries(entries);
      }
      return value;
    };
    const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
      const open = indexedDB.open('sensa');
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onerror = (event) => {
        event.preventDefault();
        if (open.error?.name === 'AbortError') resolve(null);
        else reject(open.error);
      };
      open.onsuccess = () => resolve(open.result);
    });
    if (!db) return [];
    try {
      if (!db.objectStoreNames.contains(store)) return [];
      const objects = db.transaction(store).objectStore(store);
      const done = <T>(request: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const range = key === undefined ? undefined : IDBKeyRange.only(key);
      const [keys, values] = await Promise.all([done(objects.getAllKeys(range)), keysOnly ? Promise.resolve([]) : done(objects.getAll(range))]);
      return Promise.all(keys.map(async (k, i): Promise<[string, unknown]> => [String(k), keysOnly ? null : await withDigests(values[i])]));
    } finally {
      db.close();
    }
  }, request);
}

export async function readStoredData(page: Page): Promise<StoredData> {
  const conversations = Object.fromEntries(await readStore(page, { store: 'conversations' }));
  // The bytes only, as digests: when and how a record was stored is not what the specs compare.
  const media: Record<string, StoredMediaDigest> = {};
  for (const [id, value] of await readStore(page, { store: 'media' })) {
    const { images, pcm, thumbnail } = value as StoredMediaDigest;
    media[id] = { images, ...(pcm ? { pcm } : {}), ...(thumbnail ? { thumbnail } : {}) };
  }
  return { conversations, media };
}

/** The URL of every model file the app stored. */
export async function cachedModelUrls(page: Page): Promise<string[]> {
  return (await readStore(page, { store: 'model-files', keysOnly: true })).map(([key]) => key);
}

/**
 * The sha256 and size of one model file as the app stored it in its IndexedDB model cache; null if absent. A checked
 * download is stored as its checkpoints (`segments`: `<url>#0..n-1` in partial-downloads, see model-file-cache.ts):
 * then the file is those Blobs joined, and read as such.
 */
export async function cachedModelFile(page: Page, url: string): Promise<{ bytes: number; sha256: string } | null> {
  const [entry] = await readStore(page, { store: 'model-files', key: url });
  const record = entry?.[1] as { blob?: StoredBlobDigest; segments?: number } | undefined;
  if (typeof record?.segments === 'number') return joinedSegments(page, url, record.segments);
  const blob = record?.blob;
  return blob ? { bytes: blob.bytes, sha256: blob.sha256 } : null;
}

/** The segments `<url>#0..count-1` of the partial-downloads store joined in order: size and sha256; null if one is missing. */
function joinedSegments(page: Page, url: string, count: number): Promise<{ bytes: number; sha256: string } | null> {
  return page.evaluate(
    async ({ url, count }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('sensa');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        const objects = db.transaction('partial-downloads').objectStore('partial-downloads');
        const parts = await Promise.all(
          Array.from({ length: count }, (_, n) => new Promise<unknown>((resolve, reject) => {
            const request = objects.get(`${url}#${n}`);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          })),
        );
        if (!parts.every((p): p is Blob => p instanceof Blob)) return null;
        const joined = new Blob(parts);
        const digest = await crypto.subtle.digest('SHA-256', await joined.arrayBuffer());
        return { bytes: joined.size, sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('') };
      } finally {
        db.close();
      }
    },
    { url, count },
  );
}
