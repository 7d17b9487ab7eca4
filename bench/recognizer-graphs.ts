// Seeded random-weight replicas of the two speech recognizers issue 16 compares, with the real dimensions and the real
// input/output names transformers.js 4.3.2 feeds, so its ASR pipeline runs them exactly as it runs the Hub files.
// Speed depends on graph shapes, not weight values: these give honest timing and no accuracy at all.
//
// onnx-community/whisper-base (config: openai/whisper-base, d_model 512, 6+6 layers, 8 heads, FFN 2048, 80 mel bins,
//   vocab 51865; e2e/fixtures/whisper/configs.ts keeps the real token ids). Encoder: input_features [B, 80, 3000]
//   -> conv(k3) GELU -> conv(k3, stride 2) GELU -> + positions -> 6 pre-LN layers -> LN -> last_hidden_state
//   [B, 1500, 512]: always 30 s, whatever the clip length.
// onnx-community/moonshine-base-ONNX (config: huggingface.co/UsefulSensors/moonshine-base config.json @fec8e73: hidden
//   416, 8 encoder + 8 decoder layers, 8 heads (head_dim 52), intermediate 1664, partial_rotary_factor 0.62,
//   rope_theta 10000, vocab 32768, bos/decoder_start 1, eos 2; encoder GELU, decoder SiLU-gated MLP). Encoder
//   (transformers MoonshineEncoder): input_values [B, samples] -> conv(1->416, k127, stride 64, no bias) tanh ->
//   GroupNorm(1 group) -> conv(416->832, k7, stride 3) GELU -> conv(832->416, k3, stride 2) GELU -> 8 layers with
//   rotary positions -> LN (no bias) -> last_hidden_state [B, T, 416], T = ((((n-127)/64+1)-7)/3+1-3)/2+1: about
//   41.6 positions per second of audio, so the work follows the clip.
//   transformers.js: MoonshinePreTrainedModel (main_input_name input_values, no attention mask),
//   MoonshineFeatureExtractor (raw samples as [1, n]), configs.js reads decoder_num_hidden_layers /
//   decoder_num_key_value_heads / encoder_* / hidden_size (packages/transformers/src in huggingface/transformers.js).
//
// Both merged decoders use the Optimum seq2seq layout transformers.js feeds (as e2e/fixtures/whisper/graphs.ts):
//   input_ids, encoder_hidden_states, past_key_values.{i}.decoder|encoder.key|value, use_cache_branch -> logits,
//   present.{i}.decoder|encoder.key|value. The real export switches on use_cache_branch with an If node; here the
//   encoder states are sliced to length 0 on cached steps instead, so the cross-attention projections cost nothing
//   there either, and the encoder presents are empty there (the real cached branch returns small constants, which
//   transformers.js discards), so no step copies the encoder cache.
//
// Departures from the real files, none of which changes the amount of work much: fp32 weights everywhere (the app
// loads Whisper's decoder as q4 and its encoder as fp32; the real q4/q8 files run somewhat differently); rotary on
// the first rotary_dim channels in halves rather than interleaved; an untied LM head whose end-of-text column is
// zero, so its logit is exactly 0 while the best of 32k-52k random logits is far above: greedy decoding never stops
// early and every transcript is exactly max_new_tokens long.

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as OnnxProtoModule from 'onnx-proto';
import { GraphBuilder, addBiasFromPositions, addCausalPositions, type Dim } from '../e2e/fixtures/onnx-graph';
import { rng } from './make-model';

const { onnx } = createRequire(import.meta.url)('onnx-proto') as typeof OnnxProtoModule;

export interface WhisperShape {
  dModel: number;
  heads: number;
  encoderLayers: number;
  decoderLayers: number;
  ffn: number;
  melBins: number;
  frames: number;
  maxTargetPositions: number;
  vocab: number;
  eos: number;
  seed: number;
}

export interface MoonshineShape {
  hidden: number;
  heads: number;
  encoderLayers: number;
  decoderLayers: number;
  intermediate: number;
  partialRotaryFactor: number;
  ropeTheta: number;
  maxPositions: number;
  vocab: number;
  eos: number;
  seed: number;
}

/** openai/whisper-base config.json (as onnx-community/whisper-base ships it). */
export const WHISPER_BASE: WhisperShape = {
  dModel: 512,
  heads: 8,
  encoderLayers: 6,
  decoderLayers: 6,
  ffn: 2048,
  melBins: 80,
  frames: 3000,
  maxTargetPositions: 448,
  vocab: 51865,
  eos: 50257,
  seed: 16,
};

