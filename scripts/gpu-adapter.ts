// Chromium on a real GPU adapter: the launch flags and the adapter probe, shared by `npm run test:gpu`
// (scripts/test-gpu.ts) and `npm run bench -- --gpu` (bench/run.ts), so both reach the GPU the same way.

import type { Page } from '@playwright/test';

/** Flags for a headless Chromium whose WebGPU uses the machine's GPU; SENSA_GPU_ARGS (space separated) adds flags. */
export function gpuArgs(): string[] {
  const args = ['--no-sandbox', '--enable-unsafe-webgpu', '--ignore-gpu-blocklist', '--disable-background-networking', '--no-first-run'];
  // Headless Chromium on Linux reaches a real GPU for WebGPU through Vulkan (Dawn's Vulkan backend, ANGLE on Vulkan).
  if (process.platform === 'linux') args.push('--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan', '--use-angle=vulkan');
  const extra = process.env.SENSA_GPU_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  return [...args, ...extra];
}

export interface AdapterReport {
  /** "vendor | architecture | device | description", or null when WebGPU offers no adapter. */
  adapter: string | null;
  fallback: boolean | null;
  shaderF16: boolean;
  features: string[];
  maxBufferSize: number;
}

/** What `navigator.gpu` offers on `page` (already at an http(s) page: WebGPU needs a secure context). */
export async function readAdapter(page: Page): Promise<AdapterReport> {
  return page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = gpu ? await gpu.requestAdapter({ powerPreference: 'high-performance' }) : null;
    if (!adapter) return { adapter: null, fallback: null, shaderF16: false, features: [], maxBufferSize: 0 };
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    return {
      adapter: [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' | ') || 'unnamed adapter',
      fallback: info.isFallbackAdapter ?? null,
      shaderF16: adapter.features.has('shader-f16'),
      features: [...adapter.features].map(String).sort(),
      maxBufferSize: adapter.limits.maxBufferSize,
    };
  });
}

/** One line: "adapter (fallback) · shader-f16 yes/no · features: …". */
export function describeAdapter(a: AdapterReport): string {
  if (!a.adapter) return 'no WebGPU adapter';
  return `${a.adapter}${a.fallback ? ' (fallback adapter)' : ''} · shader-f16 ${a.shaderF16 ? 'yes' : 'no'} · features: ${a.features.join(', ') || 'none'}`;
}
