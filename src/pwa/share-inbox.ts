// The share target's page side: takes what the service worker kept (src/pwa/share-target.ts) and turns it into files and text for a new chat.

import type { SharedItems, StoredShare } from './share-target';

// Repeated from share-target.ts, which must stay out of the page's bundle (see there); share-inbox.test.ts checks both agree.
export const SHARED_PARAM = 'shared';
export const SHARE_FAILED = 'failed';
export const SHARE_CACHE = 'sensa-share';
export function shareKey(id: string, i?: number): string {
  return `/${SHARE_CACHE}/${encodeURIComponent(id)}${i === undefined ? '' : `/${i}`}`;
}

/**
 * What goes into the message box. Apps fill the three fields unevenly (Android puts a page's URL in `text`, some
 * repeat the title there), so each is kept once, in the order a person would read them.
 */
export function sharedMessage(share: Pick<SharedItems, 'title' | 'text' | 'url'>): string {
  const parts: string[] = [];
  for (const part of [share.title, share.text, share.url]) {
    if (part && !parts.some((p) => p.includes(part))) parts.push(part);
  }
  return parts.join('\n');
}

/** The share with this id, removed from the cache as it is taken (a reload must not attach it twice); undefined if there is none. */
export async function takeShare(caches: Pick<CacheStorage, 'open'>, id: string): Promise<SharedItems | undefined> {
  const cache = await caches.open(SHARE_CACHE);
  const record = await cache.match(shareKey(id));
  if (!record) return undefined;
  const stored = (await record.json()) as StoredShare;
  const files = await Promise.all(
    stored.files.map(async (f, i) => {
      const response = await cache.match(shareKey(id, i));
      return response ? new File([await response.blob()], f.name, { type: f.type, lastModified: f.lastModified }) : undefined;
    }),
  );
  await Promise.all([cache.delete(shareKey(id)), ...stored.files.map((_, i) => cache.delete(shareKey(id, i)))]);
  return { title: stored.title, text: stored.text, url: stored.url, files: files.filter((f): f is File => f !== undefined) };
}

/** Drops shares never taken (their window closed before the app opened): they are not to be attached later by surprise. */
export async function clearShares(caches: Pick<CacheStorage, 'delete'>): Promise<void> {
  await caches.delete(SHARE_CACHE);
}
