// The only module that touches transformers.js: loads a causal LM into the worker and streams its answers.

import {
  AutoModelForCausalLM,
  AutoTokenizer,
  InterruptableStoppingCriteria,
  TextStreamer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
  type Tensor,
} from '@huggingface/transformers';
// Self-hosted ONNX Runtime: without these transformers.js fetches both files from a CDN at run time.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { AppError, toAppError } from '../../shared/errors';
import { createModelFileCache } from '../../storage/model-file-cache';
import { createVerifiedFetch } from '../../storage/verified-fetch';
import type {
  CallOptions,
  ChatEngine,
  Dtype,
  FileProgress,
  GenerateEvent,
  GeneratePayload,
  GenerateResult,
  LoadEvent,
  LoadPayload,
  LoadResult,
} from '../protocol';
import { ConversationCache } from './conversation-cache';
import { createProgressTracker } from './progress';

const absolute = (url: string) => new URL(url, self.location.href).href;

/**
 * On WASM a whole generation runs as one chain of microtasks, so the worker never reads its
 * message queue (a Stop would wait for the last token). One macrotask hop per step lets it in.
 */
const hop = new MessageChannel();
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    hop.port1.onmessage = () => resolve();
    hop.port2.postMessage(null);
  });
}

function yieldBeforeEachStep(model: PreTrainedModel): void {
  const forward = model.forward.bind(model);
  model.forward = async (inputs: Parameters<PreTrainedModel['forward']>[0]) => {
    await yieldToEventLoop();
    return forward(inputs);
  };
}

/** Files written during the current load, so a failed load can take its broken downloads back out. */
let writtenThisLoad: string[] = [];
const modelFileCache = createModelFileCache(undefined, { onPut: (key) => writtenThisLoad.push(key) });

env.allowLocalModels = false;
env.allowRemoteModels = true;
env.useBrowserCache = false;
env.useCustomCache = true;
env.customCache = modelFileCache;
env.useWasmCache = false;
env.fetch = createVerifiedFetch(fetch.bind(self));
if (env.backends.onnx.wasm) {
  env.backends.onnx.wasm.wasmPaths = { wasm: absolute(ortWasmUrl), mjs: absolute(ortFactoryUrl) };
}

/** transformers.js names q8 files "quantized"; its dtype key is q8. */
const TRANSFORMERS_DTYPE: Record<Dtype, 'fp32' | 'fp16' | 'q4' | 'q4f16' | 'q8'> = {
  fp32: 'fp32',
  fp16: 'fp16',
  q4: 'q4',
  q4f16: 'q4f16',
  q8: 'q8',
};

interface LoadedModel {
  key: string;
  payload: LoadPayload;
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  conversation: ConversationCache;
}

function sameModel(a: LoadPayload, b: LoadPayload): boolean {
  return a.repo === b.repo && a.revision === b.revision && a.device === b.device && a.dtype === b.dtype;
}

export class TransformersEngine implements ChatEngine {
  private loaded: LoadedModel | null = null;
  private generating = false;
  private deviceLost: string | null = null;

