// The voice activity worker: runs the real Silero VAD v5 on microphone audio, on the app's one copy of ONNX Runtime.

import * as ort from 'onnxruntime-web';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import sileroUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';
import { SileroVad, VoiceActivityDetector } from './vad';
import { createVadHandler } from './vad-handler';
import { isVadRequest, type VadResponse } from './vad-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const absolute = (url: string) => new URL(url, self.location.href).href;

// The same self-hosted runtime files the model engine uses: one copy, precached, no CDN.
ort.env.wasm.wasmPaths = { wasm: absolute(ortWasmUrl), mjs: absolute(ortFactoryUrl) };
ort.env.wasm.numThreads = 1;

const handle = createVadHandler(
  async () => {
    const session = await ort.InferenceSession.create(absolute(sileroUrl), { executionProviders: ['wasm'] });
    return new VoiceActivityDetector(new SileroVad(session, (data, dims) => new ort.Tensor(data, [...dims])));
  },
  (response: VadResponse, transfer) => scope.postMessage(response, transfer ?? []),
);

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isVadRequest(event.data)) void handle(event.data);
});
