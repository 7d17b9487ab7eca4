// Checks every model file as it streams in from the Hub: not a web page, the promised length, and the sha256 where the Hub gives one.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { AppError } from '../shared/errors';

const RESOLVE = /^https:\/\/(?:[\w-]+\.)?(?:huggingface\.co|hf\.co)\/[^/]+\/[^/]+\/resolve\/[^/]+\/(.+)$/;

/** What the response promises about the file, from the Hub's LFS headers or plain HTTP. */
export function expectations(headers: Headers): { bytes: number | null; sha256: string | null } {
  const linkedSize = Number(headers.get('x-linked-size'));
  const length = Number(headers.get('content-length'));
  const bytes = Number.isFinite(linkedSize) && linkedSize > 0 ? linkedSize : Number.isFinite(length) && length > 0 ? length : null;
  // LFS files carry their sha256 as x-linked-etag (quoted, sometimes weak); git-stored files carry a sha1 etag, not usable here.
  const etag = headers.get('x-linked-etag')?.replace(/^W\//, '').replace(/"/g, '') ?? '';
  return { bytes, sha256: /^[0-9a-f]{64}$/i.test(etag) ? etag.toLowerCase() : null };
}

/**
 * Wraps fetch for transformers.js (env.fetch). Only full downloads of Hub files are checked; range
 * probes and other URLs pass through. A failed check errors the body stream, so transformers.js
 * never finishes reading the file and never hands it to the cache.
 */
export function createVerifiedFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const file = RESOLVE.exec(url)?.[1];
    const ranged = new Headers(init?.headers).has('range');
    if (!file || ranged || response.status !== 200 || !response.body) return response;

    if (/text\/html/i.test(response.headers.get('content-type') ?? '') && !file.endsWith('.html')) {
      await response.body.cancel().catch(() => undefined);
      throw new AppError('model-corrupt', `${decodeURIComponent(file)} came back as a web page instead of the file (a login page, a proxy or a captive portal?).`);
    }
    const expected = expectations(response.headers);
    const hash = expected.sha256 ? sha256.create() : null;
    let received = 0;
    const checked = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          received += chunk.byteLength;
          hash?.update(chunk);
          controller.enqueue(chunk);
        },
        flush(controller) {
          if (expected.bytes !== null && received !== expected.bytes) {
            controller.error(new AppError('model-corrupt', `${decodeURIComponent(file)} is incomplete: ${received} of ${expected.bytes} bytes arrived.`));
            return;
          }
          if (hash && expected.sha256 && bytesToHex(hash.digest()) !== expected.sha256) {
            controller.error(new AppError('model-corrupt', `${decodeURIComponent(file)} does not match its published sha256.`));
          }
        },
      }),
    );
    return new Response(checked, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
