import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createModelFileCache } from './model-file-cache';

const URL_A = 'https://huggingface.co/org/m/resolve/main/onnx/model_q4.onnx';
let dbCount = 0;
const fresh = (onPut?: (key: string) => void) => createModelFileCache(createStore(`test-${dbCount++}`, 'files'), onPut ? { onPut } : {});

describe('IndexedDB model file cache', () => {
  it('misses on an unknown URL', async () => {
    expect(await fresh().match(URL_A)).toBeUndefined();
  });

  it('gives back the exact bytes with content-length and type', async () => {
    const cache = fresh();
    const bytes = new Uint8Array([1, 2, 3, 250]);
    await cache.put(URL_A, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
    const hit = await cache.match(URL_A);
    expect(hit?.headers.get('content-length')).toBe('4');
    expect(hit?.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await hit!.arrayBuffer())).toEqual(bytes);
  });

  it('accepts Request keys as transformers.js may pass them', async () => {
    const cache = fresh();
    await cache.put(new Request(URL_A), new Response('x'));
    expect(await (await cache.match(URL_A))?.text()).toBe('x');
  });

  it('reports each write, lists a repo, and deletes', async () => {
    const written: string[] = [];
    const cache = fresh((k) => written.push(k));
    await cache.put(URL_A, new Response('a'));
    await cache.put('https://huggingface.co/other/m/resolve/main/config.json', new Response('{}'));
    expect(written).toHaveLength(2);
    expect(await cache.keysUnder('https://huggingface.co/org/m/')).toEqual([URL_A]);
    expect(await cache.delete(URL_A)).toBe(true);
    expect(await cache.match(URL_A)).toBeUndefined();
    expect(await cache.delete(URL_A)).toBe(false);
  });
});

describe('a full disk', () => {
  it('reports the refused write with its size, and still throws so the caller knows', async () => {
    const full: Parameters<typeof createModelFileCache>[0] = (mode, callback) => {
      if (mode === 'readwrite') return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return createStore(`full-${dbCount++}`, 'files')(mode, callback);
    };
    const refused: [string, number, string][] = [];
    const cache = createModelFileCache(full, { onPutFailed: (key, bytes, error) => refused.push([key, bytes, (error as DOMException).name]) });
    await expect(cache.put(URL_A, new Response(new Uint8Array(1234)))).rejects.toThrow(/quota/);
    expect(refused).toEqual([[URL_A, 1234, 'QuotaExceededError']]);
    expect(await cache.match(URL_A)).toBeUndefined();
  });
});