/** UsefulSensors/moonshine-base config.json; maxPositions only sizes the rotary table (20 s = 832 encoder positions). */
export const MOONSHINE_BASE: MoonshineShape = {
  hidden: 416,
  heads: 8,
  encoderLayers: 8,
  decoderLayers: 8,
  intermediate: 1664,
  partialRotaryFactor: 0.62,
  ropeTheta: 10000,
  maxPositions: 2048,
  vocab: 32768,
  eos: 2,
  seed: 16,
};

/** Encoder positions for n samples: the three unpadded convolutions (k127/s64, k7/s3, k3/s2). */
export function moonshineEncoderLength(samples: number): number {
  const c1 = Math.floor((samples - 127) / 64) + 1;
  const c2 = Math.floor((c1 - 7) / 3) + 1;
  return Math.floor((c2 - 3) / 2) + 1;
}

/** head_dim * partial_rotary_factor, rounded down to even (transformers' MoonshineRotaryEmbedding). */
export function moonshineRotaryDim(m: MoonshineShape): number {
  const d = Math.floor((m.hidden / m.heads) * m.partialRotaryFactor);
  return d - (d % 2);
}

const OPSET = 17;
const IR_VERSION = 8;

function seedFor(base: number, name: string): number {
  return createHash('sha256').update(`${base}:${name}`).digest().readUInt32LE(0);
}

/** A graph under construction with big random weights kept aside (the builder would copy them through JS arrays). */
class Net {
  readonly g: GraphBuilder;
  private readonly weights: { name: string; dims: number[]; data: Float32Array }[] = [];
  private readonly seed: number;

  constructor(name: string, seed: number) {
    this.g = new GraphBuilder(name);
    this.seed = seed;
  }

  weight(name: string, dims: number[], data: Float32Array): string {
    this.weights.push({ name, dims, data });
    return name;
  }

  random(name: string, dims: number[], std: number): string {
    const size = dims.reduce((a, b) => a * b, 1);
    const next = rng(seedFor(this.seed, name));
    const half = std * Math.sqrt(3);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = (next() * 2 - 1) * half;
    return this.weight(name, dims, data);
  }

  data(name: string): Float32Array {
    const w = this.weights.find((x) => x.name === name);
    if (!w) throw new Error(`no weight ${name}`);
    return w.data;
  }

  filled(name: string, dims: number[], value: number): string {
    return this.weight(name, dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value));
  }

  linear(x: string, name: string, fanIn: number, fanOut: number, bias: boolean): string {
    this.random(`${name}.weight`, [fanIn, fanOut], 1 / Math.sqrt(fanIn));
    const y = this.g.op('MatMul', [x, `${name}.weight`], `${name}.mm`);
    if (!bias) return y;
    this.filled(`${name}.bias`, [fanOut], 0.01);
    return this.g.op('Add', [y, `${name}.bias`], `${name}.out`);
  }

  layerNorm(x: string, name: string, width: number, bias: boolean): string {
    this.filled(`${name}.weight`, [width], 1);
    const inputs = [x, `${name}.weight`];
    if (bias) inputs.push(this.filled(`${name}.bias`, [width], 0));
    return this.g.op('LayerNormalization', inputs, `${name}.out`, { axis: -1, epsilon: { float: 1e-5 } });
  }

  /** The erf form of GELU, which ONNX Runtime fuses. */
  gelu(x: string, name: string): string {
    this.g.op('Div', [x, 'sqrt2'], `${name}.scaled`);
    this.g.op('Erf', [`${name}.scaled`], `${name}.erf`);
    this.g.op('Add', [`${name}.erf`, 'f_one'], `${name}.erf1`);
    this.g.op('Mul', [x, `${name}.erf1`], `${name}.x_erf1`);
    return this.g.op('Mul', [`${name}.x_erf1`, 'f_half'], `${name}.out`);
  }

  /** [B, S, A] -> [B, H, S, D] (needs the constant heads_shape). */
  heads(x: string, name: string): string {
    this.g.op('Reshape', [x, 'heads_shape'], `${name}.bshd`);
    return this.g.op('Transpose', [`${name}.bshd`], `${name}.bhsd`, { perm: [0, 2, 1, 3] });
  }

  /** Scaled dot-product attention over [B, H, *, D]; returns [B, S, A] (needs q_scale and merge_shape). */
  attend(q: string, k: string, v: string, name: string, bias?: string): string {
    const g = this.g;
    g.op('Mul', [q, 'q_scale'], `${name}.q_scaled`);
    g.op('Transpose', [k], `${name}.kt`, { perm: [0, 1, 3, 2] });
    let scores = g.op('MatMul', [`${name}.q_scaled`, `${name}.kt`], `${name}.scores_raw`);
    if (bias) scores = g.op('Add', [scores, bias], `${name}.scores`);
    g.op('Softmax', [scores], `${name}.probs`, { axis: -1 });
    g.op('MatMul', [`${name}.probs`, v], `${name}.ctx_bhsd`);
    g.op('Transpose', [`${name}.ctx_bhsd`], `${name}.ctx_bshd`, { perm: [0, 2, 1, 3] });
    return g.op('Reshape', [`${name}.ctx_bshd`, 'merge_shape'], `${name}.ctx`);
  }

  commonConstants(heads: number, headDim: number): void {
    const g = this.g;
    g.constI64('heads_shape', [4], [0, 0, heads, headDim]);
    g.constI64('merge_shape', [3], [0, 0, heads * headDim]);
    g.constF32('q_scale', [], [1 / Math.sqrt(headDim)]);
    g.constF32('sqrt2', [], [Math.SQRT2]);
    g.constF32('f_half', [], [0.5]);
  }

  encode(doc: string): Uint8Array {
    const skeleton = this.g.encode({ opset: OPSET, irVersion: IR_VERSION, producer: 'sensa-bench', doc });
    const model = onnx.ModelProto.decode(skeleton);
    if (!model.graph) throw new Error('no graph');
    const initializers = (model.graph.initializer ??= []);
    for (const w of this.weights) {
      if (w.dims.reduce((a, b) => a * b, 1) !== w.data.length) throw new Error(`bad size for ${w.name}`);
      const bytes = new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength);
      initializers.push(onnx.TensorProto.create({ name: w.name, dims: w.dims, dataType: 1, rawData: bytes }));
    }
    return onnx.ModelProto.encode(model).finish();
  }
}

