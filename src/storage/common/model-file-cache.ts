// Model files in IndexedDB (idb-keyval), shaped as the Cache-like object transformers.js accepts as env.customCache.

import { del, delMany, entries, get, getMany, keys, set, type UseStore } from 'idb-keyval';
import { sensaStore } from './database';

/**
 * A file is stored one of two ways. `blob`: written whole by transformers.js' cache put (small files, and any file
 * without a published sha256). `segments`: a checked download's resume checkpoints, `<url>#0..n-1` Blobs in the
 * partial-downloads store, adopted as the stored file once the whole file arrived and matched its sha256, so a
 * large file is written to disk once rather than once as checkpoints and again whole.
 */
export type StoredModelFile = { contentType: string; bytes: number; storedAt: number } & ({ blob: Blob; segments?: undefined } | { segments: number; blob?: undefined });

/** Where segment n of a download of `url` is kept (the partial-downloads store), whether still partial or adopted. */
export const segmentKey = (url: string, n: number) => `${url}#${n}`;
const segmentKeys = (url: string, count: number) => Array.from({ length: count }, (_, n) => segmentKey(url, n));

export interface ModelFileCache {
  match(key: string | Request): Promise<Response | undefined>;
  put(key: string | Request, response: Response): Promise<void>;
  /**
   * Makes a finished, checked download's checkpoints (segments `<url>#0..count-1` in the segment store) the stored
   * file: one small record, no second write of the bytes. The caller has checked length and sha256.
   */
  adopt(url: string, file: { segments: number; bytes: number; contentType: string }): Promise<void>;
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
  segmentStore: UseStore = sensaStore('partial-downloads'),
): ModelFileCache {
  /** The segments' keys of the stored records among `urls` (read first, so a delete can remove them too). */
  const segmentsOf = async (urls: string[]) => {
    const records = await getMany<StoredModelFile | undefined>(urls, store);
    return records.flatMap((r, i) => (r && typeof r.segments === 'number' ? segmentKeys(urls[i] ?? '', r.segments) : []));
  };
  return {
    async match(key) {
      const stored = await get<StoredModelFile>(keyOf(key), store);
      if (!stored) return undefined;
      let blob: Blob | undefined = stored.blob;
      if (typeof stored.segments === 'number') {
        const parts = await getMany<unknown>(segmentKeys(keyOf(key), stored.segments), segmentStore);
        // A segment gone (storage cleared underneath, or a write that never finished): a miss, downloaded again.
        blob = parts.every((p): p is Blob => p instanceof Blob) ? new Blob(parts, { type: stored.contentType }) : undefined;
      }
      // A record without a Blob is what a half-finished write or an older layout leaves: treat as a miss.
      if (!(blob instanceof Blob) || blob.size !== stored.bytes) return undefined;
      return new Response(blob, {
        status: 200,
        headers: { 'content-type': stored.contentType, 'content-length': String(stored.bytes) },
      });
    },
    async adopt(url, file) {
      const record: StoredModelFile = { segments: file.segments, contentType: file.contentType, bytes: file.bytes, storedAt: Date.now() };
      try {
        await set(url, record, store);
      } catch (error) {
        hooks.onPutFailed?.(url, file.bytes, error);
        throw error;
      }
      hooks.onPut?.(url, file.bytes);
    },
    async put(key, response) {
      const blob = await response.blob();
      // Replacing an adopted download: its segments would otherwise stay behind, unreachable.
      const stale = await segmentsOf([keyOf(key)]).catch(() => []);
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
      if (stale.length) await delMany(stale, segmentStore).catch(() => undefined);
      hooks.onPut?.(keyOf(key), blob.size);
    },
    async delete(key) {
      const existed = (await get(key, store)) !== undefined;
      const segments = await segmentsOf([key]);
      await del(key, store);
      if (segments.length) await delMany(segments, segmentStore);
      return existed;
    },
    async list() {
      const all = await entries<IDBValidKey, StoredModelFile>(store);
      return all.flatMap(([key, value]) =>
        typeof key === 'string' && value && typeof value.bytes === 'number' ? [{ url: key, bytes: value.bytes, storedAt: value.storedAt }] : [],
      );
    },
    async deleteMany(urls) {
      const segments = await segmentsOf(urls);
      await delMany(urls, store);
      if (segments.length) await delMany(segments, segmentStore);
    },
    async keysUnder(prefix) {
      const all = await keys<IDBValidKey>(store);
      return all.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix));
    },
  };
}
