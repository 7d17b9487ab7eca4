import { describe, expect, it } from 'vitest';
import { NO_GPU, type Capabilities } from './capabilities';
import { CATALOG, downloadBytes, parseCatalog } from './catalog';
import { type ModelSpec } from '../domain/model';
import { chooseVariant, listVariants, pickedVariant, rememberedVariants, resolveVariant, unavailableReason } from './variant';

const GPU_F16: Capabilities = { webgpu: true, shaderF16: true, adapter: 'Test GPU', maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30, webgpuProblem: null };
const GPU_NO_F16: Capabilities = { ...GPU_F16, shaderF16: false };

function spec(dtypes: ModelSpec['dtypes']): ModelSpec {
  const base = CATALOG[0];
  if (!base) throw new Error('empty catalog');
  return { ...base, dtypes };
}
const ALL = spec({ fp32: { files: [{ path: 'onnx/model.onnx', bytes: 40 }] }, q4: { files: [{ path: 'onnx/model_q4.onnx', bytes: 10 }] }, q4f16: { files: [{ path: 'onnx/model_q4f16.onnx', bytes: 8 }] }, q8: { files: [{ path: 'onnx/model_quantized.onnx', bytes: 20 }] } });

describe('variant choice', () => {
  it('uses q4f16 on WebGPU when the adapter has shader-f16', () => {
    expect(chooseVariant(GPU_F16, ALL)).toMatchObject({ device: 'webgpu', dtype: 'q4f16' });
  });
  it('falls back to q4 with fp32 activations without shader-f16 and says why', () => {
    const choice = chooseVariant(GPU_NO_F16, ALL);
    expect(choice).toMatchObject({ device: 'webgpu', dtype: 'q4' });
    expect(choice?.reason).toMatch(/shader-f16/);
  });
  it('never picks an f16 variant without shader-f16, even when it is the only small one', () => {
    const onlyF16AndFp32 = spec({ q4f16: { files: [{ path: 'a', bytes: 1 }] }, fp32: { files: [{ path: 'b', bytes: 9 }] } });
    expect(chooseVariant(GPU_NO_F16, onlyF16AndFp32)).toMatchObject({ device: 'webgpu', dtype: 'fp32' });
  });
  it('runs on WASM without WebGPU, or when the person asks for the CPU', () => {
    expect(chooseVariant(NO_GPU, ALL)).toMatchObject({ device: 'wasm', dtype: 'q4' });
    expect(chooseVariant(GPU_F16, ALL, 'wasm')).toMatchObject({ device: 'wasm', dtype: 'q4' });
  });
  it('skips a variant the catalog restricts to the CPU when choosing for WebGPU (Whisper q8)', () => {
    const q8OnlyOnCpu = spec({ q8: { files: [{ path: 'a', bytes: 1 }], devices: ['wasm'] } });
    expect(chooseVariant(GPU_F16, q8OnlyOnCpu)).toMatchObject({ device: 'wasm', dtype: 'q8' });
    const whisper = CATALOG.find((m) => m.architecture === 'whisper')!;
    expect(chooseVariant(GPU_F16, whisper)).toMatchObject({ device: 'webgpu', dtype: 'q4' });
  });
  it('returns null when no variant runs here (one the catalog keeps to WebGPU, on a browser without it)', () => {
    expect(chooseVariant(NO_GPU, spec({ q4: { files: [{ path: 'a', bytes: 1 }], devices: ['webgpu'] } }))).toBeNull();
  });
  it('takes a 16-bit-only model (Phi-4 mini) on the CPU, where it was asked for or there is no WebGPU, and says it is slow', () => {
    const onlyQ4f16 = spec({ q4f16: { files: [{ path: 'a', bytes: 1 }] } });
    for (const [caps, preference] of [[NO_GPU, 'auto'], [GPU_NO_F16, 'wasm'], [GPU_F16, 'wasm']] as const) {
      const choice = chooseVariant(caps, onlyQ4f16, preference);
      expect(choice).toMatchObject({ device: 'wasm', dtype: 'q4f16' });
      expect(choice?.reason).toMatch(/Only a 16-bit variant exists, which the CPU runs slowly\.$/);
    }
    // A model with a 32-bit variant keeps it on the CPU.
    expect(chooseVariant(NO_GPU, ALL)).toMatchObject({ dtype: 'q4' });
  });
  it('does not move a 16-bit-only model to the CPU on a GPU without shader-f16, and says why and what to choose', () => {
    const onlyQ4f16 = spec({ q4f16: { files: [{ path: 'a', bytes: 1 }] } });
    expect(chooseVariant(GPU_NO_F16, onlyQ4f16)).toBeNull();
    expect(unavailableReason(GPU_NO_F16, onlyQ4f16)).toBe(
      'Comes only in 16-bit variants, which need 16-bit float shaders (shader-f16), and Test GPU lacks them. Choose CPU (WASM) under Run on to run it on the CPU, slowly.',
    );
    const webgpuOnly = spec({ q4: { files: [{ path: 'a', bytes: 1 }], devices: ['webgpu'] } });
    expect(unavailableReason(NO_GPU, webgpuOnly)).toBe('No variant of this model runs on this device.');
  });
});

