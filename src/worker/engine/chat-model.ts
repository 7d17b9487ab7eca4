// The chat model: loads a causal LM (or a multimodal one, or a text-first one whose encoders come later) and streams
// its answers. One of the engine's parts, beside the Recognizer and the Synthesizer.

import {
  AutoModelForCausalLM,
  AutoModelForImageTextToText,
  AutoProcessor,
  AutoTokenizer,
  Gemma4ForCausalLM,
  InterruptableStoppingCriteria,
  PreTrainedModel,
  TextStreamer,
  type PreTrainedTokenizer,
  type Processor,
  type ProgressInfo,
  type Tensor,
} from '@huggingface/transformers';
import { AppError, toAppError } from '../../shared/errors';
import { MEDIA_PARTS, PART_SESSION, missingParts, partsForTurns, type MediaPart } from '../../shared/model-parts';
import type { CallOptions, GenerateEvent, GeneratePayload, GenerateResult, LoadEvent, LoadPartsPayload, LoadPartsResult, LoadPayload, LoadResult } from '../protocol';
import { ConversationCache, mediaPlaceholders, type PromptMedia } from './conversation-cache';
import { answerPrompt, type TemplateMessage } from './answer-prompt';
import { countEncoderRuns } from './encoder-runs';
import { isMultimodal, multimodalInputs } from './media-inputs';
import { TRANSFORMERS_DTYPE, dtypeOption, sameModel } from './load-options';
import type { Runtime } from './runtime';
import { yieldBeforeEachStep } from './yield-steps';
import { toolFormatOf, type ToolCallFormat } from '../../domain/tool-call';
import type { EncoderRuns } from '../../domain/turn';

/**
 * Split multimodal models whose text parts load on their own: the class that loads only embed_tokens and
 * decoder_model_merged. Gemma4ForCausalLM extends Gemma4ForConditionalGeneration (same forward, same
 * Gemma4 vision call with image_position_ids); transformers.js 4.3 sees that the config names the
 * ForConditionalGeneration class and loads that type's `text_only_sessions`. Its forward runs an encoder
 * whenever `sessions.vision_encoder` / `sessions.audio_encoder` is there, so an encoder added later just works.
 */
const TEXT_FIRST: Partial<Record<string, typeof Gemma4ForCausalLM>> = { gemma4: Gemma4ForCausalLM };

interface LoadedModel {
  key: string;
  payload: LoadPayload;
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  /** Every model keeps its KV cache between turns; multimodal ones key the pictures and sounds in it by attachment. */
  conversation: ConversationCache;
  /** The tokens that end an answer: an answer's ids go back into the prompt without them (the template writes its own). */
  stopIds: ReadonlySet<number>;
  /** The tokens a multimodal model replaces with encoder features. */
  placeholders: ReadonlySet<bigint>;
  /** Models that see or hear prepare their inputs through the architecture's own processor. */
  processor: Processor | null;
  /** Encoders of a text-first model not loaded yet; null for models loaded whole. */
  lazyParts: Set<MediaPart> | null;
  toolFormat: ToolCallFormat | null;
  /** Encoder loads under way, so a second request for the same part waits for the first. */
  partLoads: Map<MediaPart, Promise<void>>;
}

/**
 * Loads one encoder graph and adds it to the loaded text model's sessions, where Gemma's forward looks for it.
 * The multimodal class would load both encoders (its session list is all-or-nothing: ImageAudioTextToText's
 * `sessions(config, options, textOnly)`) and load embed_tokens and the decoder a second time. Instead a bare
 * PreTrainedModel, told by `model_file_name` which graph to take and by a config naming no known architecture
 * that it is a single graph, creates exactly one session: the encoder, from the cache or the network. The text
 * sessions are never loaded twice, and a person who only sends pictures never downloads the audio encoder.
 */
async function loadPart(model: PreTrainedModel, payload: LoadPayload, part: MediaPart, progress_callback: (info: ProgressInfo) => void): Promise<void> {
  const session = PART_SESSION[part];
  // The copy keeps transformers.js_config (external data, per-device settings); only the architecture changes.
  const config = { ...model.config, architectures: ['PreTrainedModel'] } as unknown as PreTrainedModel['config'];
  const encoder = await PreTrainedModel.from_pretrained(payload.repo, {
    revision: payload.revision,
    progress_callback,
    device: payload.device,
    // One dtype, not the per-session map: the graph is session "model" here, and transformers.js' file listing
    // (its progress probe) would look "model" up in the map, miss, and probe the device's default variant instead.
    dtype: TRANSFORMERS_DTYPE[payload.sessions?.[session] ?? payload.dtype],
    config,
    model_file_name: session,
  });
  model.sessions[session] = encoder.sessions.model;
}

