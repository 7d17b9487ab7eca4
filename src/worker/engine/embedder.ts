// The embedding engine: a transformers.js feature-extraction pipeline that turns passages and questions into vectors.

import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { AppError } from '../../shared/errors';
import type { CallOptions, LoadEvent } from '../protocol';
import type { EmbedEvent, EmbedPayload, EmbedResult, EmbedderFigures, EmbedderLoadPayload, EmbedderLoadResult } from '../embed-protocol';
import { dtypeOption, sameModel } from './load-options';
import type { Runtime } from './runtime';

/** Texts per forward pass: large enough to keep the GPU busy, small enough that padding to the longest costs little. */
const BATCH = 16;

export class Embedder {
  private loaded: { payload: EmbedderLoadPayload; extractor: FeatureExtractionPipeline; dimensions: number } | null = null;
  private readonly figures: EmbedderFigures = { calls: 0, texts: 0 };

  constructor(private readonly runtime: Runtime) {}

  async load(payload: EmbedderLoadPayload, options: CallOptions<LoadEvent> = {}): Promise<EmbedderLoadResult> {
    if (this.loaded && sameModel(this.loaded.payload, payload)) return { dimensions: this.loaded.dimensions, loadMs: 0 };
    const started = performance.now();
    await this.loaded?.extractor.dispose();
    this.loaded = null;
    this.runtime.honourRevision(payload);
    const { value: extractor } = await this.runtime.trackLoad(payload.repo, options, (progress_callback) =>
      pipeline('feature-extraction', payload.repo, {
        revision: payload.revision,
        device: payload.device,
        dtype: dtypeOption(payload) as never,
        progress_callback,
      }) as Promise<FeatureExtractionPipeline>,
    );
    const probe = await extractor(['probe'], { pooling: payload.pooling, normalize: true });
    const dimensions = probe.dims[1] ?? 0;
    this.loaded = { payload, extractor, dimensions };
    return { dimensions, loadMs: performance.now() - started };
  }

  async embed(payload: EmbedPayload, options: CallOptions<EmbedEvent> = {}): Promise<EmbedResult> {
    const loaded = this.loaded;
    if (!loaded) throw new AppError('not-loaded', 'The embedding model is not loaded.');
    const started = performance.now();
    const { texts, prefix } = payload;
    const vectors = new Float32Array(texts.length * loaded.dimensions);
    for (let from = 0; from < texts.length; from += BATCH) {
      options.signal?.throwIfAborted();
      const batch = texts.slice(from, from + BATCH).map((t) => prefix + t);
      const output = await loaded.extractor(batch, { pooling: loaded.payload.pooling, normalize: true });
      vectors.set(output.data as Float32Array, from * loaded.dimensions);
      output.dispose();
      options.onEvent?.({ type: 'embedded', done: Math.min(texts.length, from + BATCH), total: texts.length });
    }
    this.figures.calls += 1;
    this.figures.texts += texts.length;
    return { vectors, dimensions: loaded.dimensions, ms: performance.now() - started, figures: { ...this.figures } };
  }
}
