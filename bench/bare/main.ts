// Bare baseline page: one module worker running transformers.js, driven by the bench through window.bareBench.
// Times are taken on this page's main thread (performance.now(), 0 = navigation start), like the app's.

import type { BareRequest, BareResponse, BareSettings, BareTurn } from './protocol';

export interface BareLoadTiming {
  /** Page clock when the load was asked for and when the worker said ready. */
  requestedAt: number;
  readyAt: number;
  /** Inside the worker: from_pretrained of tokenizer and model plus the one-token warm-up. */
  engineLoadMs: number;
}

export interface BareGenerateTiming {
  sentAt: number;
  firstTokenAt: number;
  firstTextAt: number;
  doneAt: number;
  text: string;
  tokens: number;
  engineTimeToFirstTokenMs: number;
  engineTokensPerSecond: number;
}

export interface BareDrawTiming {
  /** Page clock: postMessage -> the PNG's message arrived. */
  sentAt: number;
  doneAt: number;
  /** The worker's own figures: the call's start to the PNG, and image tokens over that time. */
  engineMs: number;
  imageTokens: number;
  imageTokensPerSecond: number;
  sha256: string;
}

export interface BareBench {
  /** The image model (Janus-Pro) instead of the chat model; `dtype` per session, the app's variant for this device. */
  loadPainter(device: 'webgpu' | 'wasm', dtype: Record<string, string>, threads?: number): Promise<BareLoadTiming>;
  draw(prompt: string, seed: number, guidance: number): Promise<BareDrawTiming>;
  /**
   * `threads`: ONNX Runtime's WASM threads (the page must be cross-origin isolated for more than 1). `dtype`: q4, or
   * q4f16 for `bench --gpu` on a shader-f16 adapter (what the app's Auto loads there).
   */
  load(device: 'webgpu' | 'wasm', threads?: number, dtype?: 'q4' | 'q4f16'): Promise<BareLoadTiming>;
  generate(turns: BareTurn[], settings: BareSettings): Promise<BareGenerateTiming>;
  /** Set when the page was opened with ?autoload=<device>: the load started at navigation. */
  autoload: Promise<BareLoadTiming> | null;
}

const REPO = 'onnx-community/Llama-3.2-1B-Instruct';
const PAINTER_REPO = 'onnx-community/Janus-Pro-1B-ONNX';
const statusLine = document.getElementById('status');
const answer = document.getElementById('answer');
let worker: Worker | null = null;
let listener: ((message: BareResponse) => void) | null = null;

function ensureWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'bare-model' });
  worker.addEventListener('message', (event: MessageEvent<BareResponse>) => listener?.(event.data));
  return worker;
}

function post(request: BareRequest): void {
  ensureWorker().postMessage(request);
}

function load(device: 'webgpu' | 'wasm', threads?: number, dtype: 'q4' | 'q4f16' = 'q4', requestedAt = performance.now()): Promise<BareLoadTiming> {
  return new Promise((resolve, reject) => {
    listener = (message) => {
      if (message.type === 'error') reject(new Error(message.message));
      if (message.type !== 'loaded') return;
      const readyAt = performance.now();
      if (statusLine) statusLine.textContent = `ready on ${device}`;
      resolve({ requestedAt, readyAt, engineLoadMs: message.loadMs });
    };
    if (statusLine) statusLine.textContent = 'loading';
    post({ type: 'load', repo: REPO, device, dtype, ...(threads !== undefined ? { threads } : {}) });
  });
}

function generate(turns: BareTurn[], settings: BareSettings): Promise<BareGenerateTiming> {
  return new Promise((resolve, reject) => {
    let firstTokenAt = 0;
    let firstTextAt = 0;
    let shown = '';
    if (answer) answer.textContent = '';
    listener = (message) => {
      if (message.type === 'error') reject(new Error(message.message));
      else if (message.type === 'first-token') firstTokenAt = performance.now();
      else if (message.type === 'text') {
        shown += message.text;
        if (answer) answer.textContent = shown;
        if (!firstTextAt) firstTextAt = performance.now();
      } else if (message.type === 'generated') {
        resolve({
          sentAt,
          firstTokenAt,
          firstTextAt,
          doneAt: performance.now(),
          text: message.text,
          tokens: message.tokens,
          engineTimeToFirstTokenMs: message.timeToFirstTokenMs,
          engineTokensPerSecond: message.tokensPerSecond,
        });
      }
    };
    const sentAt = performance.now();
    post({ type: 'generate', turns, settings });
  });
}

function loadPainter(device: 'webgpu' | 'wasm', dtype: Record<string, string>, threads?: number): Promise<BareLoadTiming> {
  return new Promise((resolve, reject) => {
    const requestedAt = performance.now();
    listener = (message) => {
      if (message.type === 'error') reject(new Error(message.message));
      if (message.type !== 'painter-loaded') return;
      if (statusLine) statusLine.textContent = `image model ready on ${device}`;
      resolve({ requestedAt, readyAt: performance.now(), engineLoadMs: message.loadMs });
    };
    post({ type: 'load-painter', repo: PAINTER_REPO, device, dtype, ...(threads !== undefined ? { threads } : {}) });
  });
}

function draw(prompt: string, seed: number, guidance: number): Promise<BareDrawTiming> {
  return new Promise((resolve, reject) => {
    listener = (message) => {
      if (message.type === 'error') reject(new Error(message.message));
      if (message.type !== 'drawn') return;
      const doneAt = performance.now();
      void crypto.subtle.digest('SHA-256', message.png).then((digest) =>
        resolve({
          sentAt,
          doneAt,
          engineMs: message.ms,
          imageTokens: message.imageTokens,
          imageTokensPerSecond: message.imageTokensPerSecond,
          sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''),
        }),
      );
    };
    const sentAt = performance.now();
    post({ type: 'draw', prompt, seed, guidance });
  });
}

const search = new URLSearchParams(location.search);
const auto = search.get('autoload');
const autoThreads = search.has('threads') ? Number(search.get('threads')) : undefined;
const autoDtype = search.get('dtype') === 'q4f16' ? 'q4f16' : 'q4';
const bench: BareBench = {
  load: (device, threads, dtype) => load(device, threads, dtype),
  generate,
  loadPainter,
  draw,
  autoload: auto === 'webgpu' || auto === 'wasm' ? load(auto, autoThreads, autoDtype, 0) : null,
};
(window as unknown as { bareBench: BareBench }).bareBench = bench;
