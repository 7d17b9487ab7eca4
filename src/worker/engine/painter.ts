// The local image model (Janus-Pro) through transformers.js' MultiModalityCausalLM.generate_images: prompt in, PNGs out.

import {
  AutoProcessor,
  MultiModalityCausalLM,
  random,
  type ProgressInfo,
  type RawImage,
  type Tensor,
} from '@huggingface/transformers';
import { AppError } from '../../shared/errors';
import type { Dtype } from '../../domain/model';
import type { CallOptions, DrawEvent, DrawPayload, DrawResult, LoadPayload } from '../protocol';
import { yieldBeforeEachStep } from './yield-steps';

type JanusProcessor = ((conversation: unknown, options: unknown) => Promise<Record<string, Tensor>>) & { num_image_tokens: number };

/** The picture's place in its batch goes into its seed, so picture 2 of "seed 7, 4 pictures" is "seed 8" drawn alone. */
export function seedOf(payload: Pick<DrawPayload, 'seed'>, index: number): number {
  return (payload.seed + index) >>> 0;
}

export class Painter {
  /** The Stop of the drawing in progress, read before each image token (see load). */
  private stop: AbortSignal | null = null;

  private constructor(
    readonly payload: LoadPayload,
    private readonly processor: JanusProcessor,
    private readonly model: MultiModalityCausalLM,
  ) {}

  static async load(payload: LoadPayload, dtype: Dtype | Record<string, Dtype>, progress_callback: (info: ProgressInfo) => void): Promise<Painter> {
    const processor = (await AutoProcessor.from_pretrained(payload.repo, { revision: payload.revision, progress_callback })) as unknown as JanusProcessor;
    // The official janus-pro-webgpu example keeps prepare_inputs_embeds on WASM ("TODO use webgpu when bug is fixed").
    const device =
      payload.device === 'webgpu'
        ? { prepare_inputs_embeds: 'wasm', language_model: 'webgpu', lm_head: 'webgpu', gen_head: 'webgpu', gen_img_embeds: 'webgpu', image_decode: 'webgpu' }
        : 'wasm';
    // transformers.js 4.3.2 picks the language model's dtype and device by file name ("language_model") when it loads,
    // but by session key ("model") when it lists the files (get_model_files); both keys keep the two in step.
    const withModelKey = <T,>(map: T): T => (typeof map === 'object' && map !== null && 'language_model' in map ? { ...map, model: (map as Record<string, unknown>).language_model } : map);
    const model = (await MultiModalityCausalLM.from_pretrained(payload.repo, {
      revision: payload.revision,
      device: withModelKey(device) as never,
      dtype: withModelKey(dtype) as never,
      progress_callback,
    })) as MultiModalityCausalLM;
    const painter = new Painter(payload, processor, model);
    // Without the hop a WASM drawing is one microtask chain: the worker would read Stop only after the last picture.
    // A Stop then ends generate_images by throwing before the next step, never through a stopping criterion: that
    // would end the token loop "normally", and generate_images then runs image_decode on the partial tokens. The
    // decoder is built for a whole grid (576 tokens in the real model, 16 in the oracle), so that run fails, and in
    // onnxruntime-web 1.31 (WASM) a failed run left the runtime answering every later run, of any session, with the
    // same error: the next chat model's warm-up failed with image_decode's reshape error (docs/drawing.md).
    yieldBeforeEachStep(model, () => painter.stop?.throwIfAborted());
    return painter;
  }

  /**
   * Draws `count` pictures one after another, each from its own seed (seedOf). One progress event per image token.
   * Stop ends the token loop before its next step; a stopped call rejects with 'aborted', decodes nothing and returns
   * no partial picture.
   */
  async draw(payload: DrawPayload, options: CallOptions<DrawEvent> = {}): Promise<DrawResult> {
    const prompt = payload.prompt.trim();
    if (!prompt) throw new AppError('bad-media', 'Say what to draw.');
    const perImage = this.processor.num_image_tokens;
    const total = perImage * payload.count;
    this.stop = options.signal ?? null;
    const started = performance.now();
    let done = 0;
    const pictures: Blob[] = [];
    let size = { width: 0, height: 0 };
    try {
      for (let i = 0; i < payload.count; i++) {
        options.signal?.throwIfAborted();
        const inputs = await this.processor([{ role: '<|User|>', content: prompt }], { chat_template: 'text_to_image' });
        // transformers.js samples with its own seeded Mersenne Twister: the same seed gives the same tokens.
        random.seed(seedOf(payload, i));
        let promptSeen = false;
        const images: RawImage[] = await this.model.generate_images({
          ...inputs,
          min_new_tokens: perImage,
          max_new_tokens: perImage,
          do_sample: true,
          ...(payload.guidance > 1 ? { guidance_scale: payload.guidance } : {}),
          streamer: {
            put: () => {
              // The first put is the prompt; every later one is one image token.
              if (!promptSeen) {
                promptSeen = true;
                return;
              }
              done += 1;
              options.onEvent?.({ type: 'image-token', done, total, elapsedMs: performance.now() - started });
            },
            end: () => undefined,
          } as never,
        });
        // A Stop that came after the last token's step: the picture is whole, but it is not handed out.
        if (options.signal?.aborted) throw new AppError('aborted', 'Stopped.');
        const image = images[0];
        if (!image) throw new AppError('unknown', 'The image model returned no picture.');
        size = { width: image.width, height: image.height };
        pictures.push(await image.toBlob('image/png'));
      }
    } catch (error) {
      if (options.signal?.aborted) throw new AppError('aborted', 'Stopped.', { cause: error });
      throw error;
    } finally {
      this.stop = null;
    }
    const ms = performance.now() - started;
    return { pictures, ...size, imageTokens: total, ms, imageTokensPerSecond: ms > 0 ? total / (ms / 1000) : 0 };
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
