import { describe, expect, it } from 'vitest';
import type { Dtype, DtypeFiles, Modality, ModelSpec } from '../domain/model';
import { NO_GPU, type Capabilities } from './capabilities';
import { formatGflops, placeModel, recommend, type DeviceProfile, type Tier } from './recommend';

const MB = 1e6;

function spec(id: string, inputs: Modality[], sizes: Partial<Record<Dtype, number[]>>): ModelSpec {
  const dtypes: Partial<Record<Dtype, DtypeFiles>> = {};
  for (const [dtype, files] of Object.entries(sizes)) dtypes[dtype as Dtype] = { files: files.map((bytes, i) => ({ path: `onnx/part${i}.onnx`, bytes })) };
  return {
    id,
    name: id,
    repo: `test/${id}`,
    revision: 'main',
    architecture: 'llama',
    task: 'chat',
    inputs,
    outputs: ['text'],
    reasoning: false,
    contextLength: 8192,
    license: 'apache-2.0',
    summary: id,
    defaults: { temperature: 0.7, topP: 0.9, topK: 40, repetitionPenalty: 1, maxNewTokens: 256 },
    dtypes,
    notes: [],
  };
}

// A curated range in miniature: a tier of text models, pictures at two sizes, and sound.
const CATALOG = [
  spec('tiny', ['text'], { q4f16: [180 * MB], q4: [200 * MB], fp32: [1100 * MB] }),
  spec('small', ['text'], { q4f16: [1100 * MB], q4: [1200 * MB] }),
  spec('large', ['text'], { q4f16: [1300 * MB, 1300 * MB], q4: [1400 * MB, 1400 * MB] }),
  spec('vision-small', ['text', 'image'], { q4f16: [400 * MB], q4: [450 * MB] }),
  spec('vision-large', ['text', 'image', 'audio'], { q4f16: [1500 * MB, 1500 * MB], q4: [1600 * MB, 1600 * MB] }),
  spec('sound-small', ['text', 'audio'], { q4: [900 * MB] }),
];

const gpu = (shaderF16: boolean, maxBufferSize: number): Capabilities => ({ webgpu: true, shaderF16, adapter: 'Test GPU', maxBufferSize, maxStorageBufferBindingSize: maxBufferSize, webgpuProblem: null });

const PROFILES: Record<string, DeviceProfile> = {
  phone: { caps: gpu(true, 256 * MB), deviceMemoryGb: 4, storageFreeBytes: 5e9, matmulGflops: 100 },
  'integrated GPU': { caps: gpu(true, 1e9), deviceMemoryGb: 8, storageFreeBytes: 20e9, matmulGflops: 600 },
  'desktop GPU without f16': { caps: gpu(false, 2e9), deviceMemoryGb: 8, storageFreeBytes: 100e9, matmulGflops: 4000 },
  'no WebGPU': { caps: NO_GPU, deviceMemoryGb: 8, storageFreeBytes: 50e9, matmulGflops: null },
};

const EXPECTED: Record<string, { tiers: Record<string, Tier>; picks: Record<'chat' | 'pictures' | 'sound', string | null> }> = {
  phone: {
    // small: its one 1.1 GB file is more than four times the phone's 256 MB buffer limit.
    tiers: { tiny: 'runs-well', small: 'too-big', large: 'too-big', 'vision-small': 'runs-well', 'vision-large': 'too-big', 'sound-small': 'runs-slowly' },
    picks: { chat: 'vision-small', pictures: 'vision-small', sound: 'sound-small' },
  },
  'integrated GPU': {
    tiers: { tiny: 'runs-well', small: 'runs-well', large: 'runs-well', 'vision-small': 'runs-well', 'vision-large': 'runs-well', 'sound-small': 'runs-well' },
    picks: { chat: 'vision-large', pictures: 'vision-large', sound: 'vision-large' },
  },
  'desktop GPU without f16': {
    tiers: { tiny: 'runs-well', small: 'runs-well', large: 'runs-well', 'vision-small': 'runs-well', 'vision-large': 'runs-well', 'sound-small': 'runs-well' },
    picks: { chat: 'vision-large', pictures: 'vision-large', sound: 'vision-large' },
  },
  'no WebGPU': {
    tiers: { tiny: 'runs-well', small: 'runs-slowly', large: 'runs-slowly', 'vision-small': 'runs-well', 'vision-large': 'runs-slowly', 'sound-small': 'runs-slowly' },
    picks: { chat: 'vision-small', pictures: 'vision-small', sound: 'sound-small' },
  },
};