const EVERY = spec({
  q4f16: { files: [{ path: 'onnx/model_q4f16.onnx', bytes: 8 }] },
  fp16: { files: [{ path: 'onnx/model_fp16.onnx', bytes: 20 }] },
  q4: { files: [{ path: 'onnx/model_q4.onnx', bytes: 10 }] },
  q8: { files: [{ path: 'onnx/model_quantized.onnx', bytes: 20 }] },
  fp32: { files: [{ path: 'onnx/model.onnx', bytes: 40 }] },
});
const runnable = (listing: ReturnType<typeof listVariants>) => listing.options.filter((o) => o.blocked === null).map((o) => o.dtype);

describe('variant picker', () => {
  it('offers every variant on a GPU with shader-f16, smallest first, each with its trade-off', () => {
    const listing = listVariants(GPU_F16, EVERY);
    expect(listing.device).toBe('webgpu');
    expect(runnable(listing)).toEqual(['q4f16', 'q4', 'q8', 'fp16', 'fp32']);
    for (const option of listing.options) expect(option.tradeOff).not.toBe('');
  });
  it('blocks the 16-bit variants on a GPU without shader-f16, saying why', () => {
    const listing = listVariants(GPU_NO_F16, EVERY);
    expect(listing.device).toBe('webgpu');
    expect(runnable(listing)).toEqual(['q4', 'q8', 'fp32']);
    expect(listing.options.find((o) => o.dtype === 'q4f16')?.blocked).toMatch(/shader-f16/);
  });
  it('blocks a variant whose split graphs compute in fp16 in one session only', () => {
    const split = spec({
      q4: { files: [{ path: 'a', bytes: 1 }], sessions: { embed_tokens: 'fp16', decoder_model_merged: 'q4' } },
      fp32: { files: [{ path: 'b', bytes: 9 }], sessions: { embed_tokens: 'fp32', decoder_model_merged: 'fp32' } },
    });
    expect(runnable(listVariants(GPU_NO_F16, split))).toEqual(['fp32']);
    expect(runnable(listVariants(GPU_F16, split))).toEqual(['q4', 'fp32']);
  });
  it('runs every variant on the CPU, whether there is no GPU or the person asked for the CPU', () => {
    for (const listing of [listVariants(NO_GPU, EVERY), listVariants(GPU_NO_F16, EVERY, 'wasm')]) {
      expect(listing.device).toBe('wasm');
      expect(runnable(listing)).toEqual(['q4f16', 'q4', 'q8', 'fp16', 'fp32']);
    }
  });
  it('lists only what the catalog has', () => {
    expect(listVariants(GPU_F16, ALL).options.map((o) => o.dtype)).toEqual(['q4f16', 'q4', 'q8', 'fp32']);
  });
  it('loads the chosen variant on the device Auto settles on', () => {
    expect(resolveVariant(NO_GPU, EVERY, 'auto', 'q8')).toMatchObject({ device: 'wasm', dtype: 'q8' });
    expect(resolveVariant(GPU_F16, EVERY, 'auto', 'fp32')).toMatchObject({ device: 'webgpu', dtype: 'fp32' });
    expect(resolveVariant(GPU_F16, EVERY, 'wasm', 'q4f16')).toMatchObject({ device: 'wasm', dtype: 'q4f16' });
    expect(resolveVariant(GPU_F16, EVERY, 'auto', undefined)).toEqual(chooseVariant(GPU_F16, EVERY));
  });
  it('falls back to Auto when the remembered variant cannot run here or is gone', () => {
    const listing = listVariants(GPU_NO_F16, EVERY);
    expect(pickedVariant(listing, 'q4f16')).toBe('auto');
    expect(pickedVariant(listing, 'q8')).toBe('q8');
    expect(resolveVariant(GPU_NO_F16, EVERY, 'auto', 'q4f16')).toEqual(chooseVariant(GPU_NO_F16, EVERY));
    expect(resolveVariant(GPU_F16, ALL, 'auto', 'fp16')).toEqual(chooseVariant(GPU_F16, ALL));
  });
  it('keeps only remembered variants of catalog models that the catalog still has', () => {
    const find = (id: string) => (id === ALL.id ? ALL : undefined);
    expect(rememberedVariants({ [ALL.id]: 'q8' }, find)).toEqual({ [ALL.id]: 'q8' });
    expect(rememberedVariants({ [ALL.id]: 'fp16', 'gone-model': 'q4', other: 3 }, find)).toEqual({});
    expect(rememberedVariants({ [ALL.id]: 'q3' }, find)).toEqual({});
    expect(rememberedVariants('q8', find)).toEqual({});
    expect(rememberedVariants(undefined, find)).toEqual({});
    expect(rememberedVariants(['q8'], find)).toEqual({});
  });
});

