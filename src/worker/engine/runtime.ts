// transformers.js' process-wide settings, made once by the worker entry: where model files come from (the Hub,
// through the checked, resumable, pinned fetch), where they are kept (IndexedDB), and where ONNX Runtime's own files
// are (self-hosted). Every model part of the engine gets the resulting Runtime instead of reaching for globals.

import { env, type ProgressInfo } from '@huggingface/transformers';
// Self-hosted ONNX Runtime: without these transformers.js fetches both files from a CDN at run time.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { AppError, toAppError } from '../../shared/errors';
import { createModelFileCache } from '../../storage/common/model-file-cache';
import { createHubListing, fetchHubJson } from '../../storage/common/hub-listing';
import { createPinnedFetch, openPinStore } from '../../storage/common/revision-pin';
import { adoptFinished, createPartialDownloads } from '../../storage/worker/partial-downloads';
import { DownloadRejected, createVerifiedFetch } from '../../storage/worker/verified-fetch';
import type { CallOptions, FileProgress, LoadEvent, LoadPayload } from '../protocol';
import { LoadRecords } from './load-records';
import { createProgressTracker } from './progress';
import { wasmThreads } from './threads';

export interface TrackedLoad<T> {
  value: T;
  downloadedFiles: number;
  notStored?: { files: number; bytes: number };
}

export interface Runtime {
  /**
   * Runs one load of `repo` with progress reporting and a record of the files it stored or could not store. If it
   * fails, the files it downloaded are taken back out of the cache: a file that would not load must not be served again.
   */
  trackLoad<T>(repo: string, options: CallOptions<LoadEvent>, load: (progress: (info: ProgressInfo) => void) => Promise<T>): Promise<TrackedLoad<T>>;
  /** While `work` runs, requests for these sessions' files of `repo` get a 404 (see `fence` below). */
  fenced<T>(repo: string, sessions: string[], work: () => Promise<T>): Promise<T>;
  /** transformers.js 4.3 asks for tokenizer files on "main" whatever the revision: a catalog commit must hold for them too. */
  honourRevision(model: { repo: string; revision: string }): void;
  /** A raw float32 file from a model repo (a voice's style vector), through the same checked fetch and cache as the weights. */
  fetchFloats(model: LoadPayload, path: string): Promise<Float32Array>;
  /** ONNX Runtime's CPU threads in this worker: every core (capped) when the page is cross-origin isolated, else 1. */
  readonly cpuThreads: number;
  /** The GPUDevice ONNX Runtime created for WebGPU sessions, or null before the first one (or on WASM). */
  gpuDevice(): Promise<GPUDevice | null>;
}

let configured: Runtime | null = null;

export interface RuntimeOptions {
  /** Cores ONNX Runtime's CPU threads leave to the page (see wasmThreads). */
  spareCores?: number;
}

/** Sets transformers.js up for this worker; a second call returns the first one's runtime. */
export function configureRuntime(options: RuntimeOptions = {}): Runtime {
  configured ??= createRuntime(options);
  return configured;
}