/** Inputs, cross-attention source and outputs every merged seq2seq decoder here shares. */
function decoderIo(n: Net, layers: number, heads: number, headDim: number, width: number) {
  const g = n.g;
  const B: Dim = 'batch_size';
  const S: Dim = 'decoder_sequence_length';
  const P: Dim = 'past_decoder_sequence_length';
  const E: Dim = 'encoder_sequence_length_out';
  const inputIds = g.input('input_ids', 'int64', [B, S]);
  const ehs = g.input('encoder_hidden_states', 'float32', [B, 'encoder_sequence_length', width]);
  const past = Array.from({ length: layers }, (_, i) => ({
    decKey: g.input(`past_key_values.${i}.decoder.key`, 'float32', [B, heads, P, headDim]),
    decValue: g.input(`past_key_values.${i}.decoder.value`, 'float32', [B, heads, P, headDim]),
    encKey: g.input(`past_key_values.${i}.encoder.key`, 'float32', [B, heads, E, headDim]),
    encValue: g.input(`past_key_values.${i}.encoder.value`, 'float32', [B, heads, E, headDim]),
  }));
  const useCache = g.input('use_cache_branch', 'bool', [1]);

  g.constI64('axes_0', [1], [0]);
  g.constI64('axes_1', [1], [1]);
  g.constI64('idx_1', [], [1]);
  g.constI64('idx_2', [], [2]);
  g.constI64('zero', [], [0]);
  g.constI64('one', [], [1]);
  g.constI64('zero_1', [1], [0]);
  g.constI64('one_1', [1], [1]);
  g.constI64('two_1', [1], [2]);
  g.constF32('f_one', [], [1]);
  g.constF32('mask_penalty', [], [1e4]);

  // Causal bias [S, T] over the self-attention cache; q_pos are the new tokens' positions.
  const first = past[0];
  if (!first) throw new Error('a decoder needs layers');
  addCausalPositions(g, first.decKey, inputIds);
  addBiasFromPositions(g, 'q_pos', 'k_pos');

  // The encoder states on the first step only (use_cache_branch false); empty afterwards.
  g.op('Shape', [ehs], 'ehs_shape');
  g.op('Slice', ['ehs_shape', 'one_1', 'two_1', 'zero_1'], 'enc_len_1');
  g.op('Cast', [useCache], 'use_cache_i64', { to: 7 });
  g.op('Sub', ['one_1', 'use_cache_i64'], 'fresh_flag');
  g.op('Mul', ['enc_len_1', 'fresh_flag'], 'fresh_len');
  const ehsFresh = g.op('Slice', [ehs, 'zero_1', 'fresh_len', 'axes_1'], 'ehs_fresh');

  const presents: { name: string; dims: Dim[] }[] = [];
  const total: Dim = 'past_decoder_sequence_length + decoder_sequence_length';
  // Cross-attention reads the cached encoder K/V where they lie: scores against the cache and against the fresh
  // projections (one of the two is empty) are concatenated, and the probabilities split back. The encoder presents
  // are only the fresh projections, empty on cached steps, as Optimum's merged export returns small constants there
  // and transformers.js keeps the previous cache (getPastKeyValues); a Concat would copy the whole cache every step.
  const firstEnc = first.encKey;
  g.op('Shape', [firstEnc], 'enc_past_shape');
  g.constI64('two_1b', [1], [2]);
  g.constI64('three_1', [1], [3]);
  g.constI64('last_axis_1', [1], [-1]);
  g.constI64('big_1', [1], [1 << 30]);
  g.op('Slice', ['enc_past_shape', 'two_1b', 'three_1', 'zero_1'], 'enc_past_len_1');
  /** Appends the new self-attention K/V to the cache, declares the presents, and returns what attention reads. */
  const caches = (i: number, selfK: string, selfV: string, crossK: string, crossV: string) => {
    const p = past[i];
    if (!p) throw new Error(`no layer ${i}`);
    const pk = g.op('Concat', [p.decKey, selfK], `present.${i}.decoder.key`, { axis: 2 });
    const pv = g.op('Concat', [p.decValue, selfV], `present.${i}.decoder.value`, { axis: 2 });
    const ek = g.op('Identity', [crossK], `present.${i}.encoder.key`);
    const ev = g.op('Identity', [crossV], `present.${i}.encoder.value`);
    presents.push({ name: pk, dims: [B, heads, total, headDim] }, { name: pv, dims: [B, heads, total, headDim] });
    presents.push({ name: ek, dims: [B, heads, E, headDim] }, { name: ev, dims: [B, heads, E, headDim] });
    return { pk, pv, pastEk: p.encKey, pastEv: p.encValue, newEk: ek, newEv: ev };
  };
  /** Cross-attention over [cached ; fresh] encoder K/V without concatenating them; returns [B, S, A]. */
  const crossAttend = (q: string, c: ReturnType<typeof caches>, name: string): string => {
    g.op('Mul', [q, 'q_scale'], `${name}.q_scaled`);
    g.op('Transpose', [c.pastEk], `${name}.kt_past`, { perm: [0, 1, 3, 2] });
    g.op('Transpose', [c.newEk], `${name}.kt_new`, { perm: [0, 1, 3, 2] });
    g.op('MatMul', [`${name}.q_scaled`, `${name}.kt_past`], `${name}.scores_past`);
    g.op('MatMul', [`${name}.q_scaled`, `${name}.kt_new`], `${name}.scores_new`);
    g.op('Concat', [`${name}.scores_past`, `${name}.scores_new`], `${name}.scores`, { axis: -1 });
    g.op('Softmax', [`${name}.scores`], `${name}.probs`, { axis: -1 });
    g.op('Slice', [`${name}.probs`, 'zero_1', 'enc_past_len_1', 'last_axis_1'], `${name}.probs_past`);
    g.op('Slice', [`${name}.probs`, 'enc_past_len_1', 'big_1', 'last_axis_1'], `${name}.probs_new`);
    g.op('MatMul', [`${name}.probs_past`, c.pastEv], `${name}.ctx_past`);
    g.op('MatMul', [`${name}.probs_new`, c.newEv], `${name}.ctx_new`);
    g.op('Add', [`${name}.ctx_past`, `${name}.ctx_new`], `${name}.ctx_bhsd`);
    g.op('Transpose', [`${name}.ctx_bhsd`], `${name}.ctx_bshd`, { perm: [0, 2, 1, 3] });
    return g.op('Reshape', [`${name}.ctx_bshd`, 'merge_shape'], `${name}.ctx`);
  };
  const finish = (logits: string, vocab: number) => {
    g.output(logits, 'float32', [B, S, vocab]);
    for (const p of presents) g.output(p.name, 'float32', p.dims);
  };
  return { inputIds, ehs: ehsFresh, caches, crossAttend, finish };
}

