// Probes what this browser's GPU can do: WebGPU at all, 16-bit float shaders, and buffer limits.

import { tr } from '../i18n/i18n';

export interface Capabilities {
  webgpu: boolean;
  shaderF16: boolean;
  adapter: string | null;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** Why WebGPU is unusable (webgpuProblemText puts it in words a person can act on); null when it works. */
  webgpuProblem: WebgpuProblem | null;
}

/** Kept as a kind, not as words: the probe runs once, and the words follow the language chosen later. */
export type WebgpuProblem = { kind: 'absent' } | { kind: 'no-adapter' } | { kind: 'failed'; detail: string };

/** The problem in the UI's language. */
export function webgpuProblemText(problem: WebgpuProblem | null): string {
  if (!problem) return tr('models:webgpu.unavailable');
  if (problem.kind === 'failed') return tr('models:webgpu.failed', { detail: problem.detail });
  return tr(problem.kind === 'absent' ? 'models:webgpu.absent' : 'models:webgpu.noAdapter');
}

export const NO_GPU: Capabilities = {
  webgpu: false,
  shaderF16: false,
  adapter: null,
  maxBufferSize: 0,
  maxStorageBufferBindingSize: 0,
  webgpuProblem: { kind: 'absent' },
};

export async function probeCapabilities(gpu: GPU | undefined = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu): Promise<Capabilities> {
  if (!gpu) return NO_GPU;
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { ...NO_GPU, webgpuProblem: { kind: 'failed', detail: error instanceof Error ? error.message : String(error) } };
  }
  if (!adapter) return { ...NO_GPU, webgpuProblem: { kind: 'no-adapter' } };
  const info = adapter.info;
  const adapterName = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'GPU';
  return {
    webgpu: true,
    shaderF16: adapter.features.has('shader-f16'),
    adapter: adapterName,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    webgpuProblem: null,
  };
}
