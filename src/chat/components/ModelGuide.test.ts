import { describe, expect, it } from 'vitest';
import { CHAT_MODELS } from '../../models/catalog';
import { NO_GPU, type Capabilities } from '../../models/capabilities';
import type { DeviceMeasurement } from '../../models/device/measure';
import { recommend } from '../../models/recommend';
import { passesFilters, placeAll, suggestionRows } from './ModelGuide';
import { measuredLine } from './ModelGuideBody';

const SWIFTSHADER: Capabilities = { webgpu: true, shaderF16: false, adapter: 'google swiftshader', maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27, webgpuProblem: null };

const softwareGpu: DeviceMeasurement = {
  profile: { caps: SWIFTSHADER, deviceMemoryGb: 8, storageFreeBytes: 50e9, matmulGflops: 0.0173, cpuGflops: null },
  figure: { gflops: 0.0173, ms: 1412, backend: 'webgpu', size: 64, measuredAt: 1 },
  fresh: true,
  problem: null,
};

describe('the model guide', () => {
  it('says what it measured as GFLOP/s, and never a tokens/s estimate, on a software GPU', () => {
    const line = measuredLine(softwareGpu, false);
    expect(line).toBe('Google swiftshader multiplies 64×64 matrices at 0.017 GFLOP/s (measured once in 1.4 s, remembered for this GPU); the browser reports 8 GB of memory; 50.0 GB of storage free; no 16-bit shaders.');
    for (const placed of placeAll(CHAT_MODELS, softwareGpu, 'auto').values()) expect(placed.reason).not.toMatch(/tokens\/s/);
    const unmeasured = { ...softwareGpu, figure: null, profile: { ...softwareGpu.profile, matmulGflops: null } };
    expect(measuredLine(unmeasured, true)).toMatch(/^Measuring this device’s speed…;/);
    expect(measuredLine(unmeasured, false)).toMatch(/^Speed not measured yet/);
  });

  it('names each suggested model once with the needs it covers, and the needs nothing covers', () => {
    const cpu: DeviceMeasurement = { profile: { caps: NO_GPU, deviceMemoryGb: null, storageFreeBytes: 100e9, matmulGflops: null, cpuGflops: 1.2 }, figure: null, fresh: false, problem: null };
    const picks = recommend(CHAT_MODELS, cpu.profile);
    const { rows, unmet } = suggestionRows(picks);
    expect(rows.flatMap((r) => r.needs).sort()).toEqual((['chat', 'pictures', 'sound'] as const).filter((n) => picks[n]).sort());
    expect(new Set(rows.map((r) => r.spec.id)).size).toBe(rows.length);
    expect(unmet).toEqual((['chat', 'pictures', 'sound'] as const).filter((n) => !picks[n]));
    const none = suggestionRows({ chat: null, pictures: null, sound: null });
    expect(none).toEqual({ rows: [], unmet: ['chat', 'pictures', 'sound'] });
  });

  it('filters by input type and by the chosen variant’s download size', () => {
    const vision = CHAT_MODELS.find((m) => m.inputs.includes('image'));
    const textOnly = CHAT_MODELS.find((m) => m.inputs.every((i) => i === 'text'));
    const small = { tier: 'runs-well', reason: '', choice: null, bytes: 4e8 } as const;
    const unknown = { ...small, bytes: null };
    expect(vision && passesFilters(vision, small, 'image', 0)).toBe(true);
    expect(vision && passesFilters(vision, small, 'text', 0)).toBe(false);
    expect(textOnly && passesFilters(textOnly, small, 'image', 0)).toBe(false);
    expect(textOnly && passesFilters(textOnly, small, 'text', 500e6)).toBe(true);
    expect(textOnly && passesFilters(textOnly, { ...small, bytes: 6e8 }, 'any', 500e6)).toBe(false);
    expect(textOnly && passesFilters(textOnly, unknown, 'any', 1e9)).toBe(false);
    expect(textOnly && passesFilters(textOnly, unknown, 'any', 0)).toBe(true);
  });
});