/** LM head [width, vocab] with the end-of-text column zero: its logit is exactly 0, far below the best random one. */
function lmHead(n: Net, h: string, width: number, vocab: number, eos: number): string {
  const head = n.random('lm_head.weight', [width, vocab], 3 / Math.sqrt(width));
  const data = n.data(head);
  for (let r = 0; r < width; r++) data[r * vocab + eos] = 0;
  return n.g.op('MatMul', [h, head], 'logits');
}

// ---------------------------------------------------------------- Whisper

export function whisperEncoder(m: WhisperShape): Uint8Array {
  const { dModel: W, heads: H, ffn: F, melBins, frames } = m;
  const D = W / H;
  const positions = frames / 2;
  const n = new Net('sensa_bench_whisper_encoder', m.seed);
  const g = n.g;
  n.commonConstants(H, D);
  g.constF32('f_one', [], [1]);
  const B: Dim = 'batch_size';
  const x = g.input('input_features', 'float32', [B, melBins, frames]);

  n.random('conv1.weight', [W, melBins, 3], 1 / Math.sqrt(melBins * 3));
  n.filled('conv1.bias', [W], 0.01);
  g.op('Conv', [x, 'conv1.weight', 'conv1.bias'], 'conv1.out', { kernel_shape: [3], pads: [1, 1] });
  const c1 = n.gelu('conv1.out', 'conv1.gelu');
  n.random('conv2.weight', [W, W, 3], 1 / Math.sqrt(W * 3));
  n.filled('conv2.bias', [W], 0.01);
  g.op('Conv', [c1, 'conv2.weight', 'conv2.bias'], 'conv2.out', { kernel_shape: [3], pads: [1, 1], strides: [2] });
  const c2 = n.gelu('conv2.out', 'conv2.gelu');
  g.op('Transpose', [c2], 'conv.btc', { perm: [0, 2, 1] });
  n.random('embed_positions.weight', [positions, W], 0.5);
  let h = g.op('Add', ['conv.btc', 'embed_positions.weight'], 'h_0');

  for (let i = 0; i < m.encoderLayers; i++) {
    const l = `layers.${i}`;
    const x1 = n.layerNorm(h, `${l}.self_attn_layer_norm`, W, true);
    const q = n.heads(n.linear(x1, `${l}.q_proj`, W, W, true), `${l}.q`);
    const k = n.heads(n.linear(x1, `${l}.k_proj`, W, W, false), `${l}.k`);
    const v = n.heads(n.linear(x1, `${l}.v_proj`, W, W, true), `${l}.v`);
    const ctx = n.attend(q, k, v, `${l}.attn`);
    const mid = g.op('Add', [h, n.linear(ctx, `${l}.out_proj`, W, W, true)], `${l}.mid`);
    const x2 = n.layerNorm(mid, `${l}.final_layer_norm`, W, true);
    const up = n.gelu(n.linear(x2, `${l}.fc1`, W, F, true), `${l}.act`);
    h = g.op('Add', [mid, n.linear(up, `${l}.fc2`, F, W, true)], `${l}.out`);
  }
  g.op('Identity', [n.layerNorm(h, 'layer_norm', W, true)], 'last_hidden_state');
  g.output('last_hidden_state', 'float32', [B, positions, W]);
  return n.encode('Sensa bench: Whisper base encoder shapes with seeded random weights. See bench/recognizer-graphs.ts.');
}

