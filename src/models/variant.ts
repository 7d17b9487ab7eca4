// Chooses the device and dtype for a model from the probed capabilities and the person's device preference.

import type { Capabilities } from './capabilities';
import type { ModelSpec } from '../domain/model';
import type { Device, Dtype } from '../domain/model';

export type DevicePreference = 'auto' | 'webgpu' | 'wasm';

export interface VariantChoice {
  device: Device;
  dtype: Dtype;
  /** One sentence for the UI: why this device and dtype. */
  reason: string;
}

/** Where a picked model runs: a variant on this device, or a server the person added (which picks its own weights). */
export type ModelChoice = VariantChoice | RemoteChoice;

export interface RemoteChoice {
  device: 'remote';
  dtype: null;
  host: string;
  reason: string;
}

/** Best first. fp16 activations need shader-f16; without it q4 weights with fp32 activations are the fast path. */
const ORDER: Record<'webgpu-f16' | 'webgpu' | 'wasm', readonly Dtype[]> = {
  'webgpu-f16': ['q4f16', 'fp16', 'q4', 'fp32'],
  webgpu: ['q4', 'fp32'],
  wasm: ['q4', 'q8', 'fp32'],
};
/**
 * The CPU runs 16-bit graphs too (float16 inputs and outputs, e2e/f16-variants.spec.ts), without a fast path: Auto takes
 * them on the CPU only for a model that has nothing else (the 3-4B entries, which come as q4f16 alone).
 */
const WASM_16_BIT: readonly Dtype[] = ['q4f16', 'fp16'];

function firstAvailable(spec: ModelSpec, order: readonly Dtype[], device: Device): Dtype | undefined {
  return order.find((dtype) => {
    const variant = spec.dtypes[dtype];
    return variant !== undefined && (variant.devices === undefined || variant.devices.includes(device));
  });
}

