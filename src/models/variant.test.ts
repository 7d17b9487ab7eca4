import { describe, expect, it } from 'vitest';
import { NO_GPU, type Capabilities } from './capabilities';
import { CATALOG, downloadBytes, parseCatalog, type ModelSpec } from './catalog';
import { chooseVariant } from './variant';

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
  it('returns null when no variant runs anywhere', () => {
    expect(chooseVariant(NO_GPU, spec({ q4f16: { files: [{ path: 'a', bytes: 1 }] } }))).toBeNull();
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
