// Checks every model file as it streams in from the Hub: not a web page, the promised length, and the sha256 where the Hub gives one.

import { createSHA256 } from 'hash-wasm';
import { AppError } from '../../shared/errors';
import type { ListedFile } from '../common/hub-listing';
import type { PartialDownload, PartialDownloads } from './partial-downloads';

/**
 * A file this check refused: it never reaches the cache. The files that did reach it in the same load passed
 * the same checks, so a failed load may keep them for the next attempt.
 */
export class DownloadRejected extends AppError {
  constructor(message: string, code: 'model-corrupt' | 'network' = 'model-corrupt') {
    super(code, message);
  }
}

const RESOLVE = /^https:\/\/(?:[\w-]+\.)?(?:huggingface\.co|hf\.co)\/[^/]+\/[^/]+\/resolve\/[^/]+\/(.+)$/;

/** What the response promises about the file, from the Hub's LFS headers or plain HTTP. */
export function expectations(headers: Headers): { bytes: number | null; sha256: string | null } {
  const linkedSize = Number(headers.get('x-linked-size'));
  const length = Number(headers.get('content-length'));
  const bytes = Number.isFinite(linkedSize) && linkedSize > 0 ? linkedSize : Number.isFinite(length) && length > 0 ? length : null;
  // LFS files carry their sha256 as x-linked-etag (quoted, sometimes weak). After the real Hub's redirect only the
  // storage host's own etag is visible, which is the sha256 where it is 64 hex digits; git files' sha1 etags are not used.
  const clean = (value: string | null) => value?.replace(/^W\//, '').replace(/"/g, '') ?? '';
  const sha = [clean(headers.get('x-linked-etag')), clean(headers.get('etag'))].find((e) => /^[0-9a-f]{64}$/i.test(e));
  return { bytes, sha256: sha ? sha.toLowerCase() : null };
}

/** How much arrives between writes of a partial download to IndexedDB: a closed tab loses at most this. */
const PERSIST_EVERY = 16 * 1024 * 1024;

function withRange(headers: HeadersInit | undefined, from: number): Headers {
  const next = new Headers(headers);
  next.set('range', `bytes=${from}-`);
  return next;
}

/** "bytes 500-999/1000" → { start: 500, total: 1000 }. */
function contentRange(headers: Headers): { start: number; total: number } | null {
  const match = /^bytes (\d+)-\d+\/(\d+)$/.exec(headers.get('content-range') ?? '');
  return match ? { start: Number(match[1]), total: Number(match[2]) } : null;
}

/** The stored bytes, then the rest from the network, as one stream. */
function concatenate(parts: Blob[], rest: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const streams = [...parts.map((b) => b.stream() as ReadableStream<Uint8Array>), rest];
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (!reader) {
          const next = streams.shift();
          if (!next) return controller.close();
          reader = next.getReader();
        }
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        reader = null;
      }
    },
    cancel(reason) {
      return reader?.cancel(reason);
    },
  });
}

/**
 * Wraps fetch for transformers.js (env.fetch). Only full downloads of Hub files are checked; range
 * probes and other URLs pass through. A failed check errors the body stream, so transformers.js
 * never finishes reading the file and never hands it to the cache.
 *
 * A download of a file with a published sha256 that is cut off keeps what arrived (`partials`); the
 * next request for it asks only for the rest with HTTP Range and checks the whole file as one.
 */