export function whisperDecoder(m: WhisperShape): Uint8Array {
  const { dModel: W, heads: H, ffn: F } = m;
  const D = W / H;
  const n = new Net('sensa_bench_whisper_decoder', m.seed + 1);
  const g = n.g;
  n.commonConstants(H, D);
  const io = decoderIo(n, m.decoderLayers, H, D, W);

  n.random('embed_tokens.weight', [m.vocab, W], 1);
  n.random('embed_positions.weight', [m.maxTargetPositions, W], 0.5);
  g.op('Gather', ['embed_tokens.weight', io.inputIds], 'tok_emb', { axis: 0 });
  g.op('Gather', ['embed_positions.weight', 'q_pos'], 'pos_emb', { axis: 0 });
  let h = g.op('Add', ['tok_emb', 'pos_emb'], 'h_0');

  for (let i = 0; i < m.decoderLayers; i++) {
    const l = `layers.${i}`;
    const x1 = n.layerNorm(h, `${l}.self_attn_layer_norm`, W, true);
    const q = n.heads(n.linear(x1, `${l}.self_attn.q_proj`, W, W, true), `${l}.sq`);
    const k = n.heads(n.linear(x1, `${l}.self_attn.k_proj`, W, W, false), `${l}.sk`);
    const v = n.heads(n.linear(x1, `${l}.self_attn.v_proj`, W, W, true), `${l}.sv`);
    const ck = n.heads(n.linear(io.ehs, `${l}.encoder_attn.k_proj`, W, W, false), `${l}.ck`);
    const cv = n.heads(n.linear(io.ehs, `${l}.encoder_attn.v_proj`, W, W, true), `${l}.cv`);
    const c = io.caches(i, k, v, ck, cv);
    const sctx = n.attend(q, c.pk, c.pv, `${l}.self`, 'attn_bias');
    const mid = g.op('Add', [h, n.linear(sctx, `${l}.self_attn.out_proj`, W, W, true)], `${l}.mid`);
    const x2 = n.layerNorm(mid, `${l}.encoder_attn_layer_norm`, W, true);
    const cq = n.heads(n.linear(x2, `${l}.encoder_attn.q_proj`, W, W, true), `${l}.cq`);
    const cctx = io.crossAttend(cq, c, `${l}.cross`);
    const mid2 = g.op('Add', [mid, n.linear(cctx, `${l}.encoder_attn.out_proj`, W, W, true)], `${l}.mid2`);
    const x3 = n.layerNorm(mid2, `${l}.final_layer_norm`, W, true);
    const up = n.gelu(n.linear(x3, `${l}.fc1`, W, F, true), `${l}.act`);
    h = g.op('Add', [mid2, n.linear(up, `${l}.fc2`, F, W, true)], `${l}.out`);
  }
  const final = n.layerNorm(h, 'layer_norm', W, true);
  io.finish(lmHead(n, final, W, m.vocab, m.eos), m.vocab);
  return n.encode('Sensa bench: Whisper base merged decoder shapes with seeded random weights. See bench/recognizer-graphs.ts.');
}

