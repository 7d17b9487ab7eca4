// Probes what this browser's GPU can do: WebGPU at all, 16-bit float shaders, and buffer limits.

export interface Capabilities {
  webgpu: boolean;
  shaderF16: boolean;
  adapter: string | null;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** Why WebGPU is unusable, in words a person can act on; null when it works. */
  webgpuProblem: string | null;
}

export const NO_GPU: Capabilities = {
  webgpu: false,
  shaderF16: false,
  adapter: null,
  maxBufferSize: 0,
  maxStorageBufferBindingSize: 0,
  webgpuProblem: 'This browser does not offer WebGPU.',
};

export async function probeCapabilities(gpu: GPU | undefined = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu): Promise<Capabilities> {
  if (!gpu) return NO_GPU;
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { ...NO_GPU, webgpuProblem: `WebGPU failed to start: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!adapter) return { ...NO_GPU, webgpuProblem: 'WebGPU is present but no GPU adapter is available (blocklisted driver or disabled GPU).' };
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
