// Attachment bytes in IndexedDB: what the models read (prepared images, video frames, 16 kHz samples), keyed by attachment id.

import { delMany, entries, get, set, setMany, type UseStore } from 'idb-keyval';
import { sensaStore } from '../common/database';

export interface StoredMedia {
  /** An image: one prepared picture. A video: its sampled frames, in order. */
  images: Blob[];
  /** Mono float32 samples at 16 kHz: an audio clip, or a video's soundtrack. */
  pcm?: Blob;
  /** A small picture for the message list: the image itself scaled down, or a video's first frame. */
  thumbnail?: Blob;
  /** When it was prepared; pruning spares recent items, which may belong to another tab's unsent draft. */
  storedAt?: number;
  /**
   * Written by an import, which stores the conversations right after: unlike a draft's, such an item has no
   * reason to wait out the grace period once nothing references it (an import cut off between the two writes).
   */
  imported?: boolean;
}

export interface MediaStore {
  put(id: string, media: StoredMedia): Promise<void>;
  /** Stores an import's attachments in one transaction, marked as imported. */
  putImported(items: ReadonlyMap<string, StoredMedia>): Promise<void>;
  get(id: string): Promise<StoredMedia | undefined>;
  /** Removes every item not in `keep` that is older than `olderThan` (ms since epoch) or imported; returns how many went. */
  prune(keep: ReadonlySet<string>, olderThan: number): Promise<number>;
}

export function openMediaIdbStore(): UseStore {
  return sensaStore('media');
}

function isStoredMedia(value: unknown): value is StoredMedia {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.images) && v.images.every((b) => b instanceof Blob) && (v.pcm === undefined || v.pcm instanceof Blob);
}

export function createMediaStore(store: UseStore = openMediaIdbStore()): MediaStore {
  return {
    put: (id, media) => set(id, { ...media, storedAt: media.storedAt ?? Date.now() }, store),
    putImported: (items) => setMany([...items].map(([id, media]) => [id, { ...media, storedAt: Date.now(), imported: true }]), store),
    async get(id) {
      const value = await get<unknown>(id, store);
      return isStoredMedia(value) ? value : undefined;
    },
    async prune(keep, olderThan) {
      const doomed: string[] = [];
      for (const [key, value] of await entries(store)) {
        const id = String(key);
        if (keep.has(id)) continue;
        if (!isStoredMedia(value) || (value.storedAt ?? 0) < olderThan || value.imported) doomed.push(id);
      }
      if (doomed.length > 0) await delMany(doomed, store);
      return doomed.length;
    },
  };
}

/** In-memory stand-in for tests and for browsers where IndexedDB is unavailable (private modes). */
export function createMemoryMediaStore(): MediaStore & { items: Map<string, StoredMedia> } {
  const items = new Map<string, StoredMedia>();
  return {
    items,
    async put(id, media) {
      items.set(id, { ...media, storedAt: media.storedAt ?? Date.now() });
    },
    async putImported(imported) {
      for (const [id, media] of imported) items.set(id, { ...media, storedAt: Date.now(), imported: true });
    },
    async get(id) {
      return items.get(id);
    },
    async prune(keep, olderThan) {
      let removed = 0;
      for (const [id, media] of [...items.entries()]) {
        if (!keep.has(id) && ((media.storedAt ?? 0) < olderThan || media.imported)) {
          items.delete(id);
          removed += 1;
        }
      }
      return removed;
    },
  };
}
