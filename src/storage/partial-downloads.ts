// The bytes of model files whose download was cut off, kept so the next attempt asks only for the rest (HTTP Range).

import { createStore, del, get, set, type UseStore } from 'idb-keyval';

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
  return createStore('sensa-partial-downloads', 'partials');
}

function isPartial(value: unknown): value is PartialDownload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.segments) && typeof v.bytes === 'number' && typeof v.total === 'number' && typeof v.sha256 === 'string';
}

export function createPartialDownloads(store: UseStore = openPartialDownloadStore()): PartialDownloads {
  // Appends for one URL must not interleave: each reads what the last one wrote.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async get(url) {
      const value = await get<unknown>(url, store);
      return isPartial(value) ? value : undefined;
    },
    append(url, start, segment, file) {
      return serial(async () => {
        const current = await get<unknown>(url, store);
        const base = isPartial(current) && current.sha256 === file.sha256 ? current : { segments: [], bytes: 0, total: file.total, sha256: file.sha256 };
        if (base.bytes !== start) return;
        await set(url, { ...base, segments: [...base.segments, segment], bytes: base.bytes + segment.size }, store);
      });
    },
    delete(url) {
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
  };
}