export function chooseVariant(caps: Capabilities, spec: ModelSpec, preference: DevicePreference = 'auto'): VariantChoice | null {
  const wasm = (why: string): VariantChoice | null => {
    const dtype = firstAvailable(spec, ORDER.wasm, 'wasm');
    if (dtype) return { device: 'wasm', dtype, reason: why };
    const only16 = firstAvailable(spec, WASM_16_BIT, 'wasm');
    return only16 ? { device: 'wasm', dtype: only16, reason: `${why} Only a 16-bit variant exists, which the CPU runs slowly.` } : null;
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
  // A model that comes only in 16-bit variants is not moved to the CPU behind the person's back: a 2-3 GB model there
  // answers at a few words a minute. unavailableReason says why and how to choose the CPU.
  const cpu = firstAvailable(spec, ORDER.wasm, 'wasm');
  return cpu ? { device: 'wasm', dtype: cpu, reason: 'No WebGPU variant of this model fits this GPU; running on the CPU (WASM).' } : null;
}

/** Why chooseVariant found nothing for this model here, in words for the picker; one place for the panel and the guide. */
export function unavailableReason(caps: Capabilities, spec: ModelSpec, preference: DevicePreference = 'auto'): string {
  const has16Bit = (Object.keys(spec.dtypes) as Dtype[]).some((dtype) => needsShaderF16(spec, dtype));
  if (preference !== 'wasm' && caps.webgpu && !caps.shaderF16 && has16Bit) {
    return `Comes only in 16-bit variants, which need 16-bit float shaders (shader-f16), and ${caps.adapter ?? 'this GPU'} lacks them. Choose CPU (WASM) under Run on to run it on the CPU, slowly.`;
  }
  return 'No variant of this model runs on this device.';
}

/** The picker's order: smallest download first. */
const PICKER_ORDER: readonly Dtype[] = ['q4f16', 'q4', 'q8', 'fp16', 'fp32'];

const F16_DTYPES: ReadonlySet<Dtype> = new Set(['q4f16', 'fp16']);

/** Whether a variant computes in 16-bit floats anywhere: its own dtype, or any session of a split model. */
export function needsShaderF16(spec: ModelSpec, dtype: Dtype): boolean {
  const sessions = Object.values(spec.dtypes[dtype]?.sessions ?? {});
  return F16_DTYPES.has(dtype) || sessions.some((d) => F16_DTYPES.has(d));
}

/** One line on what each variant trades, on the device it would run on. */
const TRADE_OFF: Record<Dtype, Record<Device, string>> = {
  q4f16: {
    webgpu: '4-bit weights, 16-bit maths: the fastest on a GPU with 16-bit shaders; a little lower quality.',
    wasm: '4-bit weights, 16-bit maths, which the CPU has no fast path for: usually slower than q4 here; a little lower quality.',
  },
  q4: {
    webgpu: '4-bit weights, 32-bit maths: the fast choice on a GPU without 16-bit shaders; a little lower quality.',
    wasm: '4-bit weights, 32-bit maths: the quickest on the CPU; a little lower quality.',
  },
  q8: {
    webgpu: '8-bit weights: closer to full quality than 4-bit; made for the CPU, usually slower than q4 on a GPU.',
    wasm: '8-bit weights: closer to full quality than 4-bit, and made for the CPU.',
  },
  fp16: {
    webgpu: 'Full quality at half the size of fp32; needs 16-bit shaders.',
    wasm: 'Full quality at half the size of fp32, but slow on the CPU.',
  },
  fp32: {
    webgpu: 'Full precision: the largest download and the slowest.',
    wasm: 'Full precision: the largest download and the slowest.',
  },
};

export interface VariantOption {
  dtype: Dtype;
  tradeOff: string;
  /** Why this device cannot run it; null when it can. */
  blocked: string | null;
}

export interface VariantListing {
  /** Where the variants would run: the device Auto settles on for this model and "Run on" setting. */
  device: Device;
  options: VariantOption[];
}

/**
 * The catalog's variants of a model, each with what it trades and whether this device can run it. A GPU without
 * shader-f16 cannot run 16-bit graphs; the CPU runs every variant (16-bit ones slowly).
 */
export function listVariants(caps: Capabilities, spec: ModelSpec, preference: DevicePreference = 'auto'): VariantListing {
  // No variant Auto would pick means no GPU variant runs, and the CPU runs them all.
  const device = chooseVariant(caps, spec, preference)?.device ?? 'wasm';
  const options = PICKER_ORDER.filter((dtype) => spec.dtypes[dtype] !== undefined).map((dtype) => ({
    dtype,
    tradeOff: TRADE_OFF[dtype][device],
    blocked:
      device === 'webgpu' && !caps.shaderF16 && needsShaderF16(spec, dtype)
        ? `Needs 16-bit float shaders (shader-f16), which ${caps.adapter ?? 'this GPU'} lacks; choose CPU (WASM) under Run on to use it.`
        : null,
  }));
  return { device, options };
}

/** The remembered variant while this device can still run it; otherwise 'auto'. */
export function pickedVariant(listing: VariantListing, remembered: Dtype | undefined): Dtype | 'auto' {
  const option = listing.options.find((o) => o.dtype === remembered);
  return option && option.blocked === null ? option.dtype : 'auto';
}

/** The variant to load: the person's choice for this model where it runs here, otherwise Auto's. */
export function resolveVariant(caps: Capabilities, spec: ModelSpec, preference: DevicePreference, remembered: Dtype | undefined): VariantChoice | null {
  const auto = chooseVariant(caps, spec, preference);
  const listing = listVariants(caps, spec, preference);
  const picked = pickedVariant(listing, remembered);
  if (picked === 'auto' || (auto && auto.device === listing.device && auto.dtype === picked)) return auto;
  const where = listing.device === 'webgpu' ? `WebGPU (${caps.adapter ?? 'this GPU'})` : 'the CPU (WASM)';
  return { device: listing.device, dtype: picked, reason: `${picked} on ${where}, as chosen for this model${auto ? ` (Auto would use ${auto.dtype})` : ''}.` };
}

/**
 * The remembered variants from saved preferences, keeping only those of catalog models in a variant the catalog
 * still has: anything else (an old catalog, a hand-edited value) means Auto.
 */
export function rememberedVariants(saved: unknown, find: (id: string) => ModelSpec | undefined): Record<string, Dtype> {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return {};
  const kept: Record<string, Dtype> = {};
  for (const [modelId, dtype] of Object.entries(saved)) {
    const spec = find(modelId);
    if (spec && typeof dtype === 'string' && Object.hasOwn(spec.dtypes, dtype)) kept[modelId] = dtype as Dtype;
  }
  return kept;
}
