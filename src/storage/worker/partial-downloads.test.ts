import 'fake-indexeddb/auto';
import { createStore, keys } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createPartialDownloads } from './partial-downloads';

const URL_A = 'https://huggingface.co/org/m/resolve/main/onnx/model_q4.onnx';
const FILE = { total: 10, sha256: 'a'.repeat(64) };
const bytes = async (blobs: Blob[]) => [...new Uint8Array(await new Blob(blobs).arrayBuffer())];

describe('partial downloads in IndexedDB', () => {
  it('keeps each segment as its own record and gives them back in order', async () => {
    const store = createStore(`partials-${Math.random()}`, 'partials');
    const partials = createPartialDownloads(store);
    await partials.append(URL_A, 0, new Blob([new Uint8Array([1, 2, 3])]), FILE);
    await partials.append(URL_A, 3, new Blob([new Uint8Array([4, 5])]), FILE);
    // Not where it ends: ignored.
    await partials.append(URL_A, 9, new Blob([new Uint8Array([9])]), FILE);
    const partial = await partials.get(URL_A);
    expect(partial).toMatchObject({ bytes: 5, total: 10, sha256: FILE.sha256 });
    expect(await bytes(partial?.segments ?? [])).toEqual([1, 2, 3, 4, 5]);
    expect((await keys(store)).map(String).sort()).toEqual([URL_A, `${URL_A}#0`, `${URL_A}#1`]);

    await partials.delete(URL_A);
    expect(await partials.get(URL_A)).toBeUndefined();
    expect(await keys(store)).toEqual([]);
  });

  it('starts over, dropping the old segments, when the file changed on the Hub', async () => {
    const store = createStore(`partials-${Math.random()}`, 'partials');
    const partials = createPartialDownloads(store);
    await partials.append(URL_A, 0, new Blob([new Uint8Array([1, 2, 3])]), FILE);
    await partials.append(URL_A, 0, new Blob([new Uint8Array([7])]), { total: 10, sha256: 'b'.repeat(64) });
    const partial = await partials.get(URL_A);
    expect(partial?.sha256).toBe('b'.repeat(64));
    expect(await bytes(partial?.segments ?? [])).toEqual([7]);
    expect((await keys(store)).map(String).sort()).toEqual([URL_A, `${URL_A}#0`]);
  });
});
