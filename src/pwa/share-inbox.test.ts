import { describe, expect, it } from 'vitest';
import * as target from './share-target';
import * as inbox from './share-inbox';
import { clearShares, sharedMessage, takeShare } from './share-inbox';
import { storeShare } from './share-target';

/** The Cache API's shape over a Map, enough for put, match, delete and dropping the whole cache (Node has no CacheStorage). */
function memoryCaches() {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    const store = stores.get(name) ?? new Map<string, Response>();
    stores.set(name, store);
    return {
      put: async (key: string, response: Response) => void store.set(key, response),
      match: async (key: string) => store.get(key)?.clone(),
      delete: async (key: string) => store.delete(key),
    } as unknown as Cache;
  };
  return { stores, open, delete: async (name: string) => stores.delete(name) };
}

describe('the share inbox', () => {
  it('names the cache, the query and the keys as the service worker does', () => {
    expect([inbox.SHARE_CACHE, inbox.SHARED_PARAM, inbox.SHARE_FAILED]).toEqual([target.SHARE_CACHE, target.SHARED_PARAM, target.SHARE_FAILED]);
    expect([inbox.shareKey('a b'), inbox.shareKey('a b', 2)]).toEqual([target.shareKey('a b'), target.shareKey('a b', 2)]);
  });

  it('writes title, text and link once each, in reading order', () => {
    expect(sharedMessage({ title: 'Article', text: 'Worth a read', url: 'https://example.org/a' })).toBe('Article\nWorth a read\nhttps://example.org/a');
    // Android puts the link inside text; some apps repeat the title there.
    expect(sharedMessage({ title: '', text: 'Worth a read https://example.org/a', url: 'https://example.org/a' })).toBe('Worth a read https://example.org/a');
    expect(sharedMessage({ title: 'Article', text: 'Article', url: '' })).toBe('Article');
    expect(sharedMessage({ title: '', text: '', url: '' })).toBe('');
  });

  it('keeps a share until the page takes it, with its bytes, names and types, and takes it only once', async () => {
    const caches = memoryCaches();
    const picture = new File([new Uint8Array([137, 80, 78, 71])], 'beach.png', { type: 'image/png', lastModified: 1_700_000_000_000 });
    const notes = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    await storeShare(caches, 'one', { title: '', text: 'Hi', url: '', files: [picture, notes] });

    const taken = await takeShare(caches, 'one');
    expect(taken?.text).toBe('Hi');
    expect(taken?.files.map((f) => [f.name, f.type, f.size])).toEqual([
      ['beach.png', 'image/png', 4],
      ['notes.txt', 'text/plain', 5],
    ]);
    expect(taken?.files[0]?.lastModified).toBe(1_700_000_000_000);
    expect([...new Uint8Array(await taken!.files[0]!.arrayBuffer())]).toEqual([137, 80, 78, 71]);
    expect(await taken!.files[1]!.text()).toBe('hello');
    // Taken means gone: a reload does not attach it again.
    expect(await takeShare(caches, 'one')).toBeUndefined();
    expect(caches.stores.get('sensa-share')?.size).toBe(0);
  });

  it('offers no share whose files did not all land, and clears shares never taken', async () => {
    const caches = memoryCaches();
    const cache = await caches.open('sensa-share');
    // Only a file, no record: storeShare writes the record last, so this is a share cut short.
    await cache.put('/sensa-share/half/0', new Response('x'));
    expect(await takeShare(caches, 'half')).toBeUndefined();
    await storeShare(caches, 'left', { title: 'Old', text: '', url: '', files: [] });
    await clearShares(caches);
    expect(await takeShare(caches, 'left')).toBeUndefined();
  });
});
