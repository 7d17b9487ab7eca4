// Sorts the catalog for this device into "runs well here", "runs, slowly" and "too big for this device", each with
// its reason, and suggests one model per need (chat, pictures, sound). Pure: the measurements (device/measure.ts) come
// in as a profile. The thresholds and their reasoning are in docs/models.md, "A recommendation for this device".

import type { Dtype, ModelSpec } from '../domain/model';
import type { Capabilities } from './capabilities';
import { downloadBytes } from './catalog';
import { chooseVariant, unavailableReason, type DevicePreference, type VariantChoice } from './variant';
import { tr } from '../i18n/i18n';

export interface DeviceProfile {
  caps: Capabilities;
  /** navigator.deviceMemory: GB, rounded down to a power of two and capped at 8 by browsers; null where absent (Safari, Firefox). */
  deviceMemoryGb: number | null;
  /** Quota minus usage, from navigator.storage.estimate(); null where the browser does not say. */
  storageFreeBytes: number | null;
  /** Sustained GFLOP/s of an fp32 matrix multiply on this GPU, measured once; null when not measured or no WebGPU. */
  matmulGflops: number | null;
  /** The same multiply in plain JavaScript, measured only without WebGPU; null otherwise or when not measured. */
  cpuGflops?: number | null;
}

export type Tier = 'runs-well' | 'runs-slowly' | 'too-big';

export interface Placement {
  tier: Tier;
  /** One sentence with the figure that decided it. */
  reason: string;
  choice: VariantChoice | null;
  bytes: number | null;
}

export type Need = 'chat' | 'pictures' | 'sound';

