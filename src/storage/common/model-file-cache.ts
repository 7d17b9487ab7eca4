// Model files in IndexedDB (idb-keyval), shaped as the Cache-like object transformers.js accepts as env.customCache.

import { del, delMany, entries, get, keys, set, type UseStore } from 'idb-keyval';
import { sensaStore } from './database';

export interface StoredModelFile {
  blob: Blob;
  contentType: string;
  bytes: number;
  storedAt: number;
}

export interface ModelFileCache {
  match(key: string | Request): Promise<Response | undefined>;
  put(key: string | Request, response: Response): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Every cached URL that starts with `prefix` (a repo's resolve URL). */
  keysUnder(prefix: string): Promise<string[]>;
  /** Every cached file's URL, size and time stored; the Blobs themselves are not read. */
  list(): Promise<{ url: string; bytes: number; storedAt: number }[]>;
  deleteMany(urls: string[]): Promise<void>;
}

export function openModelFileStore(): UseStore {
  return sensaStore('model-files');
}

function keyOf(key: string | Request): string {
  return typeof key === 'string' ? key : key.url;
}

export function createModelFileCache(
  store: UseStore = openModelFileStore(),
  hooks: { onPut?: (key: string, bytes: number) => void; onPutFailed?: (key: string, bytes: number, error: unknown) => void } = {},
): ModelFileCache {
  return {
    async match(key) {
      const stored = await get<StoredModelFile>(keyOf(key), store);
      // A record without a Blob is what a half-finished write or an older layout leaves: treat as a miss.
      if (!stored || !(stored.blob instanceof Blob) || stored.blob.size !== stored.bytes) return undefined;
      return new Response(stored.blob, {
        status: 200,
        headers: { 'content-type': stored.contentType, 'content-length': String(stored.bytes) },
      });
    },
    async put(key, response) {
      const blob = await response.blob();
      const record: StoredModelFile = {
        blob,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        bytes: blob.size,
        storedAt: Date.now(),
      };
      try {
        await set(keyOf(key), record, store);
      } catch (error) {
        // transformers.js only logs a failed cache write and carries on: report it, or a full disk goes unnoticed.
        hooks.onPutFailed?.(keyOf(key), blob.size, error);
        throw error;
      }
      hooks.onPut?.(keyOf(key), blob.size);
    },
    async delete(key) {
      const existed = (await get(key, store)) !== undefined;
      await del(key, store);
      return existed;
    },
    async list() {
      const all = await entries<IDBValidKey, StoredModelFile>(store);
      return all.flatMap(([key, value]) =>
        typeof key === 'string' && value && typeof value.bytes === 'number' ? [{ url: key, bytes: value.bytes, storedAt: value.storedAt }] : [],
      );
    },
    async deleteMany(urls) {
      await delMany(urls, store);
    },
    async keysUnder(prefix) {
      const all = await keys<IDBValidKey>(store);
      return all.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix));
    },
  };
}