describe('catalog', () => {
  it('asks for thinking only where Sensa can show it: Qwen3 has tags, Gemma 4 can think but has none yet', () => {
    expect(CATALOG.find((m) => m.architecture === 'qwen3')?.thinking).toEqual({ open: '<think>', close: '</think>' });
    const gemma = CATALOG.find((m) => m.architecture === 'gemma4');
    expect(gemma?.reasoning).toBe(true);
    expect(gemma?.thinking).toBeUndefined();
  });
  it('refuses thinking tags on a model without a thinking mode', () => {
    const [raw] = JSON.parse(JSON.stringify({ models: [CATALOG[0]] })).models;
    expect(() => parseCatalog({ models: [{ ...raw, reasoning: false }] })).toThrow(/thinking tags/);
  });
  it('holds the real Qwen3 and Llama 3.2 chat models with pinned revisions', () => {
    expect(CATALOG.map((m) => m.architecture)).toEqual(expect.arrayContaining(['qwen3', 'llama']));
    for (const m of CATALOG) expect(m.revision).not.toBe('');
  });
  it('adds up a variant size, and reports an unknown one as null', () => {
    expect(downloadBytes(ALL, 'q4')).toBe(10);
    expect(downloadBytes(spec({ q4: { files: [{ path: 'a', bytes: null }] } }), 'q4')).toBeNull();
  });
  it('rejects malformed entries at start-up', () => {
    expect(() => parseCatalog({ models: [{ id: 'x' }] })).toThrow(/catalog.json/);
    const good = JSON.parse(JSON.stringify({ models: [CATALOG[0]] })) as { models: Record<string, unknown>[] };
    expect(parseCatalog(good)).toHaveLength(1);
    expect(() => parseCatalog({ models: [{ ...good.models[0], dtypes: { q3: { files: [{ path: 'a', bytes: 1 }] } } }] })).toThrow(/unknown dtype/);
  });
});