describe('recommendation over device profiles', () => {
  for (const [name, profile] of Object.entries(PROFILES)) {
    it(`${name}: sorts every model into its tier and suggests one per need`, () => {
      const tiers = Object.fromEntries(CATALOG.map((m) => [m.id, placeModel(m, profile).tier]));
      expect(tiers).toEqual(EXPECTED[name]?.tiers);
      const picks = recommend(CATALOG, profile);
      expect({ chat: picks.chat?.id ?? null, pictures: picks.pictures?.id ?? null, sound: picks.sound?.id ?? null }).toEqual(EXPECTED[name]?.picks);
    });
  }

  it('uses fp32 activations without shader-f16 and says what decided each tier', () => {
    const profile = PROFILES['desktop GPU without f16']!;
    expect(placeModel(CATALOG[2]!, profile)).toMatchObject({ choice: { device: 'webgpu', dtype: 'q4' }, reason: expect.stringMatching(/ of weights; this GPU measured 4000 GFLOP\/s, enough to answer faster than you read\.$/) });
    expect(placeModel(CATALOG[2]!, PROFILES.phone!).reason).toBe('Needs about 3.4 GB of memory; this device reports 4 GB.');
    expect(placeModel(CATALOG[1]!, PROFILES['no WebGPU']!).reason).toContain('no WebGPU');
  });

  it('rules a model out for storage, and for a weight file far above the GPU buffer limit', () => {
    const full = { ...PROFILES['integrated GPU']!, storageFreeBytes: 500 * MB };
    expect(placeModel(CATALOG[1]!, full)).toMatchObject({ tier: 'too-big', reason: 'Needs 1.1 GB of storage; 500 MB is free.' });
    const smallBuffers = { ...PROFILES['integrated GPU']!, caps: gpu(true, 128 * MB) };
    expect(placeModel(CATALOG[2]!, smallBuffers)).toMatchObject({ tier: 'too-big', reason: expect.stringContaining('buffer limit') });
    // With nothing fitting a need, there is no suggestion rather than a bad one.
    const tinyDevice: DeviceProfile = { caps: NO_GPU, deviceMemoryGb: 1, storageFreeBytes: 100 * MB, matmulGflops: null };
    expect(recommend(CATALOG, tinyDevice)).toEqual({ chat: null, pictures: null, sound: null });
  });

  it('never recommends a model on the person’s server', () => {
    const remote = { ...CATALOG[0]!, id: 'remote:s:big', remote: { serverId: 's', baseUrl: 'http://box/v1', host: 'box', model: 'big' } };
    expect(recommend([remote], PROFILES['integrated GPU']!).chat).toBeNull();
  });
});

describe('thresholds tied to the measured figure', () => {
  it('a GPU a sixth as fast moves the larger models from runs well to runs, slowly', () => {
    const fast = PROFILES['integrated GPU']!;
    const slow = { ...fast, matmulGflops: fast.matmulGflops! / 6 };
    const tiers = (profile: DeviceProfile) => CATALOG.map((m) => placeModel(m, profile).tier);
    expect(tiers(fast).filter((t) => t === 'runs-well').length).toBe(CATALOG.length);
    const slowTiers = Object.fromEntries(CATALOG.map((m) => [m.id, placeModel(m, slow).tier]));
    // The estimate is inverse in size: the tiny and small-vision models stay, everything of a gigabyte or more slows.
    expect(slowTiers).toEqual({ tiny: 'runs-well', small: 'runs-slowly', large: 'runs-slowly', 'vision-small': 'runs-well', 'vision-large': 'runs-slowly', 'sound-small': 'runs-slowly' });
    expect(placeModel(CATALOG[1]!, slow).reason).toMatch(/ of weights; this GPU measured 100 GFLOP\/s, too slow to answer at reading pace\.$/);
  });

  it('a software GPU (SwiftShader) lands in runs, slowly with its figure and no tokens/s estimate', () => {
    const swiftshader = { ...PROFILES['desktop GPU without f16']!, matmulGflops: 0.017 };
    for (const m of CATALOG) {
      const placed = placeModel(m, swiftshader);
      if (placed.tier === 'too-big') continue;
      expect(placed.tier).toBe('runs-slowly');
      expect(placed.reason).toContain('this GPU measured 0.017 GFLOP/s');
      expect(placed.reason).not.toMatch(/tokens\/s/);
    }
    expect(formatGflops(0.01734)).toBe('0.017');
    expect(formatGflops(4321.4)).toBe('4321');
  });

  it('on the CPU the size threshold scales with the measured JavaScript matmul, within bounds', () => {
    const base = PROFILES['no WebGPU']!;
    const tier = (cpuGflops: number | null, id: string) => placeModel(CATALOG.find((m) => m.id === id)!, { ...base, cpuGflops }).tier;
    // vision-small is 450 MB (q4): well at the reference figure, slow on a CPU half as fast (300 MB threshold).
    expect(tier(1.1, 'vision-small')).toBe('runs-well');
    expect(tier(0.55, 'vision-small')).toBe('runs-slowly');
    // sound-small is 900 MB: a CPU twice as fast (1.2 GB threshold) runs it well; ten times as fast is capped at twice.
    expect(tier(1.1, 'sound-small')).toBe('runs-slowly');
    expect(tier(2.2, 'sound-small')).toBe('runs-well');
    expect(tier(11, 'large')).toBe('runs-slowly');
    expect(placeModel(CATALOG[0]!, { ...base, cpuGflops: 1.1 }).reason).toBe('Small enough (200 MB) to answer quickly on the CPU (this CPU measured 1.1 GFLOP/s).');
  });
  it('a model that comes only as q4f16 (Phi-4 mini) is not for a GPU without shader-f16, says so, and runs slowly on the CPU', () => {
    const onlyF16 = spec('phi', ['text'], { q4f16: [2100 * MB, 440 * MB] });
    const noF16 = PROFILES['desktop GPU without f16']!;
    expect(placeModel(onlyF16, noF16)).toMatchObject({ tier: 'too-big', reason: expect.stringMatching(/shader-f16.*Choose CPU \(WASM\) under Run on/) });
    for (const placed of [placeModel(onlyF16, noF16, 'wasm'), placeModel(onlyF16, PROFILES['no WebGPU']!)]) {
      expect(placed).toMatchObject({ tier: 'runs-slowly', choice: { device: 'wasm', dtype: 'q4f16' }, bytes: 2540 * MB });
    }
    expect(placeModel(onlyF16, PROFILES['integrated GPU']!).choice).toMatchObject({ device: 'webgpu', dtype: 'q4f16' });
  });
});
