// Bare baseline worker: transformers.js with its defaults (Cache API for model files), nothing of the app's code.
// The only settings changed are ONNX Runtime's file locations, self-hosted exactly as the app does, and its thread
// count, which the bench sets to the app's (or to 1, for the threads row) so that both pages run the same pool.

import {
  AutoModelForCausalLM,
  AutoProcessor,
  AutoTokenizer,
  MultiModalityCausalLM,
  TextStreamer,
  env,
  random,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type RawImage,
  type Tensor,
} from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import type { BareRequest, BareResponse } from './protocol';

interface WorkerScope {
  postMessage(message: BareResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<BareRequest>) => void): void;
  location: { href: string };
}
const scope = self as unknown as WorkerScope;
const absolute = (url: string) => new URL(url, scope.location.href).href;

if (env.backends.onnx.wasm) env.backends.onnx.wasm.wasmPaths = { wasm: absolute(ortWasmUrl), mjs: absolute(ortFactoryUrl) };

let tokenizer: PreTrainedTokenizer | null = null;
let model: PreTrainedModel | null = null;

async function load(request: Extract<BareRequest, { type: 'load' }>): Promise<void> {
  const started = performance.now();
  if (request.threads !== undefined && env.backends.onnx.wasm) env.backends.onnx.wasm.numThreads = request.threads;
  tokenizer = await AutoTokenizer.from_pretrained(request.repo);
  model = await AutoModelForCausalLM.from_pretrained(request.repo, { device: request.device, dtype: request.dtype });
  // The same one-token warm-up the app runs before it says "ready", so both loads end at the same point.
  const warmup = tokenizer('Hi') as { input_ids: Tensor; attention_mask: Tensor };
  await model.generate({ ...warmup, max_new_tokens: 1, do_sample: false });
  scope.postMessage({ type: 'loaded', loadMs: performance.now() - started });
}

async function generate(request: Extract<BareRequest, { type: 'generate' }>): Promise<void> {
  if (!tokenizer || !model) throw new Error('not loaded');
  const started = performance.now();
  let firstTokenAt = 0;
  let tokens = 0;
  const streamer = new TextStreamer(tokenizer, {
    skip_prompt: true,
    skip_special_tokens: true,
    token_callback_function: () => {
      if (tokens === 0) {
        firstTokenAt = performance.now();
        scope.postMessage({ type: 'first-token' });
      }
      tokens += 1;
    },
    callback_function: (text: string) => {
      if (text) scope.postMessage({ type: 'text', text });
    },
  });
  const inputs = tokenizer.apply_chat_template(request.turns, { add_generation_prompt: true, return_dict: true }) as unknown as {
    input_ids: Tensor;
    attention_mask: Tensor;
  };
  const promptLength = inputs.input_ids.dims.at(-1) ?? 0;
  const output = (await model.generate({
    ...inputs,
    max_new_tokens: request.settings.maxNewTokens,
    do_sample: false,
    repetition_penalty: request.settings.repetitionPenalty,
    streamer,
  })) as Tensor;
  const ids = (output.tolist() as bigint[][])[0]?.slice(promptLength) ?? [];
  const elapsedAfterFirst = firstTokenAt ? (performance.now() - firstTokenAt) / 1000 : 0;
  scope.postMessage({
    type: 'generated',
    text: tokenizer.decode(ids, { skip_special_tokens: true }),
    tokens,
    timeToFirstTokenMs: firstTokenAt ? firstTokenAt - started : 0,
    // Same formula as the app's engine: tokens after the first over the time since the first.
    tokensPerSecond: tokens > 1 && elapsedAfterFirst > 0 ? (tokens - 1) / elapsedAfterFirst : 0,
  });
}

type JanusProcessor = ((conversation: unknown, options: unknown) => Promise<Record<string, Tensor>>) & { num_image_tokens: number };
let processor: JanusProcessor | null = null;
let painter: MultiModalityCausalLM | null = null;

/** As transformers.js' janus-pro-webgpu example loads it: the processor, then the model with a dtype per session. */
async function loadPainter(request: Extract<BareRequest, { type: 'load-painter' }>): Promise<void> {
  const started = performance.now();
  if (request.threads !== undefined && env.backends.onnx.wasm) env.backends.onnx.wasm.numThreads = request.threads;
  processor = (await AutoProcessor.from_pretrained(request.repo)) as unknown as JanusProcessor;
  // The one departure from the example: transformers.js 4.3.2 lists the language model's file by the session key
  // "model" and loads it by "language_model", so both keys are given (as the app's painter does; docs/drawing.md).
  const dtype = 'language_model' in request.dtype ? { ...request.dtype, model: request.dtype.language_model } : request.dtype;
  painter = (await MultiModalityCausalLM.from_pretrained(request.repo, { device: request.device, dtype: dtype as never })) as MultiModalityCausalLM;
  scope.postMessage({ type: 'painter-loaded', loadMs: performance.now() - started });
}

/** One picture: the example's call, with transformers.js' sampler seeded as the app seeds it. */
async function draw(request: Extract<BareRequest, { type: 'draw' }>): Promise<void> {
  if (!processor || !painter) throw new Error('not loaded');
  const started = performance.now();
  const perImage = processor.num_image_tokens;
  const inputs = await processor([{ role: '<|User|>', content: request.prompt }], { chat_template: 'text_to_image' });
  random.seed(request.seed);
  const images: RawImage[] = await painter.generate_images({
    ...inputs,
    min_new_tokens: perImage,
    max_new_tokens: perImage,
    do_sample: true,
    ...(request.guidance > 1 ? { guidance_scale: request.guidance } : {}),
  });
  const image = images[0];
  if (!image) throw new Error('no picture');
  const png = await (await image.toBlob('image/png')).arrayBuffer();
  const ms = performance.now() - started;
  scope.postMessage({ type: 'drawn', ms, imageTokens: perImage, imageTokensPerSecond: perImage / (ms / 1000), png });
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  const run = request.type === 'load' ? load(request) : request.type === 'generate' ? generate(request) : request.type === 'load-painter' ? loadPainter(request) : draw(request);
  run.catch((error: unknown) => scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
