import { describe, expect, it } from 'vitest';
import { probeCapabilities, webgpuProblemText } from './capabilities';
import { i18next } from '../i18n/i18n';

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
    const problem = async (gpu: GPU | undefined) => {
      const caps = await probeCapabilities(gpu);
      expect(caps.webgpu).toBe(false);
      return webgpuProblemText(caps.webgpuProblem);
    };
    expect(await problem(undefined)).toBe('This browser does not offer WebGPU.');
    expect(await problem(fakeGpu(null))).toMatch(/no GPU adapter/);
    expect(await problem(fakeGpu(new Error('driver crash')))).toBe('WebGPU failed to start: driver crash');
  });

  it('keeps the problem as a kind, so its words follow a language chosen after the probe', async () => {
    const caps = await probeCapabilities(undefined);
    await i18next.changeLanguage('fr');
    try {
      expect(webgpuProblemText(caps.webgpuProblem)).toBe(i18next.t('models:webgpu.absent', { lng: 'fr' }));
      expect(webgpuProblemText(caps.webgpuProblem)).not.toBe('This browser does not offer WebGPU.');
    } finally {
      await i18next.changeLanguage('en');
    }
  });
});