// ---------------------------------------------------------------- Moonshine

/** Rotary tables [maxPositions, rot/2] (cos, sin), as weights. */
function rotaryTables(n: Net, m: MoonshineShape, rot: number): void {
  const half = rot / 2;
  const cos = new Float32Array(m.maxPositions * half);
  const sin = new Float32Array(m.maxPositions * half);
  for (let p = 0; p < m.maxPositions; p++) {
    for (let j = 0; j < half; j++) {
      const angle = p / Math.pow(m.ropeTheta, (2 * j) / rot);
      cos[p * half + j] = Math.cos(angle);
      sin[p * half + j] = Math.sin(angle);
    }
  }
  n.weight('rope_cos', [m.maxPositions, half], cos);
  n.weight('rope_sin', [m.maxPositions, half], sin);
}

/** cos/sin [S, rot] for the given positions (writes rot_cos, rot_sin) and the slicing constants. */
function rotaryFor(n: Net, positions: string, rot: number, headDim: number): void {
  const g = n.g;
  for (const t of ['cos', 'sin'] as const) {
    g.op('Gather', [`rope_${t}`, positions], `${t}_half`, { axis: 0 });
    g.op('Concat', [`${t}_half`, `${t}_half`], `rot_${t}`, { axis: -1 });
  }
  g.constI64('rot_start', [1], [0]);
  g.constI64('rot_mid', [1], [rot / 2]);
  g.constI64('rot_end', [1], [rot]);
  g.constI64('head_end', [1], [headDim]);
  g.constI64('axis_last', [1], [3]);
}

/** Rotates the first rot channels of [B, H, S, D] and keeps the rest (partial rotary). */
function rotate(n: Net, x: string, name: string): string {
  const g = n.g;
  g.op('Slice', [x, 'rot_start', 'rot_end', 'axis_last'], `${name}.rot`);
  g.op('Slice', [x, 'rot_end', 'head_end', 'axis_last'], `${name}.pass`);
  g.op('Slice', [`${name}.rot`, 'rot_start', 'rot_mid', 'axis_last'], `${name}.x1`);
  g.op('Slice', [`${name}.rot`, 'rot_mid', 'rot_end', 'axis_last'], `${name}.x2`);
  g.op('Neg', [`${name}.x2`], `${name}.neg_x2`);
  g.op('Concat', [`${name}.neg_x2`, `${name}.x1`], `${name}.turned`, { axis: -1 });
  g.op('Mul', [`${name}.rot`, 'rot_cos'], `${name}.xcos`);
  g.op('Mul', [`${name}.turned`, 'rot_sin'], `${name}.rsin`);
  g.op('Add', [`${name}.xcos`, `${name}.rsin`], `${name}.roped`);
  return g.op('Concat', [`${name}.roped`, `${name}.pass`], `${name}.out`, { axis: -1 });
}

