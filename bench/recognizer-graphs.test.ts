// The bench replicas load and run through transformers.js' real ASR path, with the property the comparison rests on:
// Moonshine's encoder length follows the audio, Whisper's is always 1500 positions; both write exactly N tokens.
// Narrow widths keep it fast; the layout, IO names and sequence arithmetic are the full-size ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tensor, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { openLocalHub, type LocalHub } from '../e2e/fixtures/local-hub';
import { MOONSHINE_BASE, WHISPER_BASE, moonshineEncoderLength } from './recognizer-graphs';
import { MOONSHINE_REPO, SAMPLE_RATE, WHISPER_REPO, loadAsr, speechLike, writeMoonshineReplica, writeWhisperReplica } from './recognizers';

const NARROW_MOONSHINE = { ...MOONSHINE_BASE, hidden: 32, heads: 2, encoderLayers: 1, decoderLayers: 2, intermediate: 64 };
const NARROW_WHISPER = { ...WHISPER_BASE, dModel: 32, heads: 2, encoderLayers: 1, decoderLayers: 2, ffn: 64 };
const TOKENS = 5;

type Model = {
  generate(inputs: Record<string, unknown>): Promise<Tensor>;
  (inputs: Record<string, Tensor>): Promise<Record<string, Tensor>>;
};

let local: LocalHub;
let moonshine: AutomaticSpeechRecognitionPipeline;
let whisper: AutomaticSpeechRecognitionPipeline;

beforeAll(async () => {
  local = openLocalHub('sensa-recognizer-bench-');
  writeMoonshineReplica(local.hub, NARROW_MOONSHINE);
  writeWhisperReplica(local.hub, NARROW_WHISPER);
  moonshine = await loadAsr(MOONSHINE_REPO, { encoder_model: 'fp32', decoder_model_merged: 'fp32' });
  whisper = await loadAsr(WHISPER_REPO, { encoder_model: 'fp32', decoder_model_merged: 'q4' });
}, 60_000);

afterAll(async () => {
  await moonshine?.dispose();
  await whisper?.dispose();
  local?.remove();
});

/** Cross-attention cache length after one decoder step = encoder output positions. */
async function encoderPositions(model: Model, inputs: Record<string, Tensor>, start: number): Promise<number | undefined> {
  const out = await model({ ...inputs, decoder_input_ids: new Tensor('int64', BigInt64Array.from([BigInt(start)]), [1, 1]) });
  return out['present.0.encoder.key']?.dims[2];
}

describe('Moonshine base replica', () => {
  it.each([1, 3])('runs a %i s clip with an encoder as long as the audio and exactly N new tokens', async (seconds) => {
    const audio = speechLike(seconds);
    const input_values = new Tensor('float32', audio, [1, audio.length]);
    const model = moonshine.model as unknown as Model;
    expect(await encoderPositions(model, { input_values }, 1)).toBe(moonshineEncoderLength(seconds * SAMPLE_RATE));
    const ids = await model.generate({ input_values, max_new_tokens: TOKENS });
    expect(ids.dims).toEqual([1, 1 + TOKENS]); // decoder_start_token_id, then N tokens: end of text never wins
    const { text } = (await moonshine(audio, { max_new_tokens: TOKENS } as never)) as { text: string };
    expect(text.length).toBeGreaterThan(0);
  });

  it('matches the published encoder rate: about 41.6 positions per second', () => {
    expect(moonshineEncoderLength(16_000)).toBe(40);
    expect(moonshineEncoderLength(20 * 16_000)).toBe(832);
  });
});

describe('Whisper base replica', () => {
  it.each([1, 3])('encodes a %i s clip as the full 30 s window and writes exactly N tokens', async (seconds) => {
    const audio = speechLike(seconds);
    const { input_features } = (await whisper.processor(audio)) as { input_features: Tensor };
    const model = whisper.model as unknown as Model;
    expect(await encoderPositions(model, { input_features }, 50258)).toBe(1500);
    const ids = await model.generate({ input_features, language: 'english', task: 'transcribe', max_new_tokens: TOKENS });
    // <|startoftranscript|><|en|><|transcribe|><|notimestamps|>, then N tokens.
    expect(ids.dims).toEqual([1, 4 + TOKENS]);
  });
});
