// The bytes of model files whose download was cut off, kept so the next attempt asks only for the rest (HTTP Range).

import { del, delMany, get, getMany, setMany, type UseStore } from 'idb-keyval';
import { sensaStore } from '../common/database';
import { segmentKey, type ModelFileCache } from '../common/model-file-cache';

export interface PartialDownload {
  /** What arrived so far, in order; appended as the download goes so a closed tab loses little. */
  segments: Blob[];
  bytes: number;
  /** The whole file's size and sha256 as the Hub stated them: a resume must be of the same file. */
  total: number;
  sha256: string;
}

export interface PartialDownloads {
  get(url: string): Promise<PartialDownload | undefined>;
  /** Adds bytes to the end of a partial download (creating it); ignored if `start` is not where it ends. */
  append(url: string, start: number, segment: Blob, file: { total: number; sha256: string }): Promise<void>;
  delete(url: string): Promise<void>;
  /** How many segments hold the whole file, once every byte of it is stored; undefined until then. */
  finished(url: string): Promise<{ segments: number; bytes: number } | undefined>;
  /** Forgets the download's facts but keeps its segments: the model file cache now owns them (see adoptFinished). */
  release(url: string): Promise<void>;
}

/**
 * A checked download that finished with every byte in its checkpoints becomes the stored file as it is: the cache
 * gets a record naming the segments, and nothing is written twice. False (the caller stores the file the ordinary
 * way) when a checkpoint write had failed or the store is not the cache's (the in-memory one).
 */
export async function adoptFinished(partials: PartialDownloads, cache: Pick<ModelFileCache, 'adopt'>, url: string, contentType: string): Promise<boolean> {
  const done = await partials.finished(url).catch(() => undefined);
  if (!done) return false;
  // The record first: should the release not happen, the leftover facts say "complete" and are never resumed from.
  await cache.adopt(url, { segments: done.segments, bytes: done.bytes, contentType });
  await partials.release(url).catch(() => undefined);
  return true;
}

export function openPartialDownloadStore(): UseStore {
  return sensaStore('partial-downloads');
}

/**
 * What is stored under the file's URL: the facts, without the bytes. Each segment is a record of its own
 * (`<url>#<n>`): storing them in one growing array would make IndexedDB write every earlier segment again on
 * each append, gigabytes for one large file.
 */
interface StoredPartial {
  segmentCount: number;
  bytes: number;
  total: number;
  sha256: string;
}

function isStoredPartial(value: unknown): value is StoredPartial {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.segmentCount === 'number' && typeof v.bytes === 'number' && typeof v.total === 'number' && typeof v.sha256 === 'string';
}

export function createPartialDownloads(store: UseStore = openPartialDownloadStore()): PartialDownloads {
  // Appends for one URL must not interleave: each reads what the last one wrote.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const segmentKeys = (url: string, meta: StoredPartial) => Array.from({ length: meta.segmentCount }, (_, n) => segmentKey(url, n));
  return {
    async get(url) {
      const meta = await get<unknown>(url, store);
      if (!isStoredPartial(meta)) return undefined;
      const segments = await getMany<unknown>(segmentKeys(url, meta), store);
      // A segment missing or not a Blob (storage cleared underneath): nothing here can be trusted.
      if (!segments.every((b): b is Blob => b instanceof Blob)) return undefined;
      return { segments, bytes: meta.bytes, total: meta.total, sha256: meta.sha256 };
    },
    append(url, start, segment, file) {
      return serial(async () => {
        const current = await get<unknown>(url, store);
        const same = isStoredPartial(current) && current.sha256 === file.sha256;
        const base: StoredPartial = same ? current : { segmentCount: 0, bytes: 0, total: file.total, sha256: file.sha256 };
        if (base.bytes !== start) return;
        if (!same && isStoredPartial(current)) await delMany(segmentKeys(url, current), store);
        // The segment and the facts that count it go in one transaction.
        await setMany(
          [
            [segmentKey(url, base.segmentCount), segment],
            [url, { ...base, segmentCount: base.segmentCount + 1, bytes: base.bytes + segment.size }],
          ],
          store,
        );
      });
    },
    delete(url) {
      return serial(async () => {
        const meta = await get<unknown>(url, store);
        await delMany([url, ...(isStoredPartial(meta) ? segmentKeys(url, meta) : [])], store);
      });
    },
    finished(url) {
      return serial(async () => {
        const meta = await get<unknown>(url, store);
        if (!isStoredPartial(meta) || meta.bytes !== meta.total) return undefined;
        return { segments: meta.segmentCount, bytes: meta.bytes };
      });
    },
    release(url) {
      return serial(() => del(url, store));
    },
  };
}

/** For tests and for browsers without IndexedDB: the same contract in memory. */
export function createMemoryPartialDownloads(): PartialDownloads & { items: Map<string, PartialDownload> } {
  const items = new Map<string, PartialDownload>();
  return {
    items,
    async get(url) {
      return items.get(url);
    },
    async append(url, start, segment, file) {
      const current = items.get(url);
      const base = current && current.sha256 === file.sha256 ? current : { segments: [], bytes: 0, total: file.total, sha256: file.sha256 };
      if (base.bytes !== start) return;
      items.set(url, { ...base, segments: [...base.segments, segment], bytes: base.bytes + segment.size });
    },
    async delete(url) {
      items.delete(url);
    },
    async finished(url) {
      const item = items.get(url);
      return item && item.bytes === item.total ? { segments: item.segments.length, bytes: item.bytes } : undefined;
    },
    async release(url) {
      items.delete(url);
    },
  };
}