export function moonshineEncoder(m: MoonshineShape): Uint8Array {
  const { hidden: W, heads: H, intermediate: F } = m;
  const D = W / H;
  const rot = moonshineRotaryDim(m);
  const n = new Net('sensa_bench_moonshine_encoder', m.seed);
  const g = n.g;
  n.commonConstants(H, D);
  g.constF32('f_one', [], [1]);
  g.constF32('gn_eps', [], [1e-5]);
  g.constI64('axes_1', [1], [1]);
  g.constI64('zero', [], [0]);
  g.constI64('one', [], [1]);
  g.constI64('idx_1', [], [1]);
  const B: Dim = 'batch_size';
  const x = g.input('input_values', 'float32', [B, 'num_samples']);
  rotaryTables(n, m, rot);

  g.op('Unsqueeze', [x, 'axes_1'], 'audio_b1n');
  n.random('conv1.weight', [W, 1, 127], 1 / Math.sqrt(127));
  g.op('Conv', ['audio_b1n', 'conv1.weight'], 'conv1.out', { kernel_shape: [127], strides: [64] });
  g.op('Tanh', ['conv1.out'], 'conv1.tanh');
  // GroupNorm with one group: normalise over channels and time together, then a per-channel affine.
  g.op('ReduceMean', ['conv1.tanh'], 'gn.mean', { axes: [1, 2], keepdims: 1 });
  g.op('Sub', ['conv1.tanh', 'gn.mean'], 'gn.centred');
  g.op('Mul', ['gn.centred', 'gn.centred'], 'gn.sq');
  g.op('ReduceMean', ['gn.sq'], 'gn.var', { axes: [1, 2], keepdims: 1 });
  g.op('Add', ['gn.var', 'gn_eps'], 'gn.var_eps');
  g.op('Sqrt', ['gn.var_eps'], 'gn.std');
  g.op('Div', ['gn.centred', 'gn.std'], 'gn.normed');
  n.filled('groupnorm.weight', [W, 1], 1);
  n.filled('groupnorm.bias', [W, 1], 0);
  g.op('Mul', ['gn.normed', 'groupnorm.weight'], 'gn.scaled');
  g.op('Add', ['gn.scaled', 'groupnorm.bias'], 'gn.out');
  n.random('conv2.weight', [2 * W, W, 7], 1 / Math.sqrt(W * 7));
  n.filled('conv2.bias', [2 * W], 0.01);
  g.op('Conv', ['gn.out', 'conv2.weight', 'conv2.bias'], 'conv2.out', { kernel_shape: [7], strides: [3] });
  const c2 = n.gelu('conv2.out', 'conv2.gelu');
  n.random('conv3.weight', [W, 2 * W, 3], 1 / Math.sqrt(2 * W * 3));
  n.filled('conv3.bias', [W], 0.01);
  g.op('Conv', [c2, 'conv3.weight', 'conv3.bias'], 'conv3.out', { kernel_shape: [3], strides: [2] });
  const c3 = n.gelu('conv3.out', 'conv3.gelu');
  let h = g.op('Transpose', [c3], 'h_0', { perm: [0, 2, 1] });

  // Positions 0..T-1 follow the audio.
  g.op('Shape', [h], 'h_shape');
  g.op('Gather', ['h_shape', 'idx_1'], 'enc_len', { axis: 0 });
  g.op('Range', ['zero', 'enc_len', 'one'], 'enc_pos');
  rotaryFor(n, 'enc_pos', rot, D);

  for (let i = 0; i < m.encoderLayers; i++) {
    const l = `layers.${i}`;
    const x1 = n.layerNorm(h, `${l}.input_layernorm`, W, false);
    const q = rotate(n, n.heads(n.linear(x1, `${l}.self_attn.q_proj`, W, W, false), `${l}.q`), `${l}.q`);
    const k = rotate(n, n.heads(n.linear(x1, `${l}.self_attn.k_proj`, W, W, false), `${l}.k`), `${l}.k`);
    const v = n.heads(n.linear(x1, `${l}.self_attn.v_proj`, W, W, false), `${l}.v`);
    const ctx = n.attend(q, k, v, `${l}.attn`);
    const mid = g.op('Add', [h, n.linear(ctx, `${l}.self_attn.o_proj`, W, W, false)], `${l}.mid`);
    const x2 = n.layerNorm(mid, `${l}.post_attention_layernorm`, W, false);
    const up = n.gelu(n.linear(x2, `${l}.mlp.fc1`, W, F, true), `${l}.act`);
    h = g.op('Add', [mid, n.linear(up, `${l}.mlp.fc2`, F, W, true)], `${l}.out`);
  }
  g.op('Identity', [n.layerNorm(h, 'layer_norm', W, false)], 'last_hidden_state');
  g.output('last_hidden_state', 'float32', [B, 'encoder_sequence_length', W]);
  return n.encode('Sensa bench: Moonshine base encoder shapes with seeded random weights. See bench/recognizer-graphs.ts.');
}

