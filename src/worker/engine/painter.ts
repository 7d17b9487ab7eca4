// The local image model (Janus-Pro) through transformers.js' MultiModalityCausalLM.generate_images: prompt in, PNGs out.

import {
  AutoProcessor,
  InterruptableStoppingCriteria,
  MultiModalityCausalLM,
  random,
  type ProgressInfo,
  type RawImage,
  type Tensor,
} from '@huggingface/transformers';
import { AppError } from '../../shared/errors';
import type { Dtype } from '../../domain/model';
import type { CallOptions, DrawEvent, DrawPayload, DrawResult, LoadPayload } from '../protocol';

type JanusProcessor = ((conversation: unknown, options: unknown) => Promise<Record<string, Tensor>>) & { num_image_tokens: number };

/** The picture's place in its batch goes into its seed, so picture 2 of "seed 7, 4 pictures" is "seed 8" drawn alone. */
export function seedOf(payload: Pick<DrawPayload, 'seed'>, index: number): number {
  return (payload.seed + index) >>> 0;
}

export class Painter {
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
    return new Painter(payload, processor, model);
  }

  /**
   * Draws `count` pictures one after another, each from its own seed (seedOf). One progress event per image token.
   * Stop interrupts the token loop; a stopped call rejects with 'aborted' and returns no partial picture.
   */
  async draw(payload: DrawPayload, options: CallOptions<DrawEvent> = {}): Promise<DrawResult> {
    const prompt = payload.prompt.trim();
    if (!prompt) throw new AppError('bad-media', 'Say what to draw.');
    const perImage = this.processor.num_image_tokens;
    const total = perImage * payload.count;
    const stopping = new InterruptableStoppingCriteria();
    const onAbort = () => stopping.interrupt();
    options.signal?.addEventListener('abort', onAbort);
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
          stopping_criteria: stopping,
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
        // A stopped loop still decodes its partial tokens; that picture is never handed out.
        if (stopping.interrupted || options.signal?.aborted) throw new AppError('aborted', 'Stopped.');
        const image = images[0];
        if (!image) throw new AppError('unknown', 'The image model returned no picture.');
        size = { width: image.width, height: image.height };
        pictures.push(await image.toBlob('image/png'));
      }
    } catch (error) {
      if (stopping.interrupted || options.signal?.aborted) throw new AppError('aborted', 'Stopped.', { cause: error });
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    const ms = performance.now() - started;
    return { pictures, ...size, imageTokens: total, ms, imageTokensPerSecond: ms > 0 ? total / (ms / 1000) : 0 };
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
