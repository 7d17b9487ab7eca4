import { describe, expect, it } from 'vitest';
import { probeCapabilities } from './capabilities';

function fakeGpu(adapter: Partial<GPUAdapter> | null | Error): GPU {
  return {
    requestAdapter: async () => {
      if (adapter instanceof Error) throw adapter;
      return adapter as GPUAdapter | null;
    },
  } as unknown as GPU;
}

const adapterWith = (features: string[]): Partial<GPUAdapter> => ({
  features: new Set(features) as unknown as GPUSupportedFeatures,
  limits: { maxBufferSize: 4096, maxStorageBufferBindingSize: 2048 } as GPUSupportedLimits,
  info: { vendor: 'acme', architecture: 'rdna', description: '' } as GPUAdapterInfo,
});

describe('capability probe', () => {
  it('reports shader-f16 and the buffer limits of a real adapter', async () => {
    expect(await probeCapabilities(fakeGpu(adapterWith(['shader-f16'])))).toEqual({
      webgpu: true,
      shaderF16: true,
      adapter: 'acme rdna',
      maxBufferSize: 4096,
      maxStorageBufferBindingSize: 2048,
      webgpuProblem: null,
    });
    expect((await probeCapabilities(fakeGpu(adapterWith([])))).shaderF16).toBe(false);
  });

  it('explains each way WebGPU can be missing', async () => {
    expect(await probeCapabilities(undefined)).toMatchObject({ webgpu: false, webgpuProblem: expect.stringMatching(/does not offer WebGPU/) });
    expect(await probeCapabilities(fakeGpu(null))).toMatchObject({ webgpu: false, webgpuProblem: expect.stringMatching(/no GPU adapter/) });
    expect(await probeCapabilities(fakeGpu(new Error('driver crash')))).toMatchObject({ webgpu: false, webgpuProblem: expect.stringMatching(/driver crash/) });
  });
});
