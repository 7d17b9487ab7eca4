// Chooses the device and dtype for a model from the probed capabilities and the person's device preference.

import type { Capabilities } from './capabilities';
import type { ModelSpec } from './catalog';
import type { Device, Dtype } from '../worker/protocol';

export type DevicePreference = 'auto' | 'webgpu' | 'wasm';

export interface VariantChoice {
  device: Device;
  dtype: Dtype;
  /** One sentence for the UI: why this device and dtype. */
  reason: string;
}

/** Best first. fp16 activations need shader-f16; without it q4 weights with fp32 activations are the fast path. */
const ORDER: Record<'webgpu-f16' | 'webgpu' | 'wasm', readonly Dtype[]> = {
  'webgpu-f16': ['q4f16', 'fp16', 'q4', 'fp32'],
  webgpu: ['q4', 'fp32'],
  wasm: ['q4', 'q8', 'fp32'],
};

function firstAvailable(spec: ModelSpec, order: readonly Dtype[], device: Device): Dtype | undefined {
  return order.find((dtype) => {
    const variant = spec.dtypes[dtype];
    return variant !== undefined && (variant.devices === undefined || variant.devices.includes(device));
  });
}

export function chooseVariant(caps: Capabilities, spec: ModelSpec, preference: DevicePreference = 'auto'): VariantChoice | null {
  const wasm = (why: string): VariantChoice | null => {
    const dtype = firstAvailable(spec, ORDER.wasm, 'wasm');
    return dtype ? { device: 'wasm', dtype, reason: why } : null;
  };
  if (preference === 'wasm') return wasm('Running on the CPU (WASM), as chosen in settings.');
  if (!caps.webgpu) return wasm(`${caps.webgpuProblem ?? 'WebGPU is unavailable.'} Running on the CPU (WASM), which is slower.`);
  if (caps.shaderF16) {
    const dtype = firstAvailable(spec, ORDER['webgpu-f16'], 'webgpu');
    if (dtype) return { device: 'webgpu', dtype, reason: `WebGPU with 16-bit float shaders on ${caps.adapter ?? 'this GPU'}.` };
  }
  const dtype = firstAvailable(spec, ORDER.webgpu, 'webgpu');
  if (dtype) {
    return {
      device: 'webgpu',
      dtype,
      reason: caps.shaderF16
        ? `WebGPU on ${caps.adapter ?? 'this GPU'}.`
        : `WebGPU on ${caps.adapter ?? 'this GPU'}, which lacks shader-f16, so fp32 activations are used.`,
    };
  }
  return wasm('No WebGPU variant of this model fits this GPU; running on the CPU (WASM).');
}
