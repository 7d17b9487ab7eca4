// The share target's receiving end, in the service worker: reads the form the system share sheet posts and keeps it in the Cache API for the page.
//
// Only the service worker imports this file, and it imports nothing: sw.js stays one file. A module a module service
// worker imports is fetched again at every update check, which offline would reach the network (e2e/offline.spec.ts
// forbids that). The page's side, share-inbox.ts, therefore repeats the few names both must agree on;
// share-inbox.test.ts proves they do, by taking what storeShare stored.

/** Where the manifest's share_target posts (public/manifest.webmanifest names the same path and field names). */
export const SHARE_TARGET_PATH = '/share-target';
/** The query the service worker redirects to: `/?shared=<id>`, or `/?shared=failed` when nothing could be kept. */
export const SHARED_PARAM = 'shared';
export const SHARE_FAILED = 'failed';
/** The manifest's `params.files[].name`: every shared file arrives under this one field. */
export const SHARED_FILES_FIELD = 'media';
/**
 * Its own cache, apart from the app shell's versioned one (which an update deletes): a share received just before an
 * update must survive it. The Cache API rather than IndexedDB because the service worker already speaks it and a
 * Response keeps a file's bytes and type as they came; the shared database would need a version step for a mailbox.
 */
export const SHARE_CACHE = 'sensa-share';

/** Where a share's record (i undefined) and its files are kept. */
export function shareKey(id: string, i?: number): string {
  return `/${SHARE_CACHE}/${encodeURIComponent(id)}${i === undefined ? '' : `/${i}`}`;
}

export interface SharedItems {
  title: string;
  text: string;
  url: string;
  files: File[];
}

/** What the cache keeps beside the files: the page rebuilds each File from it. */
export interface StoredShare {
  title: string;
  text: string;
  url: string;
  files: { name: string; type: string; lastModified: number }[];
}

/** The shared form, as Chromium posts it: title, text and url as strings, files under SHARED_FILES_FIELD. Empty files are dropped. */
export function parseSharedForm(form: FormData): SharedItems {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const files = form.getAll(SHARED_FILES_FIELD).filter((value): value is File => typeof value !== 'string' && value.size > 0);
  return { title: field('title'), text: field('text'), url: field('url'), files };
}

export function isEmptyShare(share: SharedItems): boolean {
  return share.files.length === 0 && !share.title && !share.text && !share.url;
}

/** Keeps one share under its id until the page takes it. */
export async function storeShare(caches: Pick<CacheStorage, 'open'>, id: string, share: SharedItems): Promise<void> {
  const cache = await caches.open(SHARE_CACHE);
  await Promise.all(share.files.map((file, i) => cache.put(shareKey(id, i), new Response(file, { headers: { 'Content-Type': file.type || 'application/octet-stream' } }))));
  const stored: StoredShare = { title: share.title, text: share.text, url: share.url, files: share.files.map((f) => ({ name: f.name, type: f.type, lastModified: f.lastModified })) };
  // Written last: a share whose files did not all land is never offered.
  await cache.put(shareKey(id), new Response(JSON.stringify(stored), { headers: { 'Content-Type': 'application/json' } }));
}
