import { describe, expect, it, vi } from 'vitest';
import { FakeEngine } from '../../test/fake-engine';
import type { Capabilities } from '../../models/capabilities';
import type { DeviceMeasurement, MeasureOptions } from '../../models/device/measure';
import { createSensaStore } from '../store';

const GPU: Capabilities = { webgpu: true, shaderF16: true, adapter: 'Test', maxBufferSize: 1e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null };

function measurement(caps: Capabilities, benchmark: boolean): DeviceMeasurement {
  return {
    profile: { caps, deviceMemoryGb: 8, storageFreeBytes: 1e10, matmulGflops: benchmark ? 300 : null, cpuGflops: null },
    figure: benchmark ? { gflops: 300, ms: 40, backend: 'webgpu', size: 256, measuredAt: 1 } : null,
    fresh: benchmark,
    problem: null,
  };
}

const storeWith = (measure: (caps: Capabilities, options: MeasureOptions) => Promise<DeviceMeasurement>) =>
  createSensaStore({ engine: new FakeEngine(), probe: async () => GPU, measure, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [] });

describe('device slice', () => {
  it('reads the device without a benchmark, and benchmarks once however often it is asked', async () => {
    const measure = vi.fn(async (caps: Capabilities, options: MeasureOptions) => measurement(caps, options.benchmark));
    const store = storeWith(measure);
    // Before the probe there is nothing to measure against.
    await store.getState().measureDevice();
    expect(measure).not.toHaveBeenCalled();
    await store.getState().init();
    await store.getState().measureDevice();
    expect(measure).toHaveBeenLastCalledWith(GPU, { benchmark: false });
    expect(store.getState().device?.profile.matmulGflops).toBeNull();
    const asked = Promise.all([store.getState().measureDevice({ benchmark: true }), store.getState().measureDevice({ benchmark: true })]);
    expect(store.getState().benchmarking).toBe(true);
    await asked;
    expect(store.getState().benchmarking).toBe(false);
    expect(measure.mock.calls.filter(([, o]) => o.benchmark)).toHaveLength(1);
    expect(store.getState().device?.profile.matmulGflops).toBe(300);
    // With a figure in hand, neither a read nor another benchmark request loses it or measures again.
    await store.getState().measureDevice({ benchmark: true });
    expect(measure).toHaveBeenCalledTimes(2);
  });

  it('a measurement that throws leaves the guide unmeasured and may be tried again', async () => {
    const measure = vi
      .fn<(caps: Capabilities, options: MeasureOptions) => Promise<DeviceMeasurement>>()
      .mockRejectedValueOnce(new Error('no'))
      .mockImplementation(async (caps, options) => measurement(caps, options.benchmark));
    const store = storeWith(measure);
    await store.getState().init();
    await store.getState().measureDevice({ benchmark: true });
    expect(store.getState().device).toBeNull();
    expect(store.getState().benchmarking).toBe(false);
    await store.getState().measureDevice({ benchmark: true });
    expect(store.getState().device?.figure?.gflops).toBe(300);
  });
});