export function moonshineDecoder(m: MoonshineShape): Uint8Array {
  const { hidden: W, heads: H, intermediate: F } = m;
  const D = W / H;
  const rot = moonshineRotaryDim(m);
  const n = new Net('sensa_bench_moonshine_decoder', m.seed + 1);
  const g = n.g;
  n.commonConstants(H, D);
  const io = decoderIo(n, m.decoderLayers, H, D, W);
  rotaryTables(n, m, rot);
  rotaryFor(n, 'q_pos', rot, D);

  n.random('embed_tokens.weight', [m.vocab, W], 1);
  let h = g.op('Gather', ['embed_tokens.weight', io.inputIds], 'h_0', { axis: 0 });

  for (let i = 0; i < m.decoderLayers; i++) {
    const l = `layers.${i}`;
    const x1 = n.layerNorm(h, `${l}.input_layernorm`, W, false);
    const q = rotate(n, n.heads(n.linear(x1, `${l}.self_attn.q_proj`, W, W, false), `${l}.sq`), `${l}.sq`);
    const k = rotate(n, n.heads(n.linear(x1, `${l}.self_attn.k_proj`, W, W, false), `${l}.sk`), `${l}.sk`);
    const v = n.heads(n.linear(x1, `${l}.self_attn.v_proj`, W, W, false), `${l}.sv`);
    const ck = n.heads(n.linear(io.ehs, `${l}.encoder_attn.k_proj`, W, W, false), `${l}.ck`);
    const cv = n.heads(n.linear(io.ehs, `${l}.encoder_attn.v_proj`, W, W, false), `${l}.cv`);
    const c = io.caches(i, k, v, ck, cv);
    const sctx = n.attend(q, c.pk, c.pv, `${l}.self`, 'attn_bias');
    const mid = g.op('Add', [h, n.linear(sctx, `${l}.self_attn.o_proj`, W, W, false)], `${l}.mid`);
    const x2 = n.layerNorm(mid, `${l}.post_attention_layernorm`, W, false);
    const cq = n.heads(n.linear(x2, `${l}.encoder_attn.q_proj`, W, W, false), `${l}.cq`);
    const cctx = io.crossAttend(cq, c, `${l}.cross`);
    const mid2 = g.op('Add', [mid, n.linear(cctx, `${l}.encoder_attn.o_proj`, W, W, false)], `${l}.mid2`);
    const x3 = n.layerNorm(mid2, `${l}.final_layernorm`, W, false);
    // SiLU-gated MLP: fc1 to 2F, halves (x, gate), silu(gate) * x, fc2 back.
    n.linear(x3, `${l}.mlp.fc1`, W, 2 * F, true);
    h = swiglu(n, l, F, mid2, W);
  }
  const final = n.layerNorm(h, 'norm', W, false);
  io.finish(lmHead(n, final, W, m.vocab, m.eos), m.vocab);
  return n.encode('Sensa bench: Moonshine base merged decoder shapes with seeded random weights. See bench/recognizer-graphs.ts.');
}

/** silu(gate) * x over the two halves of fc1's output (Slice: GraphBuilder nodes have one output, Split has two). */
function swiglu(n: Net, l: string, F: number, residual: string, W: number): string {
  const g = n.g;
  g.constI64(`${l}.f0`, [1], [0]);
  g.constI64(`${l}.f1`, [1], [F]);
  g.constI64(`${l}.f2`, [1], [2 * F]);
  g.constI64(`${l}.fax`, [1], [-1]);
  g.op('Slice', [`${l}.mlp.fc1.out`, `${l}.f0`, `${l}.f1`, `${l}.fax`], `${l}.mlp.val`);
  g.op('Slice', [`${l}.mlp.fc1.out`, `${l}.f1`, `${l}.f2`, `${l}.fax`], `${l}.mlp.gate`);
  g.op('Sigmoid', [`${l}.mlp.gate`], `${l}.mlp.gate_sig`);
  g.op('Mul', [`${l}.mlp.gate`, `${l}.mlp.gate_sig`], `${l}.mlp.gate_silu`);
  g.op('Mul', [`${l}.mlp.gate_silu`, `${l}.mlp.val`], `${l}.mlp.act`);
  return g.op('Add', [residual, n.linear(`${l}.mlp.act`, `${l}.mlp.fc2`, F, W, true)], `${l}.out`);
}
