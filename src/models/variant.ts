// Chooses the device and dtype for a model from the probed capabilities and the person's device preference.

import { webgpuProblemText, type Capabilities } from './capabilities';
import type { ModelSpec } from '../domain/model';
import type { Device, Dtype } from '../domain/model';
import { tr } from '../i18n/i18n';

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
    return only16 ? { device: 'wasm', dtype: only16, reason: tr('models:why.only16', { why }) } : null;
  };
  if (preference === 'wasm') return wasm(tr('models:why.cpuChosen'));
  if (!caps.webgpu) return wasm(tr('models:why.noWebgpu', { problem: webgpuProblemText(caps.webgpuProblem) }));
  if (caps.shaderF16) {
    const dtype = firstAvailable(spec, ORDER['webgpu-f16'], 'webgpu');
    if (dtype) return { device: 'webgpu', dtype, reason: tr('models:why.f16', { adapter: adapterName(caps) }) };
  }
  const dtype = firstAvailable(spec, ORDER.webgpu, 'webgpu');
  if (dtype) {
    return {
      device: 'webgpu',
      dtype,
      reason: caps.shaderF16 ? tr('models:why.webgpu', { adapter: adapterName(caps) }) : tr('models:why.noF16', { adapter: adapterName(caps) }),
    };
  }
  // A model that comes only in 16-bit variants is not moved to the CPU behind the person's back: a 2-3 GB model there
  // answers at a few words a minute. unavailableReason says why and how to choose the CPU.
  const cpu = firstAvailable(spec, ORDER.wasm, 'wasm');
  return cpu ? { device: 'wasm', dtype: cpu, reason: tr('models:why.cpuFallback') } : null;
}

/** Why chooseVariant found nothing for this model here, in words for the picker; one place for the panel and the guide. */
export function unavailableReason(caps: Capabilities, spec: ModelSpec, preference: DevicePreference = 'auto'): string {
  const has16Bit = (Object.keys(spec.dtypes) as Dtype[]).some((dtype) => needsShaderF16(spec, dtype));
  if (preference !== 'wasm' && caps.webgpu && !caps.shaderF16 && has16Bit) {
    return tr('models:why.only16Gpu', { adapter: adapterName(caps) });
  }
  return tr('models:why.noVariant');
}

/** The picker's order: smallest download first. */
const PICKER_ORDER: readonly Dtype[] = ['q4f16', 'q4', 'q8', 'fp16', 'fp32'];

const F16_DTYPES: ReadonlySet<Dtype> = new Set(['q4f16', 'fp16']);

/** Whether a variant computes in 16-bit floats anywhere: its own dtype, or any session of a split model. */
export function needsShaderF16(spec: ModelSpec, dtype: Dtype): boolean {
  const sessions = Object.values(spec.dtypes[dtype]?.sessions ?? {});
  return F16_DTYPES.has(dtype) || sessions.some((d) => F16_DTYPES.has(d));
}

/** The adapter's name, or "this GPU" in the UI's language. */
function adapterName(caps: Capabilities): string {
  return caps.adapter ?? tr('models:why.thisGpu');
}

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
    // One line on what the variant trades, on the device it would run on.
    tradeOff: tr(`placement:tradeOff.${dtype}.${device}`),
    blocked:
      device === 'webgpu' && !caps.shaderF16 && needsShaderF16(spec, dtype)
        ? tr('models:why.blocked', { adapter: adapterName(caps) })
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
  const where = listing.device === 'webgpu' ? tr('models:why.onGpu', { adapter: adapterName(caps) }) : tr('models:why.onCpu');
  return { device: listing.device, dtype: picked, reason: auto ? tr('models:why.chosenNotAuto', { dtype: picked, where, auto: auto.dtype }) : tr('models:why.chosen', { dtype: picked, where }) };
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