/**
 * A text-only model never sees attachments; the UI has already turned audio into transcripts. Tool calls and results
 * take the shapes chat templates read (Hugging Face's: `tool_calls[].function`, a `tool` message with its `name`).
 */
function textOnly(turns: GeneratePayload['turns']): TemplateMessage[] {
  return turns.map(({ role, content, toolCalls, toolName, answerIds }) => ({
    role,
    content,
    ...(answerIds?.length ? { answerIds } : {}),
    ...(toolCalls?.length ? { tool_calls: toolCalls.map((call) => ({ type: 'function', function: call })) } : {}),
    ...(role === 'tool' && toolName ? { name: toolName } : {}),
  }));
}

/** The ids in a config field that may hold one id or several (eos_token_id). */
function idsOf(value: unknown): number[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number');
}

function stopIdsOf(model: PreTrainedModel, tokenizer: PreTrainedTokenizer): Set<number> {
  const generation = (model as unknown as { generation_config?: { eos_token_id?: unknown } }).generation_config;
  const config = model.config as unknown as { eos_token_id?: unknown; text_config?: { eos_token_id?: unknown } };
  const eos = (tokenizer as unknown as { eos_token_id?: unknown }).eos_token_id;
  return new Set([...idsOf(generation?.eos_token_id), ...idsOf(config.eos_token_id), ...idsOf(config.text_config?.eos_token_id), ...idsOf(eos)]);
}

/** The attachments of a prompt's pictures and sounds in prompt order; media without one never match a cache. */
function mediaKeys(turns: GeneratePayload['turns']): string[] {
  return turns.flatMap((turn) => (turn.media ?? []).map((media) => `${media.kind}:${media.id ?? crypto.randomUUID()}`));
}

/** Only text-only models get tools for now: their template is the tokenizer's, and the tool loop is tested on it. */
function toolFormatFor(tokenizer: PreTrainedTokenizer, multimodal: boolean): ToolCallFormat | null {
  if (multimodal) return null;
  const template = (tokenizer as unknown as { chat_template?: unknown }).chat_template;
  return toolFormatOf(typeof template === 'string' ? template : undefined);
}

