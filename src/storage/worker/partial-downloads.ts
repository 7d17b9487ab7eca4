// The bytes of model files whose download was cut off, kept so the next attempt asks only for the rest (HTTP Range).

import { delMany, get, getMany, setMany, type UseStore } from 'idb-keyval';
import { sensaStore } from '../common/database';

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

const segmentKey = (url: string, n: number) => `${url}#${n}`;

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
  };
}