export function createVerifiedFetch(
  base: typeof fetch = fetch,
  partials?: PartialDownloads,
  lookup?: (url: string) => Promise<ListedFile | undefined>,
  /**
   * Called once a kept file arrived whole and checked, its last checkpoint written: true when the checkpoints became
   * the stored file (adoptFinished), so transformers.js' cache check finds it and writes nothing again.
   */
  adopt?: (url: string, contentType: string) => Promise<boolean>,
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const file = RESOLVE.exec(url)?.[1];
    const ranged = new Headers(init?.headers).has('range');
    let response: Response | null = null;
    let resumedFrom: PartialDownload | null = null;
    const partial = file && !ranged && partials ? await partials.get(url).catch(() => undefined) : undefined;
    if (partial && partial.bytes > 0 && partial.bytes < partial.total) {
      const rest = await base(input, { ...init, headers: withRange(init?.headers, partial.bytes) });
      const range = contentRange(rest.headers);
      const same = (lookup ? (await lookup(url).catch(() => undefined))?.sha256 : null) ?? expectations(rest.headers).sha256;
      if (rest.status === 206 && rest.body && range?.start === partial.bytes && range.total === partial.total && (same === null || same === partial.sha256)) {
        const headers = new Headers(rest.headers);
        headers.set('content-length', String(partial.total));
        headers.delete('content-range');
        if (!headers.has('x-linked-etag')) headers.set('x-linked-etag', `"${partial.sha256}"`);
        response = new Response(concatenate(partial.segments, rest.body), { status: 200, statusText: 'OK', headers });
        resumedFrom = partial;
      } else {
        // The host ignored the range or the file changed: start over.
        await rest.body?.cancel().catch(() => undefined);
        await partials?.delete(url).catch(() => undefined);
      }
    }
    response ??= await base(input, init);
    if (!file || ranged || response.status !== 200 || !response.body) return response;

    if (/text\/html/i.test(response.headers.get('content-type') ?? '') && !file.endsWith('.html')) {
      await response.body.cancel().catch(() => undefined);
      throw new DownloadRejected(`${decodeURIComponent(file)} came back as a web page instead of the file (a login page, a proxy or a captive portal?).`);
    }
    // The Hub's API listing is the authority where it answered; the response's own headers otherwise.
    const listed = lookup ? await lookup(url).catch(() => undefined) : undefined;
    const fromHeaders = expectations(response.headers);
    const expected = { bytes: listed?.bytes ?? fromHeaders.bytes, sha256: listed?.sha256 ?? fromHeaders.sha256 };
    // WebAssembly sha256: about 2.5x the pure-JS @noble/hashes on a model-sized file (bench/hash-speed.ts), and
    // it runs on every byte of a cold load. Created per file: each holds its own running state.
    const hash = expected.sha256 ? (await createSHA256()).init() : null;
    // Keeping partial bytes is only safe when a later request can prove it is for the same file.
    const keep = partials && expected.sha256 && expected.bytes ? { total: expected.bytes, sha256: expected.sha256 } : null;
    let received = 0;
    let persisted = resumedFrom?.bytes ?? 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const persist = (): Promise<void> => {
      if (!keep || !partials || pending.length === 0) return Promise.resolve();
      const segment = new Blob(pending as Uint8Array<ArrayBuffer>[]);
      const start = persisted;
      persisted += segment.size;
      pending = [];
      pendingBytes = 0;
      return partials.append(url, start, segment, keep).catch(() => undefined);
    };
    const reader = response.body.getReader();
    const checked = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          // The connection died mid-file: keep what arrived for the next attempt. Stored before the error goes out,
          // because a failed load may end this worker right after.
          await persist();
          controller.error(error);
          return;
        }
        if (chunk.done) {
          if (expected.bytes !== null && received !== expected.bytes) {
            await persist();
            // Cut short is a transfer problem, not a bad file: what arrived is kept and the retry asks for the rest.
            controller.error(new DownloadRejected(`${decodeURIComponent(file)} is incomplete: ${received} of ${expected.bytes} bytes arrived.`, 'network'));
            return;
          }
          if (hash && expected.sha256 && hash.digest('hex') !== expected.sha256) {
            await partials?.delete(url).catch(() => undefined);
            controller.error(new DownloadRejected(`${decodeURIComponent(file)} does not match its published sha256.`));
            return;
          }
          if (keep && adopt) {
            await persist();
            if (await adopt(url, response.headers.get('content-type') ?? 'application/octet-stream').catch(() => false)) {
              controller.close();
              return;
            }
          }
          if (resumedFrom || persisted > 0) await partials?.delete(url).catch(() => undefined);
          controller.close();
          return;
        }
        const value = chunk.value;
        received += value.byteLength;
        hash?.update(value);
        // Bytes that came from the partial store are already stored; only new ones are kept.
        if (keep && received > (resumedFrom?.bytes ?? 0)) {
          const fresh = resumedFrom && received - value.byteLength < resumedFrom.bytes ? value.subarray(resumedFrom.bytes - (received - value.byteLength)) : value;
          pending.push(fresh.slice());
          pendingBytes += fresh.byteLength;
          if (pendingBytes >= PERSIST_EVERY) void persist();
        }
        controller.enqueue(value);
      },
      async cancel(reason) {
        await persist();
        return reader.cancel(reason);
      },
    });
    return new Response(checked, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