const GB = 1e9;
const fmt = (bytes: number) => (bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`);

/** Bytes per weight in each dtype, to estimate parameters from a download (q4 carries scales: about 0.6). */
const BYTES_PER_WEIGHT: Record<Dtype, number> = { q4: 0.6, q4f16: 0.6, q8: 1.05, fp16: 2, fp32: 4 };

/**
 * A tab gets about half of what the device reports before the browser or the OS steps in; weights take about 1.3 times
 * their download once unpacked with the KV cache and activations.
 */
export const MEMORY_SHARE = 0.5;
export const RESIDENT_FACTOR = 1.3;

/**
 * Decoding a token costs two FLOPs per weight; a matmul benchmark reaches peak that decoding, bound by memory and
 * kernel launches, does not: a quarter of it is what transformers.js reached on the adapters measured for docs/speed.md.
 * Without shader-f16 activations are fp32, which halves it again.
 */
const DECODE_EFFICIENCY = 0.25;
const WELL_TOKENS_PER_SECOND = 10;
/** The CPU (WASM) path: below this size a model answers at reading speed on a recent laptop (docs/speed.md). */
const WASM_WELL_BYTES = 600e6;
/**
 * What the JavaScript matmul (device/matmul-bench.ts) measures on the kind of CPU WASM_WELL_BYTES was set for: 1.1
 * GFLOP/s on one core of this project's shared server. ONNX Runtime's SIMD kernels are far faster than that loop, but
 * both scale with the core, so the threshold scales with the measured ratio, within bounds: a timer's noise on a
 * 5 ms measurement must not move a model across two tiers.
 */
const CPU_REFERENCE_GFLOPS = 1.1;
const CPU_SCALE_BOUNDS = [0.5, 2] as const;

/** Where a model lands; `preference` is the person's "Run on" choice, so a CPU choice is judged on the CPU. */
export function placeModel(spec: ModelSpec, profile: DeviceProfile, preference: DevicePreference = 'auto'): Placement {
  const choice = chooseVariant(profile.caps, spec, preference);
  if (!choice) return { tier: 'too-big', reason: unavailableReason(profile.caps, spec, preference), choice: null, bytes: null };
  const bytes = downloadBytes(spec, choice.dtype);
  if (bytes === null) return { tier: 'runs-slowly', reason: tr('placement:place.unknownSize'), choice, bytes };
  if (profile.storageFreeBytes !== null && bytes > profile.storageFreeBytes) {
    return { tier: 'too-big', reason: tr('placement:place.storage', { size: fmt(bytes), free: fmt(profile.storageFreeBytes) }), choice, bytes };
  }
  if (profile.deviceMemoryGb !== null) {
    const budget = profile.deviceMemoryGb * GB * MEMORY_SHARE;
    // Browsers cap the figure at 8 GB, so a device reporting 8 may have more: only a smaller figure rules a model out.
    if (bytes * RESIDENT_FACTOR > budget && profile.deviceMemoryGb < 8) {
      return { tier: 'too-big', reason: tr('placement:place.memory', { size: fmt(bytes * RESIDENT_FACTOR), memory: profile.deviceMemoryGb }), choice, bytes };
    }
  }
  const largestFile = Math.max(0, ...(spec.dtypes[choice.dtype]?.files ?? []).map((f) => f.bytes ?? 0));
  if (choice.device === 'webgpu' && profile.caps.maxBufferSize > 0 && largestFile > profile.caps.maxBufferSize * 4) {
    return { tier: 'too-big', reason: tr('placement:place.buffer', { file: fmt(largestFile), limit: fmt(profile.caps.maxBufferSize) }), choice, bytes };
  }
  if (choice.device === 'wasm') {
    const cpu = profile.cpuGflops ?? null;
    const scale = cpu === null ? 1 : Math.min(CPU_SCALE_BOUNDS[1], Math.max(CPU_SCALE_BOUNDS[0], cpu / CPU_REFERENCE_GFLOPS));
    const values = { size: fmt(bytes), gflops: cpu === null ? '' : formatGflops(cpu) };
    const measured = cpu === null ? '' : 'Measured';
    return bytes <= WASM_WELL_BYTES * scale
      ? { tier: 'runs-well', reason: tr(`placement:place.cpuWell${measured}`, values), choice, bytes }
      : { tier: 'runs-slowly', reason: tr(`placement:place.cpuSlow${measured}`, values), choice, bytes };
  }
  if (profile.matmulGflops === null) {
    return bytes <= 1.5 * GB
      ? { tier: 'runs-well', reason: tr('placement:place.gpuUnmeasuredWell', { size: fmt(bytes) }), choice, bytes }
      : { tier: 'runs-slowly', reason: tr('placement:place.gpuUnmeasuredSlow', { size: fmt(bytes) }), choice, bytes };
  }
  const weights = bytes / BYTES_PER_WEIGHT[choice.dtype];
  const efficiency = DECODE_EFFICIENCY * (profile.caps.shaderF16 ? 1 : 0.5);
  const tokensPerSecond = (profile.matmulGflops * 1e9 * efficiency) / (2 * weights);
  // The reason names the measured figure, never the tokens/s estimate: the efficiency factor is a calibration, and on
  // a software GPU (SwiftShader: 0.02 GFLOP/s) the estimate is a number like 0.0004 tokens/s that means nothing to a person.
  const values = { size: fmt(bytes), gflops: formatGflops(profile.matmulGflops) };
  return tokensPerSecond >= WELL_TOKENS_PER_SECOND
    ? { tier: 'runs-well', reason: tr('placement:place.gpuWell', values), choice, bytes }
    : { tier: 'runs-slowly', reason: tr('placement:place.gpuSlow', values), choice, bytes };
}

/** 2 significant figures below 10 (a software GPU's 0.017), whole numbers above (a desktop GPU's 4000). */
export function formatGflops(gflops: number): string {
  return gflops >= 10 ? String(Math.round(gflops)) : String(Number(gflops.toPrecision(2)));
}

const NEEDS: Record<Need, (spec: ModelSpec) => boolean> = {
  chat: (spec) => spec.inputs.includes('text'),
  pictures: (spec) => spec.inputs.includes('image'),
  sound: (spec) => spec.inputs.includes('audio'),
};

/**
 * One model per need: the largest that runs well (size is the best proxy for quality within a curated range), or
 * else the smallest that runs at all; null when nothing for that need fits this device.
 */
export function recommend(catalog: readonly ModelSpec[], profile: DeviceProfile, preference: DevicePreference = 'auto'): Record<Need, ModelSpec | null> {
  const placed = catalog.filter((m) => m.task === 'chat' && !m.remote).map((spec) => ({ spec, placement: placeModel(spec, profile, preference) }));
  const pick = (need: Need): ModelSpec | null => {
    const fits = placed.filter((p) => NEEDS[need](p.spec));
    const size = (p: (typeof placed)[number]) => p.placement.bytes ?? Number.POSITIVE_INFINITY;
    const well = fits.filter((p) => p.placement.tier === 'runs-well').sort((a, b) => size(b) - size(a));
    if (well[0]) return well[0].spec;
    const slow = fits.filter((p) => p.placement.tier === 'runs-slowly').sort((a, b) => size(a) - size(b));
    return slow[0]?.spec ?? null;
  };
  return { chat: pick('chat'), pictures: pick('pictures'), sound: pick('sound') };
}
