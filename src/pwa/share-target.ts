// What the system share sheet hands Sensa: read from the share target's form in the service worker, kept in the Cache API until the page takes it.

/** Where the manifest's share_target posts (public/manifest.webmanifest names the same path and field names). */
export const SHARE_TARGET_PATH = '/share-target';
/** The query the service worker redirects to: `/?shared=<id>`, or `/?shared=failed` when the form could not be read. */
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

export interface SharedItems {
  title: string;
  text: string;
  url: string;
  files: File[];
}

interface StoredShare {
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

/**
 * What goes into the message box. Apps fill the three fields unevenly (Android puts a page's URL in `text`, some
 * put the title in `text` too), so each is kept once, in the order a person would read them.
 */
export function sharedMessage(share: Pick<SharedItems, 'title' | 'text' | 'url'>): string {
  const parts: string[] = [];
  for (const part of [share.title, share.text, share.url]) {
    if (part && !parts.some((p) => p.includes(part))) parts.push(part);
  }
  return parts.join('\n');
}

export function isEmptyShare(share: SharedItems): boolean {
  return share.files.length === 0 && sharedMessage(share) === '';
}

type Caches = Pick<CacheStorage, 'open'>;

const base = (id: string) => `/${SHARE_CACHE}/${encodeURIComponent(id)}`;

/** Keeps one share under its id until the page takes it. */
export async function storeShare(caches: Caches, id: string, share: SharedItems): Promise<void> {
  const cache = await caches.open(SHARE_CACHE);
  await Promise.all(share.files.map((file, i) => cache.put(`${base(id)}/${i}`, new Response(file, { headers: { 'Content-Type': file.type || 'application/octet-stream' } }))));
  const stored: StoredShare = { title: share.title, text: share.text, url: share.url, files: share.files.map((f) => ({ name: f.name, type: f.type, lastModified: f.lastModified })) };
  // Written last: a share whose files did not all land is never offered.
  await cache.put(base(id), new Response(JSON.stringify(stored), { headers: { 'Content-Type': 'application/json' } }));
}

/** The share with this id, removed from the cache as it is taken (a reload must not attach it twice); undefined if there is none. */
export async function takeShare(caches: Caches, id: string): Promise<SharedItems | undefined> {
  const cache = await caches.open(SHARE_CACHE);
  const meta = await cache.match(base(id));
  if (!meta) return undefined;
  const stored = (await meta.json()) as StoredShare;
  const files = await Promise.all(
    stored.files.map(async (f, i) => {
      const response = await cache.match(`${base(id)}/${i}`);
      return response ? new File([await response.blob()], f.name, { type: f.type, lastModified: f.lastModified }) : undefined;
    }),
  );
  await Promise.all([cache.delete(base(id)), ...stored.files.map((_, i) => cache.delete(`${base(id)}/${i}`))]);
  return { title: stored.title, text: stored.text, url: stored.url, files: files.filter((f): f is File => f !== undefined) };
}

/** Shares the page never took (it was closed before it opened): anything here is older than the share being taken now. */
export async function clearShares(caches: Pick<CacheStorage, 'delete'>): Promise<void> {
  await caches.delete(SHARE_CACHE);
}
