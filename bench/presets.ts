// Benchmark presets: which model each device runs and with what settings. `bench` is the full run, `quick` the CI smoke run.

export interface ModelShape {
  /** Real Llama 3 vocabulary size: the real tokenizer is shipped, so every id it can produce must have a row. */
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  headDim: number;
  intermediateSize: number;
  /** Rotary table length; also config.max_position_embeddings. */
  maxPositions: number;
  seed: number;
}

export type ModelName = 'large' | 'small' | 'tiny';
export type Device = 'webgpu' | 'wasm';

export const MODELS: Readonly<Record<ModelName, ModelShape>> = {
  // 65.7M embedding (tied with the LM head) + 8 x 3.4M layers = 92.9M parameters, 374 MB of fp32.
  large: { vocabSize: 128256, hiddenSize: 512, numLayers: 8, numHeads: 8, headDim: 64, intermediateSize: 1536, maxPositions: 8192, seed: 20260914 },
  // 16.4M embedding + 4 x 0.2M layers = 17.3M parameters, 69 MB: what software WebGPU (SwiftShader) gets through in minutes.
  small: { vocabSize: 128256, hiddenSize: 128, numLayers: 4, numHeads: 4, headDim: 32, intermediateSize: 384, maxPositions: 8192, seed: 20260914 },
  // 8.2M embedding + 2 x 82k layers = 8.3M parameters, 34 MB: the CI smoke run.
  tiny: { vocabSize: 128256, hiddenSize: 64, numLayers: 2, numHeads: 4, headDim: 16, intermediateSize: 192, maxPositions: 4096, seed: 20260914 },
};

export interface DeviceRunSpec {
  device: Device;
  model: ModelName;
  /** New tokens per answer (greedy; the model cannot emit end-of-turn, see make-model.ts). */
  maxNewTokens: number;
  /** Answers per side (app, bare), alternating; medians are reported. */
  reps: number;
  /** Turns whose time to first token is reported (the conversation runs up to the last one). */
  turns: readonly number[];
  /** Tokens per answer in the conversation run. */
  turnTokens: number;
  /** Main-thread run: an imported conversation of `messages` earlier messages, then one answer of `tokens` tokens. */
  stream?: { messages: number; tokens: number };
  /**
   * Only the cold loads and the alternating answers: the fast-model decode row of issue 16 (per-token overhead). Its
   * rows get ids under `id` instead of the device, so a second WASM run does not collide with the first.
   */
  decodeOnly?: boolean;
  id?: string;
}

export interface Preset {
  name: 'bench' | 'quick';
  runs: readonly DeviceRunSpec[];
  /** Captions on WASM: the clip's length in seconds (the issue asks for 10 minutes; the quick run takes a short one). */
  captionsSeconds: number;
  /** Live mode's latency, from a run of its e2e spec (minutes: full runs only). */
  live: boolean;
  /** Pictures each side draws with the Janus-Pro oracle on WASM (the first one of the app's loads the image model). */
  drawingPictures: number;
}

export const PRESETS: Readonly<Record<Preset['name'], Preset>> = {
  bench: {
    name: 'bench',
    runs: [
      // SwiftShader runs WebGPU on the CPU at about 0.1 token/s for the large model: the small one keeps this to minutes.
      { device: 'webgpu', model: 'small', maxNewTokens: 8, reps: 2, turns: [1, 5, 10], turnTokens: 2 },
      { device: 'wasm', model: 'large', maxNewTokens: 64, reps: 3, turns: [1, 5, 10], turnTokens: 24, stream: { messages: 500, tokens: 1000 } },
      // The per-token overhead on a fast model (about 100 tok/s here): 8 answers a side of 128 tokens, alternating,
      // so the spread says whether a difference of a fraction of a millisecond per token is real.
      { device: 'wasm', id: 'wasm-fast', model: 'tiny', maxNewTokens: 128, reps: 8, turns: [], turnTokens: 0, decodeOnly: true },
    ],
    captionsSeconds: 600,
    live: true,
    drawingPictures: 6,
  },
  quick: {
    name: 'quick',
    // The tiny model streams about 90 tokens/s here: 300 tokens keep the main-thread run to a few seconds.
    // 6 answers a side of 128 tokens (about 1.5 s each): enough for a decode spread on the fast model (issue 16).
    runs: [{ device: 'wasm', model: 'tiny', maxNewTokens: 128, reps: 6, turns: [1, 2, 3], turnTokens: 8, stream: { messages: 500, tokens: 300 } }],
    // 30 s: one Whisper window, a few seconds once the recognizer is loaded.
    captionsSeconds: 30,
    live: false,
    // The oracle draws a picture in a fraction of a second: 3 keep the quick run's drawing part to seconds after loads.
    drawingPictures: 3,
  },
};

export function parameterCount(m: ModelShape): number {
  const attn = 4 * m.hiddenSize * m.numHeads * m.headDim;
  const mlp = 3 * m.hiddenSize * m.intermediateSize;
  const norms = 2 * m.hiddenSize;
  return m.vocabSize * m.hiddenSize + m.numLayers * (attn + mlp + norms) + m.hiddenSize;
}

/**
 * `--gpu`: the WebGPU run on a real adapter, in place of the SwiftShader one. The full run gives it the WASM run's
 * model and settings (the large model, same answers, turns and streaming run), so the two device sections compare.
 * The quick run is a smoke test of the path (it is how `--gpu --allow-no-f16` was tested on SwiftShader): the tiny
 * model, few short answers.
 */
export function gpuRun(preset: Preset): DeviceRunSpec {
  if (preset.name === 'quick') return { device: 'webgpu', model: 'tiny', maxNewTokens: 16, reps: 2, turns: [1, 2], turnTokens: 4 };
  const wasm = preset.runs.find((r) => r.device === 'wasm' && !r.decodeOnly);
  if (!wasm) throw new Error(`the ${preset.name} preset has no WASM run for --gpu to copy`);
  return { ...wasm, device: 'webgpu' };
}
