import { describe, expect, it, vi } from 'vitest';
import { FakeEngine } from '../../test/fake-engine';
import type { Capabilities } from '../../models/capabilities';
import type { DeviceMeasurement } from '../../models/device/measure';
import { createSensaStore } from '../store';

const GPU: Capabilities = { webgpu: true, shaderF16: true, adapter: 'Test', maxBufferSize: 1e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null };

function measurement(caps: Capabilities): DeviceMeasurement {
  return { profile: { caps, deviceMemoryGb: 8, storageFreeBytes: 1e10, matmulGflops: 300, cpuGflops: null }, figure: { gflops: 300, ms: 40, backend: 'webgpu', size: 256, measuredAt: 1 }, fresh: true, problem: null };
}

describe('device slice', () => {
  it('measures once the device is probed, once however often it is asked', async () => {
    const measure = vi.fn(async (caps: Capabilities) => measurement(caps));
    const store = createSensaStore({ engine: new FakeEngine(), probe: async () => GPU, measure, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [] });
    // Before the probe there is nothing to measure against.
    await store.getState().measureDevice();
    expect(measure).not.toHaveBeenCalled();
    await store.getState().init();
    await Promise.all([store.getState().measureDevice(), store.getState().measureDevice()]);
    expect(measure).toHaveBeenCalledTimes(1);
    expect(store.getState().device?.profile.matmulGflops).toBe(300);
  });

  it('a measurement that throws leaves the picker flat and may be tried again', async () => {
    const measure = vi.fn<(caps: Capabilities) => Promise<DeviceMeasurement>>().mockRejectedValueOnce(new Error('no')).mockImplementation(async (caps) => measurement(caps));
    const store = createSensaStore({ engine: new FakeEngine(), probe: async () => GPU, measure, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [] });
    await store.getState().init();
    await store.getState().measureDevice();
    expect(store.getState().device).toBeNull();
    await store.getState().measureDevice();
    expect(store.getState().device).not.toBeNull();
  });
});
