// One write per model file: a checked download's checkpoints become the stored file (adoptFinished), in IndexedDB.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { createStore, del, entries, keys } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createModelFileCache } from '../common/model-file-cache';
import { adoptFinished, createPartialDownloads } from './partial-downloads';
import { createVerifiedFetch } from './verified-fetch';

const URL_ONNX = 'https://huggingface.co/org/model/resolve/main/onnx/model_q4.onnx';
const body = new Uint8Array(1000).map((_, i) => (i * 7) % 251);
const lfs = { 'x-linked-size': String(body.length), 'x-linked-etag': `"${createHash('sha256').update(body).digest('hex')}"`, 'content-type': 'application/octet-stream' };

function setup() {
  const id = Math.random();
  const segmentStore = createStore(`segments-${id}`, 'partials');
  const fileStore = createStore(`files-${id}`, 'files');
  const written: [string, number][] = [];
  const cache = createModelFileCache(fileStore, { onPut: (key, bytes) => written.push([key, bytes]) }, segmentStore);
  const partials = createPartialDownloads(segmentStore);
  const adopt = (url: string, type: string) => adoptFinished(partials, cache, url, type);
  return { segmentStore, fileStore, cache, partials, adopt, written };
}

describe('a checked download is stored once', () => {
  it('keeps the checkpoints as the stored file: a record naming them, the bytes never written again', async () => {
    const { segmentStore, fileStore, cache, partials, adopt, written } = setup();
    const verified = createVerifiedFetch(async () => new Response(body, { headers: lfs }), partials, undefined, adopt);
    expect(new Uint8Array(await (await verified(URL_ONNX)).arrayBuffer())).toEqual(body);

    // What transformers.js does next: match first, and put only on a miss. It hits, so nothing is written again.
    const hit = await cache.match(URL_ONNX);
    expect(new Uint8Array(await hit!.arrayBuffer())).toEqual(body);
    expect(hit?.headers.get('content-length')).toBe('1000');
    const record = ((await entries(fileStore)) as [string, Record<string, unknown>][])[0]?.[1];
    expect(record).toMatchObject({ segments: 1, bytes: 1000 });
    expect(record).not.toHaveProperty('blob');
    // The partial's facts are gone (nothing to resume), the segment stays: the file is made of it.
    expect(await partials.get(URL_ONNX)).toBeUndefined();
    expect((await keys(segmentStore)).map(String)).toEqual([`${URL_ONNX}#0`]);
    expect(written).toEqual([[URL_ONNX, 1000]]);
    expect(await cache.list()).toMatchObject([{ url: URL_ONNX, bytes: 1000 }]);

    // Deleting the file deletes its segments.
    await cache.deleteMany([URL_ONNX]);
    expect(await keys(segmentStore)).toEqual([]);
    expect(await cache.match(URL_ONNX)).toBeUndefined();
  });

  it('a resumed download: the first part kept from the cut, the rest appended, adopted whole', async () => {
    const { segmentStore, cache, partials, adopt } = setup();
    const cut = createVerifiedFetch(async () => new Response(body.subarray(0, 600), { headers: lfs }), partials, undefined, adopt);
    await expect((await cut(URL_ONNX)).arrayBuffer()).rejects.toMatchObject({ message: expect.stringMatching(/600 of 1000/) });
    await expect.poll(async () => (await partials.get(URL_ONNX))?.bytes).toBe(600);

    const rest = createVerifiedFetch(
      async () => new Response(body.subarray(600), { status: 206, headers: { ...lfs, 'content-range': `bytes 600-999/1000` } }),
      partials,
      undefined,
      adopt,
    );
    expect(new Uint8Array(await (await rest(URL_ONNX)).arrayBuffer())).toEqual(body);
    expect(new Uint8Array(await (await cache.match(URL_ONNX))!.arrayBuffer())).toEqual(body);
    expect((await keys(segmentStore)).map(String).sort()).toEqual([`${URL_ONNX}#0`, `${URL_ONNX}#1`]);
  });

  it('a lost segment is a miss (downloaded again), and an ordinary put replaces the record and its segments', async () => {
    const { segmentStore, cache, partials, adopt } = setup();
    const verified = createVerifiedFetch(async () => new Response(body, { headers: lfs }), partials, undefined, adopt);
    await (await verified(URL_ONNX)).arrayBuffer();
    await cache.put(URL_ONNX, new Response(body));
    expect(await keys(segmentStore)).toEqual([]);
    expect(new Uint8Array(await (await cache.match(URL_ONNX))!.arrayBuffer())).toEqual(body);

    await (await createVerifiedFetch(async () => new Response(body, { headers: lfs }), partials, undefined, adopt)(URL_ONNX)).arrayBuffer();
    await del(`${URL_ONNX}#0`, segmentStore);
    expect(await cache.match(URL_ONNX)).toBeUndefined();
  });
});
