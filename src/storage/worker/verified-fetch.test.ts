import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryPartialDownloads } from './partial-downloads';
import { createVerifiedFetch, expectations } from './verified-fetch';

const URL_ONNX = 'https://huggingface.co/org/model/resolve/main/onnx/model_q4.onnx';
const body = new TextEncoder().encode('0123456789'.repeat(100));
const sha = createHash('sha256').update(body).digest('hex');

function serve(bytes: Uint8Array, headers: Record<string, string>, status = 200): typeof fetch {
  return async () => new Response(bytes as Uint8Array<ArrayBuffer>, { status, headers });
}

describe('verified model downloads', () => {
  it('reads the Hub’s LFS promises', () => {
    expect(expectations(new Headers({ 'x-linked-size': '5', 'content-length': '9', 'x-linked-etag': `"${sha}"` }))).toEqual({ bytes: 5, sha256: sha });
    expect(expectations(new Headers({ 'content-length': '9', etag: '"abc"' }))).toEqual({ bytes: 9, sha256: null });
    // What a storage host answers after the Hub's redirect: no x-linked-*, the sha256 as its etag.
    expect(expectations(new Headers({ 'content-length': '9', etag: `"${sha}"` }))).toEqual({ bytes: 9, sha256: sha });
    expect(expectations(new Headers({ etag: '"0123456789abcdef0123456789abcdef01234567"' })).sha256).toBeNull();
  });

  it('passes a file that matches its length and sha256, bytes unchanged', async () => {
    const verified = createVerifiedFetch(serve(body, { 'x-linked-size': String(body.length), 'x-linked-etag': `"${sha}"` }));
    const got = new Uint8Array(await (await verified(URL_ONNX)).arrayBuffer());
    expect(got).toEqual(body);
  });

  it('rejects a web page served where a model file should be', async () => {
    const verified = createVerifiedFetch(serve(new TextEncoder().encode('<html>Sign in</html>'), { 'content-type': 'text/html; charset=utf-8' }));
    await expect(verified(URL_ONNX)).rejects.toMatchObject({ code: 'model-corrupt', message: expect.stringMatching(/web page/) });
  });

  it('rejects a body shorter than the Hub said, as a transfer problem (a retry resumes it)', async () => {
    const verified = createVerifiedFetch(serve(body.subarray(0, 600), { 'x-linked-size': String(body.length) }));
    const response = await verified(URL_ONNX);
    await expect(response.arrayBuffer()).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/600 of 1000/) });
  });

  it('rejects bytes that do not hash to the published sha256', async () => {
    const tampered = body.slice();
    tampered[10] = 0;
    const verified = createVerifiedFetch(serve(tampered, { 'x-linked-size': String(body.length), 'x-linked-etag': `"${sha}"` }));
    await expect((await verified(URL_ONNX)).arrayBuffer()).rejects.toMatchObject({ message: expect.stringMatching(/sha256/) });
  });

  it('leaves range probes, errors and other hosts alone', async () => {
    const short = createVerifiedFetch(serve(body.subarray(0, 1), { 'x-linked-size': '1000', 'content-type': 'text/html' }));
    await expect((await short(URL_ONNX, { headers: { Range: 'bytes=0-0' } })).arrayBuffer()).resolves.toBeDefined();
    await expect((await short('http://127.0.0.1/assets/app.js')).arrayBuffer()).resolves.toBeDefined();
    const missing = createVerifiedFetch(serve(new Uint8Array(), {}, 404));
    expect((await missing(URL_ONNX)).status).toBe(404);
  });

  describe('resuming a cut-off download', () => {
    const lfs = { 'x-linked-size': String(body.length), 'x-linked-etag': `"${sha}"` };

    /** A host that honours Range, recording each request's range header. */
    function rangedHost(seen: (string | null)[]): typeof fetch {
      return async (_input, init) => {
        const range = new Headers(init?.headers).get('range');
        seen.push(range);
        const from = range ? Number(/bytes=(\d+)-/.exec(range)?.[1]) : 0;
        const slice = body.subarray(from);
        return range
          ? new Response(slice as Uint8Array<ArrayBuffer>, { status: 206, headers: { ...lfs, 'content-range': `bytes ${from}-${body.length - 1}/${body.length}` } })
          : new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers: lfs });
      };
    }

    it('keeps what arrived and asks only for the rest next time, checking the whole file', async () => {
      const partials = createMemoryPartialDownloads();
      const cut = createVerifiedFetch(serve(body.subarray(0, 600), lfs), partials);
      await expect((await cut(URL_ONNX)).arrayBuffer()).rejects.toMatchObject({ message: expect.stringMatching(/600 of 1000/) });
      // What arrived is kept without holding up the error: wait for the stored part itself.
      await expect.poll(() => partials.items.get(URL_ONNX)?.bytes).toBe(600);

      const seen: (string | null)[] = [];
      const resumed = createVerifiedFetch(rangedHost(seen), partials);
      const response = await resumed(URL_ONNX);
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(body);
      expect(seen).toEqual(['bytes=600-']);
      expect(partials.items.has(URL_ONNX)).toBe(false);
    });

    it('starts over when the host ignores the range', async () => {
      const partials = createMemoryPartialDownloads();
      await partials.append(URL_ONNX, 0, new Blob([body.subarray(0, 600) as Uint8Array<ArrayBuffer>]), { total: body.length, sha256: sha });
      const verified = createVerifiedFetch(serve(body, lfs), partials);
      expect(new Uint8Array(await (await verified(URL_ONNX)).arrayBuffer())).toEqual(body);
    });

    it('drops stored bytes that do not belong to the file, and says the file is damaged', async () => {
      const partials = createMemoryPartialDownloads();
      await partials.append(URL_ONNX, 0, new Blob([new Uint8Array(600)]), { total: body.length, sha256: sha });
      const verified = createVerifiedFetch(rangedHost([]), partials);
      await expect((await verified(URL_ONNX)).arrayBuffer()).rejects.toMatchObject({ message: expect.stringMatching(/sha256/) });
      expect(partials.items.has(URL_ONNX)).toBe(false);
    });
  });

  it('checks against the Hub API listing when the headers say nothing (after the real Hub’s redirect)', async () => {
    const tampered = body.slice();
    tampered[3] = 0;
    const listing = async () => ({ bytes: body.length, sha256: sha });
    const verified = createVerifiedFetch(serve(tampered, { 'content-length': String(body.length) }), undefined, listing);
    await expect((await verified(URL_ONNX)).arrayBuffer()).rejects.toMatchObject({ message: expect.stringMatching(/sha256/) });
    const good = createVerifiedFetch(serve(body, { 'content-length': String(body.length) }), undefined, listing);
    expect(new Uint8Array(await (await good(URL_ONNX)).arrayBuffer())).toEqual(body);
  });
});
