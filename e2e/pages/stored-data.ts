// What the app has written to IndexedDB, read from inside the page: conversations as stored, and each attachment's bytes as sha256s.

import type { Page } from '@playwright/test';

export interface StoredBlobDigest {
  type: string;
  sha256: string;
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

export function readStoredData(page: Page): Promise<StoredData> {
  return page.evaluate(async () => {
    // The app's one database; opened without creating it, which would leave it with no stores for the app to upgrade.
    const readAll = (storeName: string) =>
      new Promise<[string, unknown][]>((resolve, reject) => {
        const open = indexedDB.open('sensa');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = (event) => {
          event.preventDefault();
          if (open.error?.name === 'AbortError') resolve([]);
          else reject(open.error);
        };
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(storeName)) {
            db.close();
            resolve([]);
            return;
          }
          const store = db.transaction(storeName).objectStore(storeName);
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            db.close();
            resolve(keys.result.map((k, i) => [String(k), values.result[i]]));
          };
          values.onerror = () => reject(values.error);
        };
      });
    const digest = async (blob: Blob) => ({
      type: blob.type,
      sha256: [...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join(''),
    });
    const conversations = Object.fromEntries(await readAll('conversations'));
    const media: Record<string, { images: { type: string; sha256: string }[]; pcm?: { type: string; sha256: string }; thumbnail?: { type: string; sha256: string } }> = {};
    for (const [id, value] of await readAll('media')) {
      const item = value as { images: Blob[]; pcm?: Blob; thumbnail?: Blob };
      media[id] = {
        images: await Promise.all(item.images.map(digest)),
        ...(item.pcm ? { pcm: await digest(item.pcm) } : {}),
        ...(item.thumbnail ? { thumbnail: await digest(item.thumbnail) } : {}),
      };
    }
    return { conversations, media };
  });
}

/** The sha256 and size of one model file as the app stored it in its IndexedDB model cache; null if absent. */
export function cachedModelFile(page: Page, url: string): Promise<{ bytes: number; sha256: string } | null> {
  return page.evaluate(
    (url) =>
      new Promise<{ bytes: number; sha256: string } | null>((resolve, reject) => {
        const open = indexedDB.open('sensa');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = (event) => {
          event.preventDefault();
          if (open.error?.name === 'AbortError') resolve(null);
          else reject(open.error);
        };
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('model-files')) {
            db.close();
            return resolve(null);
          }
          const request = db.transaction('model-files').objectStore('model-files').get(url);
          request.onsuccess = async () => {
            db.close();
            const record = request.result as { blob?: Blob } | undefined;
            if (!record?.blob) return resolve(null);
            const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await record.blob.arrayBuffer()));
            resolve({ bytes: record.blob.size, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') });
          };
          request.onerror = () => reject(request.error);
        };
      }),
    url,
  );
}