function createRuntime({ spareCores = 0 }: RuntimeOptions): Runtime {
  const absolute = (url: string) => new URL(url, self.location.href).href;
  // Loads of different repos may overlap in one worker (a voice and a recognizer); each keeps its own record.
  const loads = new LoadRecords();
  const cache = createModelFileCache(undefined, {
    onPut: (key) => loads.stored(key),
    onPutFailed: (key, bytes) => loads.refused(key, bytes),
  });

  // Cut-off downloads keep their bytes in IndexedDB and resume with HTTP Range on the next attempt.
  // Sizes and sha256s come from the Hub's API listing, fetched only when a file has to be downloaded.
  const hubListing = createHubListing(fetchHubJson);
  // Innermost: every file of a model comes from one commit (see revision-pin.ts); the checks and resumes above it keep the URLs transformers.js asked for.
  const pinnedFetch = createPinnedFetch(fetch.bind(self), openPinStore());
  // A checked file's checkpoints become the stored file (adoptFinished): written once, not again whole by the cache.
  const partials = createPartialDownloads();
  const verifiedFetch = createVerifiedFetch(pinnedFetch.fetch, partials, hubListing, (url, contentType) => adoptFinished(partials, cache, url, contentType));

  /**
   * Encoder files a text-only load must not touch. transformers.js 4.3 loads only embed_tokens and
   * decoder_model_merged for Gemma4ForCausalLM, but before that its get_model_files lists every session of the
   * multimodal type (it ignores the text-only flag) and probes each file with a `Range: bytes=0-0` GET for its
   * progress totals. Answering those probes here with 404 ("not there") keeps the encoders off the network
   * until a turn needs them; had the library really asked for an encoder's weights, the load would fail loudly.
   */
  const fences = new Set<{ repo: string; sessions: string[] }>();
  const isFenced = (url: string) =>
    [...fences].some((fence) => url.includes(`/${fence.repo}/resolve/`) && fence.sessions.some((session) => url.includes(`/onnx/${session}`)));

  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.useBrowserCache = false;
  env.useCustomCache = true;
  env.customCache = cache;
  env.useWasmCache = false;
  env.fetch = (input: string | URL, init?: RequestInit) => {
    if (isFenced(String(input))) return Promise.resolve(new Response('Not part of a text-only load.', { status: 404, statusText: 'Not Found' }));
    return verifiedFetch(input, init);
  };
  // A worker is isolated exactly when the page that made it is.
  const cpuThreads = wasmThreads(self.crossOriginIsolated, navigator.hardwareConcurrency, spareCores);
  if (env.backends.onnx.wasm) {
    env.backends.onnx.wasm.wasmPaths = { wasm: absolute(ortWasmUrl), mjs: absolute(ortFactoryUrl) };
    env.backends.onnx.wasm.numThreads = cpuThreads;
  }

  return {
    cpuThreads,

    async trackLoad(repo, options, load) {
      const record = loads.begin(repo);
      const tracker = createProgressTracker((files: FileProgress[], loaded: number, total: number) =>
        options.onEvent?.({ type: 'download', files, loaded, total }),
      );
      const progress = (info: ProgressInfo) => {
        if (info.status === 'progress') tracker.update(info.file, info.loaded, info.total);
        else if (info.status === 'done') tracker.done(info.file);
      };
      try {
        const value = await load(progress);
        tracker.flush();
        return { value, ...record.summary() };
      } catch (error) {
        const appError = toAppError(error);
        // A failed download (cut off, refused by the checks, missing) or a lack of memory says nothing against the
        // files that did arrive: keep them, so the next attempt fetches only what is missing.
        if (appError.code === 'model-corrupt' && !(error instanceof DownloadRejected)) {
          await Promise.all(record.written.map((key) => cache.delete(key)));
        }
        throw appError;
      } finally {
        loads.end(record);
      }
    },

    async fenced(repo, sessions, work) {
      const fence = { repo, sessions };
      fences.add(fence);
      try {
        return await work();
      } finally {
        fences.delete(fence);
      }
    },

    honourRevision(model) {
      if (/^[0-9a-f]{40}$/.test(model.revision)) pinnedFetch.pin(model.repo, 'main', model.revision);
    },

    async fetchFloats(model, path) {
      const url = `${env.remoteHost.replace(/\/$/, '')}/${model.repo}/resolve/${model.revision}/${path}`;
      const cached = await cache.match(url);
      let bytes: ArrayBuffer;
      if (cached) {
        bytes = await cached.arrayBuffer();
      } else {
        const fetched = await env.fetch(url);
        if (!fetched.ok) throw new AppError('model-not-found', `The voice file ${path} could not be downloaded (HTTP ${fetched.status}).`);
        await cache.put(url, fetched.clone());
        bytes = await fetched.arrayBuffer();
      }
      if (bytes.byteLength % 4 !== 0) throw new AppError('model-corrupt', `The voice file ${path} is damaged.`);
      return new Float32Array(bytes);
    },

    async gpuDevice() {
      const webgpu = env.backends.onnx.webgpu as { device?: Promise<GPUDevice> | GPUDevice } | undefined;
      return (await Promise.resolve(webgpu?.device).catch(() => null)) ?? null;
    },
  };
}