  async load(payload: LoadPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadResult> {
    const started = performance.now();
    if (this.loaded && sameModel(this.loaded.payload, payload) && !this.deviceLost) {
      return { device: payload.device, dtype: payload.dtype, downloadedFiles: 0, loadMs: performance.now() - started };
    }
    if (this.generating) throw new AppError('busy', 'Stop the current answer before switching models.');
    await this.unload();
    this.deviceLost = null;
    writtenThisLoad = [];

    const tracker = createProgressTracker((files: FileProgress[], loaded: number, total: number) =>
      options.onEvent?.({ type: 'download', files, loaded, total }),
    );
    const progress_callback = (info: ProgressInfo) => {
      if (info.status === 'progress') tracker.update(info.file, info.loaded, info.total);
      else if (info.status === 'done') tracker.done(info.file);
    };
    let model: PreTrainedModel | null = null;
    try {
      const tokenizer = await AutoTokenizer.from_pretrained(payload.repo, { revision: payload.revision, progress_callback });
      options.signal?.throwIfAborted();
      model = await AutoModelForCausalLM.from_pretrained(payload.repo, {
        revision: payload.revision,
        device: payload.device,
        dtype: TRANSFORMERS_DTYPE[payload.dtype],
        progress_callback,
      });
      tracker.flush();
      yieldBeforeEachStep(model);
      options.signal?.throwIfAborted();
      options.onEvent?.({ type: 'stage', stage: 'warming-up' });
      // One token through the graph compiles the GPU shaders now rather than on the person's first message.
      const warmup = tokenizer('Hi') as { input_ids: Tensor; attention_mask: Tensor };
      await model.generate({ ...warmup, max_new_tokens: 1, do_sample: false });
      if (payload.device === 'webgpu') this.watchDevice();
      this.loaded = { key: `${payload.repo}@${payload.revision}`, payload, tokenizer, model, conversation: new ConversationCache(model) };
      return {
        device: payload.device,
        dtype: payload.dtype,
        downloadedFiles: writtenThisLoad.length,
        loadMs: performance.now() - started,
      };
    } catch (error) {
      await model?.dispose().catch(() => undefined);
      // A file that downloaded but would not load must not be served from the cache next time.
      await Promise.all(writtenThisLoad.map((key) => modelFileCache.delete(key)));
      throw toAppError(error);
    } finally {
      writtenThisLoad = [];
    }
  }

  async generate(payload: GeneratePayload, options: CallOptions<GenerateEvent> = {}): Promise<GenerateResult> {
    if (this.deviceLost) throw new AppError('device-lost', `The GPU was lost (${this.deviceLost}). Load the model again.`);
    const loaded = this.loaded;
    if (!loaded) throw new AppError('not-loaded', 'No model is loaded.');
    if (this.generating) throw new AppError('busy', 'An answer is already being generated.');
    this.generating = true;

    const { tokenizer, conversation } = loaded;
    const { settings } = payload;
    const stopping = new InterruptableStoppingCriteria();
    const onAbort = () => stopping.interrupt();
    options.signal?.addEventListener('abort', onAbort);

    const started = performance.now();
    let firstTokenAt = 0;
    let tokens = 0;
    const streamer = new TextStreamer(tokenizer, {
      skip_prompt: true,
      skip_special_tokens: true,
      token_callback_function: () => {
        if (tokens === 0) firstTokenAt = performance.now();
        tokens += 1;
        options.onEvent?.({ type: 'delta', text: '', tokens: 1 });
      },
      callback_function: (text: string) => {
        if (text) options.onEvent?.({ type: 'delta', text, tokens: 0 });
      },
    });

    try {
      if (options.signal?.aborted) return this.stoppedBeforeStart();
      // enable_thinking is a template variable (Qwen3's), passed through to the Jinja render as-is.
      const templateOptions = { add_generation_prompt: true, return_dict: true, enable_thinking: settings.enableThinking } as const;
      const inputs = tokenizer.apply_chat_template(payload.turns, templateOptions) as unknown as { input_ids: Tensor; attention_mask: Tensor };
      const promptLength = inputs.input_ids.dims.at(-1) ?? 0;
      const sample = settings.temperature > 0;
      const { sequence, reusedTokens } = await conversation.generate(inputs, {
        max_new_tokens: settings.maxNewTokens,
        do_sample: sample,
        ...(sample ? { temperature: settings.temperature, top_p: settings.topP, top_k: settings.topK } : {}),
        repetition_penalty: settings.repetitionPenalty,
        streamer,
        stopping_criteria: stopping,
      });
      const generatedIds = sequence.slice(promptLength);
      const text = tokenizer.decode(generatedIds, { skip_special_tokens: true });
      const elapsedAfterFirst = firstTokenAt ? (performance.now() - firstTokenAt) / 1000 : 0;
      return {
        text,
        tokens,
        finishReason: stopping.interrupted ? 'stopped' : tokens >= settings.maxNewTokens ? 'length' : 'eos',
        timeToFirstTokenMs: firstTokenAt ? firstTokenAt - started : 0,
        tokensPerSecond: tokens > 1 && elapsedAfterFirst > 0 ? (tokens - 1) / elapsedAfterFirst : 0,
        promptTokens: promptLength,
        reusedTokens,
      };
    } catch (error) {
      // The loss is reported asynchronously (device.lost), often just after the failed run: give it a turn.
      if (loaded.payload.device === 'webgpu' && !this.deviceLost) await new Promise((resolve) => setTimeout(resolve, 50));
      if (this.deviceLost) throw new AppError('device-lost', `The GPU was lost while answering (${this.deviceLost}).`, { cause: error });
      throw toAppError(error);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      this.generating = false;
    }
  }

  async unload(): Promise<{ unloaded: boolean }> {
    const loaded = this.loaded;
    this.loaded = null;
    if (!loaded) return { unloaded: false };
    await loaded.conversation.clear();
    await loaded.model.dispose();
    return { unloaded: true };
  }

  async debug(payload: { action: 'lose-device' }): Promise<{ done: boolean }> {
    switch (payload.action) {
      case 'lose-device': {
        const device = await this.gpuDevice();
        device?.destroy();
        return { done: device !== null };
      }
    }
  }

  private async gpuDevice(): Promise<GPUDevice | null> {
    const webgpu = env.backends.onnx.webgpu as { device?: Promise<GPUDevice> | GPUDevice } | undefined;
    return (await Promise.resolve(webgpu?.device).catch(() => null)) ?? null;
  }

  private stoppedBeforeStart(): GenerateResult {
    return { text: '', tokens: 0, finishReason: 'stopped', timeToFirstTokenMs: 0, tokensPerSecond: 0, promptTokens: 0, reusedTokens: 0 };
  }

  /** ONNX Runtime owns the GPUDevice; we only listen for its loss so the next call fails clearly. */
  private watchDevice(): void {
    // ONNX Runtime never destroys its device while a model is loaded, so any loss is a fault (a driver reset, or the test hook).
    void this.gpuDevice()
      .then((device) => device?.lost)
      .then((info) => {
        if (info && this.loaded) this.deviceLost = info.message || info.reason || 'unknown reason';
      })
      .catch(() => undefined);
  }
}
