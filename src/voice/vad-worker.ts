// The voice activity worker: runs the real Silero VAD v5 on microphone audio, on the app's one copy of ONNX Runtime.

import * as ort from 'onnxruntime-web';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import sileroUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';
import { Resampler, SILERO_SAMPLE_RATE, SileroVad, VoiceActivityDetector } from './vad';
import type { VadMessage, VadRequest } from './vad-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const absolute = (url: string) => new URL(url, self.location.href).href;
const post = (message: VadMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

// The same self-hosted runtime files the model engine uses: one copy, precached, no CDN.
ort.env.wasm.wasmPaths = { wasm: absolute(ortWasmUrl), mjs: absolute(ortFactoryUrl) };
ort.env.wasm.numThreads = 1;

/** Keeps the last minute of 16 kHz audio, so a finished utterance can be cut out by its sample offsets. */
const HISTORY_SAMPLES = SILERO_SAMPLE_RATE * 60;
let history = new Float32Array(HISTORY_SAMPLES);
let written = 0;

function remember(samples: Float32Array): void {
  for (let i = 0; i < samples.length; i++) history[(written + i) % HISTORY_SAMPLES] = samples[i] ?? 0;
  written += samples.length;
}

function cut(start: number, end: number): Float32Array {
  const from = Math.max(start, written - HISTORY_SAMPLES);
  const out = new Float32Array(Math.max(0, end - from));
  for (let i = 0; i < out.length; i++) out[i] = history[(from + i) % HISTORY_SAMPLES] ?? 0;
  return out;
}

const ready = ort.InferenceSession.create(absolute(sileroUrl), { executionProviders: ['wasm'] }).then(
  (session) => new VoiceActivityDetector(new SileroVad(session, (data, dims) => new ort.Tensor(data, [...dims]))),
);
ready.then(
  () => post({ type: 'ready' }),
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);

let resampler: Resampler | null = null;
let resamplerRate = 0;
// Chunks are processed strictly in order; the model keeps state from frame to frame.
let chain: Promise<void> = Promise.resolve();

scope.addEventListener('message', (message: MessageEvent<VadRequest>) => {
  const request = message.data;
  chain = chain.then(async () => {
    const detector = await ready;
    if (request.type === 'reset') {
      detector.reset();
      resampler = null;
      history = new Float32Array(HISTORY_SAMPLES);
      written = 0;
      return;
    }
    if (!resampler || resamplerRate !== request.sampleRate) {
      resampler = new Resampler(request.sampleRate, SILERO_SAMPLE_RATE);
      resamplerRate = request.sampleRate;
    }
    const samples = resampler.push(request.samples);
    remember(samples);
    for (const event of await detector.push(samples)) {
      post({ type: 'event', event });
      if (event.kind === 'speech-end') {
        const utterance = cut(event.startSample, event.endSample);
        post(
          { type: 'utterance', samples: utterance, startSeconds: event.startSeconds, endSeconds: event.endSeconds, decidedAtSeconds: event.decidedAtSample / SILERO_SAMPLE_RATE },
          [utterance.buffer],
        );
      }
    }
  }).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
