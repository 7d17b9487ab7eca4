// "Will it fit": before a download, weighs a variant against free storage and the GPU's buffer limit, and names a smaller option.

import type { Capabilities } from './capabilities';
import { downloadBytes } from './catalog';
import { type ModelSpec } from '../domain/model';
import type { VariantChoice } from './variant';
import { MEMORY_SHARE, RESIDENT_FACTOR } from './recommend';
import { tr } from '../i18n/i18n';

export interface StorageEstimate {
  usage: number;
  quota: number;
}

export interface FitVerdict {
  verdict: 'fits' | 'tight' | 'wont-fit' | 'unknown';
  /** One or two sentences for the person, with the figures. */
  message: string;
}

const GB = 1e9;
const fmt = (bytes: number) => (bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`);

export function checkFit(
  spec: ModelSpec,
  choice: VariantChoice,
  caps: Capabilities,
  storage: StorageEstimate | null,
  alreadyCached: number,
  catalog: readonly ModelSpec[],
): FitVerdict {
  const needed = downloadBytes(spec, choice.dtype);
  if (needed === null) return { verdict: 'unknown', message: tr('models:fit.unknownSize') };
  const toFetch = Math.max(0, needed - alreadyCached);
  const largestFile = Math.max(0, ...(spec.dtypes[choice.dtype]?.files ?? []).map((f) => f.bytes ?? 0));
  if (choice.device === 'webgpu' && caps.maxBufferSize > 0 && largestFile > caps.maxBufferSize * 4) {
    // One ONNX file holds many tensors, so only a file far above the buffer limit is a clear sign of trouble.
    return { verdict: 'tight', message: tr('models:fit.buffer', { limit: fmt(caps.maxBufferSize), file: fmt(largestFile) }) };
  }
  if (!storage) return { verdict: 'unknown', message: tr('models:fit.noEstimate', { size: fmt(toFetch) }) };
  const free = Math.max(0, storage.quota - storage.usage);
  if (toFetch > free) {
    const smaller = catalog
      .flatMap((m) => Object.keys(m.dtypes).map((d) => ({ m, d, bytes: downloadBytes(m, d as VariantChoice['dtype']) })))
      .filter((o) => o.bytes !== null && o.bytes <= free && !(o.m.id === spec.id && o.d === choice.dtype))
      .sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0))[0];
    return {
      verdict: 'wont-fit',
      message: smaller
        ? tr('models:fit.wontFitSmaller', { size: fmt(toFetch), free: fmt(free), name: smaller.m.name, dtype: smaller.d, smallerSize: fmt(smaller.bytes ?? 0) })
        : tr('models:fit.wontFit', { size: fmt(toFetch), free: fmt(free) }),
    };
  }
  if (toFetch > free * 0.8) return { verdict: 'tight', message: tr('models:fit.tight', { size: fmt(toFetch), free: fmt(free) }) };
  return { verdict: 'fits', message: toFetch === 0 ? tr('models:fit.stored') : tr('models:fit.fits', { size: fmt(toFetch), free: fmt(free) }) };
}

/** A model in memory (or about to be): its catalog entry and the variant it runs in. */
export interface ModelInMemory {
  spec: ModelSpec;
  dtype: VariantChoice['dtype'];
}

/**
 * Whether the image model can join the chat model already loaded in the same worker: both stay in memory together.
 * Judged as recommend.ts judges one model (a tab gets about half of navigator.deviceMemory; weights take about 1.3
 * times their download). Null when there is nothing to say: no chat model loaded, or both clearly fit.
 */
export function checkTogether(image: ModelInMemory, chat: ModelInMemory | null, deviceMemoryGb: number | null): FitVerdict | null {
  if (!chat) return null;
  const imageBytes = downloadBytes(image.spec, image.dtype);
  const chatBytes = downloadBytes(chat.spec, chat.dtype);
  const unknown = [imageBytes === null ? image.spec.name : null, chatBytes === null ? chat.spec.name : null].filter((n) => n !== null);
  if (unknown.length > 0 || imageBytes === null || chatBytes === null) {
    return {
      verdict: 'unknown',
      message:
        unknown.length === 1
          ? tr('placement:together.unknownOne', { name: unknown[0], image: image.spec.name, chat: chat.spec.name })
          : tr('placement:together.unknownBoth', { first: unknown[0], second: unknown[1], image: image.spec.name, chat: chat.spec.name }),
    };
  }
  const together = (imageBytes + chatBytes) * RESIDENT_FACTOR;
  if (deviceMemoryGb === null) return null;
  const budget = deviceMemoryGb * GB * MEMORY_SHARE;
  // Browsers cap deviceMemory at 8: a device reporting 8 may have more, so only a smaller figure says "won't fit".
  if (together > budget && deviceMemoryGb < 8) {
    return {
      verdict: 'wont-fit',
      message: tr('placement:together.wontFit', { image: image.spec.name, chat: chat.spec.name, size: fmt(together), memory: deviceMemoryGb }),
    };
  }
  if (together > budget * 0.8 && deviceMemoryGb < 8) {
    return { verdict: 'tight', message: tr('placement:together.tight', { image: image.spec.name, chat: chat.spec.name, size: fmt(together) }) };
  }
  return null;
}