/** Settles as `work` does, or rejects with 'aborted' as soon as the signal fires (the work itself goes on). */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AppError('aborted', 'Stopped.'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The answer whose encoder runs are being counted (one answer at a time: `generating` guards it). */
let countRuns: EncoderRuns = { vision: 0, audio: 0 };

export class ChatModel {
  private loaded: LoadedModel | null = null;
  private generating = false;
  private deviceLost: string | null = null;

  constructor(private readonly runtime: Runtime) {}

  async load(payload: LoadPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadResult> {
    const started = performance.now();
    const current = this.loaded;
    if (current && sameModel(current.payload, payload) && !this.deviceLost) {
      // The same model again; a conversation with pictures may now need an encoder it left for later.
      const wanted = missingParts(payload.parts ?? [], current.lazyParts ? [...current.lazyParts] : undefined);
      const parts = wanted.length > 0 ? await this.loadParts({ parts: wanted }, options) : null;
      return {
        device: payload.device,
        dtype: payload.dtype,
        downloadedFiles: parts?.downloadedFiles ?? 0,
        loadMs: performance.now() - started,
        ...this.threads(payload),
        ...(parts?.notStored ? { notStored: parts.notStored } : {}),
        ...(current.lazyParts ? { lazyParts: [...current.lazyParts] } : {}),
        ...(current.toolFormat ? { toolFormat: current.toolFormat } : {}),
      };
    }
    if (this.generating) throw new AppError('busy', 'Stop the current answer before switching models.');
    await this.unload();
    this.deviceLost = null;

    const multimodal = isMultimodal(payload.architecture);
    const textFirst = TEXT_FIRST[payload.architecture] ?? null;
    this.runtime.honourRevision(payload);
    const { value: loaded, downloadedFiles, notStored } = await this.runtime.trackLoad(payload.repo, options, async (progress_callback) => {
      const common = { revision: payload.revision, progress_callback };
      let model: PreTrainedModel | null = null;
      try {
        const processor = multimodal ? await AutoProcessor.from_pretrained(payload.repo, common) : null;
        const tokenizer = processor?.tokenizer ?? (await AutoTokenizer.from_pretrained(payload.repo, common));
        options.signal?.throwIfAborted();
        const modelOptions = { ...common, device: payload.device, dtype: dtypeOption(payload) };
        if (textFirst) {
          const sessions = MEDIA_PARTS.map((part) => PART_SESSION[part]);
          model = await this.runtime.fenced(payload.repo, sessions, () => textFirst.from_pretrained(payload.repo, modelOptions));
        } else {
          model = multimodal
            ? await AutoModelForImageTextToText.from_pretrained(payload.repo, modelOptions)
            : await AutoModelForCausalLM.from_pretrained(payload.repo, modelOptions);
        }
        const lazyParts = textFirst ? new Set(MEDIA_PARTS) : null;
        // A conversation that already holds pictures or sounds needs their encoders for any turn: load them now.
        for (const part of textFirst ? missingParts(payload.parts ?? [], MEDIA_PARTS) : []) {
          options.signal?.throwIfAborted();
          await loadPart(model, payload, part, progress_callback);
          lazyParts?.delete(part);
        }
        yieldBeforeEachStep(model);
        options.signal?.throwIfAborted();
        options.onEvent?.({ type: 'stage', stage: 'warming-up' });
        // One token through the graph compiles the GPU shaders now rather than on the person's first message.
        const warmup = tokenizer('Hi') as { input_ids: Tensor; attention_mask: Tensor };
        await model.generate({ ...warmup, max_new_tokens: 1, do_sample: false });
        const entry: LoadedModel = {
          key: `${payload.repo}@${payload.revision}`,
          payload,
          tokenizer,
          model,
          conversation: new ConversationCache(model),
          stopIds: stopIdsOf(model, tokenizer),
          placeholders: multimodal ? mediaPlaceholders(model.config) : new Set(),
          processor,
          lazyParts,
          partLoads: new Map(),
          toolFormat: toolFormatFor(tokenizer, multimodal),
        };
        return entry;
      } catch (error) {
        await model?.dispose().catch(() => undefined);
        throw error;
      }
    });
    if (payload.device === 'webgpu') this.watchDevice();
    this.loaded = loaded;
    return {
      device: payload.device,
      dtype: payload.dtype,
      downloadedFiles,
      loadMs: performance.now() - started,
      ...this.threads(payload),
      ...(notStored ? { notStored } : {}),
      ...(loaded.lazyParts ? { lazyParts: [...loaded.lazyParts] } : {}),
      ...(loaded.toolFormat ? { toolFormat: loaded.toolFormat } : {}),
    };
  }

  private threads(payload: LoadPayload): { threads?: number } {
    return payload.device === 'wasm' ? { threads: this.runtime.cpuThreads } : {};
  }

  /**
   * Adds encoders to the loaded text-first model. The text model stays loaded and usable whatever happens here:
   * a download that fails or is cut off leaves it as it was (and keeps the bytes that arrived, for the retry).
   * Nothing is loaded twice: the encoder joins the model's sessions. A cancelled call stops waiting at once;
   * the download goes on into the cache and the encoder is added when it lands, so the next try finds it.
   */
  async loadParts(payload: LoadPartsPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadPartsResult> {
    const started = performance.now();
    const loaded = this.loaded;
    if (!loaded) throw new AppError('not-loaded', 'No model is loaded.');
    const lazy = loaded.lazyParts;
    const wanted = missingParts(payload.parts, lazy ? [...lazy] : undefined);
    if (!lazy || wanted.length === 0) return { lazyParts: lazy ? [...lazy] : [], downloadedFiles: 0, loadMs: 0 };
    this.runtime.honourRevision(loaded.payload);
    const work = this.runtime.trackLoad(loaded.payload.repo, options, async (progress_callback) => {
      for (const part of wanted) {
        let pending = loaded.partLoads.get(part);
        if (!pending) {
          pending = loadPart(loaded.model, loaded.payload, part, progress_callback).then(
            () => {
              lazy.delete(part);
              // Replaced or unloaded meanwhile: the new session belongs to nobody, so it goes.
              if (this.loaded !== loaded) void loaded.model.sessions[PART_SESSION[part]]?.release?.();
            },
          );
          const settled = pending.finally(() => loaded.partLoads.delete(part));
          loaded.partLoads.set(part, settled);
          pending = settled;
        }
        await pending;
      }
    });
    const { downloadedFiles, notStored } = await abortable(work, options.signal);
    return { lazyParts: [...lazy], downloadedFiles, loadMs: performance.now() - started, ...(notStored ? { notStored } : {}) };
  }

  async generate(payload: GeneratePayload, options: CallOptions<GenerateEvent> = {}): Promise<GenerateResult> {
    if (this.deviceLost) throw new AppError('device-lost', `The GPU was lost (${this.deviceLost}). Load the model again.`);
    const loaded = this.loaded;
    if (!loaded) throw new AppError('not-loaded', 'No model is loaded.');
    if (this.generating) throw new AppError('busy', 'An answer is already being generated.');
    // The UI asks for encoders (load-parts) before a turn that needs them; a turn that skipped that would
    // otherwise fail deep inside the model with a missing session.
    const absent = missingParts(partsForTurns(payload.turns), loaded.lazyParts ? [...loaded.lazyParts] : undefined);
    if (absent.length > 0) {
      throw new AppError('not-loaded', `The model's ${absent.map((p) => (p === 'vision' ? 'picture' : 'sound')).join(' and ')} part is not loaded yet.`);
    }
    this.generating = true;

    const { tokenizer, conversation, processor, model } = loaded;
    const encoderRuns: EncoderRuns = { vision: 0, audio: 0 };
    countRuns = encoderRuns;
    countEncoderRuns(model, () => countRuns);
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
      const sample = settings.temperature > 0;
      const generation = {
        max_new_tokens: settings.maxNewTokens,
        do_sample: sample,
        ...(sample ? { temperature: settings.temperature, top_p: settings.topP, top_k: settings.topK } : {}),
        repetition_penalty: settings.repetitionPenalty,
        streamer,
        stopping_criteria: stopping,
      };
      let promptLength: number;
      let sequence: bigint[];
      let reusedTokens = 0;
      if (processor) {
        // Earlier answers go in as their text here: the processor tokenizes the whole prompt at once. The cache keeps
        // the pictures it read by attachment, so a follow-up about the same picture encodes nothing again.
        const inputs = await multimodalInputs(processor, loaded.payload.architecture, payload.turns);
        const media: PromptMedia = { keys: mediaKeys(payload.turns), placeholders: loaded.placeholders };
        promptLength = (inputs.input_ids as Tensor).dims.at(-1) ?? 0;
        if (loaded.payload.device === 'webgpu') {
          // Not on WebGPU yet: there, a turn with new pictures after a cached one was read wrongly (two pictures
          // answered as the first turn's one, e2e multimodal.spec on SwiftShader), cause not found. Each turn is read
          // whole, as before the cache.
          const output = (await model.generate({ ...inputs, ...generation })) as Tensor;
          sequence = (output.tolist() as bigint[][])[0] ?? [];
        } else {
          ({ sequence, reusedTokens } = await conversation.generate(inputs as { input_ids: Tensor; attention_mask: Tensor }, generation, media));
        }
      } else {
        // enable_thinking is a template variable (Qwen3's), passed through to the Jinja render as-is.
        const tools = loaded.toolFormat && payload.tools?.length ? payload.tools : undefined;
        const templateOptions = { add_generation_prompt: true, enable_thinking: settings.enableThinking, ...(tools ? { tools } : {}) };
        const inputs = answerPrompt(tokenizer, textOnly(payload.turns), templateOptions, loaded.stopIds);
        promptLength = inputs.input_ids.dims.at(-1) ?? 0;
        ({ sequence, reusedTokens } = await conversation.generate({ input_ids: inputs.input_ids, attention_mask: inputs.attention_mask }, generation));
      }
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
        answerIds: generatedIds.map(Number),
        ...(processor ? { encoderRuns } : {}),
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

  private stoppedBeforeStart(): GenerateResult {
    return { text: '', tokens: 0, finishReason: 'stopped', timeToFirstTokenMs: 0, tokensPerSecond: 0, promptTokens: 0, reusedTokens: 0 };
  }

  /** ONNX Runtime owns the GPUDevice; we only listen for its loss so the next call fails clearly. */
  private watchDevice(): void {
    // ONNX Runtime never destroys its device while a model is loaded, so any loss is a fault (a driver reset, or a test's).
    void this.runtime.gpuDevice()
      .then((device) => device?.lost)
      .then((info) => {
        if (info && this.loaded) this.deviceLost = info.message || info.reason || 'unknown reason';
      })
      .catch(() => undefined);
  }
}
