// Sorts the catalog for this device into "runs well here", "runs, slowly" and "too big for this device", each with
// its reason, and suggests one model per need (chat, pictures, sound). Pure: the measurements come in as a profile.
// UNFINISHED: nothing measures the profile yet (the matmul micro-benchmark, navigator.deviceMemory, the quota), and
// the picker does not show the tiers (issue 18).

import type { Dtype, ModelSpec } from '../domain/model';
import type { Capabilities } from './capabilities';
import { downloadBytes } from './catalog';
import { chooseVariant, type VariantChoice } from './variant';

export interface DeviceProfile {
  caps: Capabilities;
  /** navigator.deviceMemory: GB, rounded down to a power of two and capped at 8 by browsers; null where absent (Safari, Firefox). */
  deviceMemoryGb: number | null;
  /** Quota minus usage, from navigator.storage.estimate(); null where the browser does not say. */
  storageFreeBytes: number | null;
  /** Sustained GFLOP/s of an fp32 matrix multiply on this GPU, measured once; null when not measured or no WebGPU. */
  matmulGflops: number | null;
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
const MEMORY_SHARE = 0.5;
const RESIDENT_FACTOR = 1.3;

/**
 * Decoding a token costs two FLOPs per weight; a matmul benchmark reaches peak that decoding, bound by memory and
 * kernel launches, does not: a quarter of it is what transformers.js reached on the adapters measured for docs/speed.md.
 * Without shader-f16 activations are fp32, which halves it again.
 */
const DECODE_EFFICIENCY = 0.25;
const WELL_TOKENS_PER_SECOND = 10;
/** The CPU (WASM) path: below this size a model answers at reading speed on a recent laptop (docs/speed.md). */
const WASM_WELL_BYTES = 600e6;

export function placeModel(spec: ModelSpec, profile: DeviceProfile): Placement {
  const choice = chooseVariant(profile.caps, spec, 'auto');
  if (!choice) return { tier: 'too-big', reason: 'No variant of this model runs on this device.', choice: null, bytes: null };
  const bytes = downloadBytes(spec, choice.dtype);
  if (bytes === null) return { tier: 'runs-slowly', reason: 'Its size is not known yet, so Sensa cannot promise it runs well.', choice, bytes };
  if (profile.storageFreeBytes !== null && bytes > profile.storageFreeBytes) {
    return { tier: 'too-big', reason: `Needs ${fmt(bytes)} of storage; ${fmt(profile.storageFreeBytes)} is free.`, choice, bytes };
  }
  if (profile.deviceMemoryGb !== null) {
    const budget = profile.deviceMemoryGb * GB * MEMORY_SHARE;
    // Browsers cap the figure at 8 GB, so a device reporting 8 may have more: only a smaller figure rules a model out.
    if (bytes * RESIDENT_FACTOR > budget && profile.deviceMemoryGb < 8) {
      return { tier: 'too-big', reason: `Needs about ${fmt(bytes * RESIDENT_FACTOR)} of memory; this device reports ${profile.deviceMemoryGb} GB.`, choice, bytes };
    }
  }
  const largestFile = Math.max(0, ...(spec.dtypes[choice.dtype]?.files ?? []).map((f) => f.bytes ?? 0));
  if (choice.device === 'webgpu' && profile.caps.maxBufferSize > 0 && largestFile > profile.caps.maxBufferSize * 4) {
    return { tier: 'too-big', reason: `A ${fmt(largestFile)} weight file is far above this GPU's ${fmt(profile.caps.maxBufferSize)} buffer limit.`, choice, bytes };
  }
  if (choice.device === 'wasm') {
    return bytes <= WASM_WELL_BYTES
      ? { tier: 'runs-well', reason: `Small enough (${fmt(bytes)}) to answer quickly on the CPU.`, choice, bytes }
      : { tier: 'runs-slowly', reason: `Runs on the CPU (no WebGPU here): ${fmt(bytes)} of weights answer slowly.`, choice, bytes };
  }
  if (profile.matmulGflops === null) {
    return bytes <= 1.5 * GB
      ? { tier: 'runs-well', reason: `${fmt(bytes)} on WebGPU; this GPU's speed was not measured.`, choice, bytes }
      : { tier: 'runs-slowly', reason: `${fmt(bytes)} on a GPU whose speed was not measured: it may be slow.`, choice, bytes };
  }
  const weights = bytes / BYTES_PER_WEIGHT[choice.dtype];
  const efficiency = DECODE_EFFICIENCY * (profile.caps.shaderF16 ? 1 : 0.5);
  const tokensPerSecond = (profile.matmulGflops * 1e9 * efficiency) / (2 * weights);
  const estimate = `about ${tokensPerSecond >= 10 ? Math.round(tokensPerSecond) : tokensPerSecond.toFixed(1)} tokens/s estimated from this GPU's ${Math.round(profile.matmulGflops)} GFLOP/s`;
  return tokensPerSecond >= WELL_TOKENS_PER_SECOND
    ? { tier: 'runs-well', reason: `Runs well: ${estimate}.`, choice, bytes }
    : { tier: 'runs-slowly', reason: `Runs, slowly: ${estimate}.`, choice, bytes };
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
export function recommend(catalog: readonly ModelSpec[], profile: DeviceProfile): Record<Need, ModelSpec | null> {
  const placed = catalog.filter((m) => m.task === 'chat' && !m.remote).map((spec) => ({ spec, placement: placeModel(spec, profile) }));
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
