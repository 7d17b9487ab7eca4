import { describe, expect, it, vi } from 'vitest';
import { NO_GPU, type Capabilities } from '../capabilities';
import { benchmarkCpu, type MatmulFigure } from './matmul-bench';
import { localFigureStorage, measureDevice, type MeasureDeps } from './measure';

const gpuCaps = (adapter: string): Capabilities => ({ webgpu: true, shaderF16: true, adapter, maxBufferSize: 1e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null });

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

function deps(storage = memoryStorage(), gflops = 42): MeasureDeps & { benchmarkGpu: ReturnType<typeof vi.fn> } {
  const figure: MatmulFigure = { gflops, ms: 80, backend: 'webgpu', size: 256 };
  return {
    gpu: {} as GPU,
    deviceMemory: () => 8,
    storageEstimate: async () => ({ usage: 1e9, quota: 11e9 }),
    figures: localFigureStorage(storage),
    benchmarkGpu: vi.fn(async () => figure),
    hardwareConcurrency: 4,
  };
}

describe('measuring the device', () => {
  it('reads memory and free storage, and measures the GPU once per adapter', async () => {
    const storage = memoryStorage();
    const first = deps(storage);
    const measured = await measureDevice(gpuCaps('nvidia ampere'), first);
    expect(measured).toMatchObject({ fresh: true, problem: null, profile: { deviceMemoryGb: 8, storageFreeBytes: 10e9, matmulGflops: 42, cpuGflops: null } });
    // A second visit on the same GPU remembers; a new GPU (another description) is measured again.
    const again = deps(storage, 7);
    expect(await measureDevice(gpuCaps('nvidia ampere'), again)).toMatchObject({ fresh: false, profile: { matmulGflops: 42 } });
    expect(again.benchmarkGpu).not.toHaveBeenCalled();
    expect(await measureDevice(gpuCaps('intel xe'), again)).toMatchObject({ fresh: true, profile: { matmulGflops: 7 } });
    expect(again.benchmarkGpu).toHaveBeenCalledTimes(1);
  });

  it('a read without the benchmark costs no GPU work and uses only a remembered figure', async () => {
    const storage = memoryStorage();
    const cheap = deps(storage);
    expect(await measureDevice(gpuCaps('gpu'), cheap, { benchmark: false })).toMatchObject({ figure: null, fresh: false, problem: null, profile: { matmulGflops: null, storageFreeBytes: 10e9 } });
    expect(cheap.benchmarkGpu).not.toHaveBeenCalled();
    await measureDevice(gpuCaps('gpu'), cheap, { benchmark: true });
    const later = deps(storage, 7);
    expect(await measureDevice(gpuCaps('gpu'), later, { benchmark: false })).toMatchObject({ fresh: false, profile: { matmulGflops: 42 } });
    expect(later.benchmarkGpu).not.toHaveBeenCalled();
  });

  it('says why when the benchmark fails, and tries again next time', async () => {
    const storage = memoryStorage();
    const failing = { ...deps(storage), benchmarkGpu: vi.fn(async () => Promise.reject(new Error('device lost'))) };
    const measured = await measureDevice(gpuCaps('gpu'), failing);
    expect(measured).toMatchObject({ figure: null, problem: 'The speed test did not run: device lost', profile: { matmulGflops: null } });
    const later = deps(storage);
    expect(await measureDevice(gpuCaps('gpu'), later)).toMatchObject({ fresh: true, profile: { matmulGflops: 42 } });
  });

  it('without WebGPU times a JavaScript matmul that checks its own answer', async () => {
    const measured = await measureDevice(NO_GPU, { ...deps(), gpu: undefined, deviceMemory: () => null, storageEstimate: async () => null });
    expect(measured.profile).toMatchObject({ deviceMemoryGb: null, storageFreeBytes: null, matmulGflops: null });
    expect(measured.figure?.backend).toBe('cpu');
    expect(measured.profile.cpuGflops).toBeGreaterThan(0);
    const direct = benchmarkCpu();
    expect(direct.size).toBe(96);
    expect(direct.gflops).toBeGreaterThan(0);
  });

  it('ignores a stored record it cannot read rather than failing', () => {
    const storage = memoryStorage();
    storage.setItem('sensa.device-figures', '{"version":1,"figures":{"webgpu:gpu":{"gflops":"fast"}}}');
    expect(localFigureStorage(storage).load('webgpu:gpu')).toBeNull();
    storage.setItem('sensa.device-figures', 'not json');
    expect(localFigureStorage(storage).load('webgpu:gpu')).toBeNull();
  });
});
