// What live mode needs from the loaded model (eyes), which model to suggest when it has none, and when a device is too slow for it.

import type { ModelSpec } from '../../domain/model';
import { CHAT_MODELS, takes } from '../../models/catalog';
import { formatBytes } from '../../shared/format';

/** How often live mode keeps a camera frame. */
export const FRAME_INTERVAL_MS = 500;
/**
 * Frames are kept for this many seconds behind what the voice detector has judged (longer than most questions)…
 */
export const RING_SECONDS = 8;
/** …and never more than this many (a minute at one per 500 ms, a few MB of small JPEGs), however far behind it runs. */
export const RING_FRAMES = 120;
/**
 * Frames per spoken turn: the latest one taken while the person spoke. Each costs the seeing model a whole picture:
 * SmolVLM's processor scales a frame up to 2048 px and cuts it into 512 px tiles (about 830 tokens a frame); three
 * frames made a 2601-token prompt whose first word took 58 s on WASM on a busy 2-core machine.
 */
export const FRAMES_PER_TURN = 1;
/** Frames are drawn this small: the seeing models of the catalog read 512-pixel tiles, so more is wasted work. */
export const FRAME_LONGEST_EDGE = 512;
/**
 * A live answer whose first word comes this long after the question ended is too slow for a conversation about what
 * the camera shows: the scene has moved on.
 */
export const SLOW_TURN_MS = 12_000;

export interface SeeingModel {
  spec: ModelSpec;
  /** Its smallest variant's download, counting only the files whose size the catalog knows… */
  bytes: number;
  /** …so, when some are unknown, a lower bound. */
  exact: boolean;
}

/** The smallest download among a model's local variants (files of unknown size left out), or null when no size is known. */
function smallestDownload(spec: ModelSpec): { bytes: number; exact: boolean } | null {
  let best: { bytes: number; exact: boolean } | null = null;
  for (const variant of Object.values(spec.dtypes)) {
    const known = variant?.files.filter((f) => f.bytes !== null) ?? [];
    const bytes = known.reduce((sum, f) => sum + (f.bytes ?? 0), 0);
    if (bytes <= 0) continue;
    if (!best || bytes < best.bytes) best = { bytes, exact: known.length === variant?.files.length };
  }
  return best;
}

/** The size as the person reads it: "191 MB", or "over 191 MB" when some files' sizes are not known. */
function sizeText(model: SeeingModel): string {
  return `${model.exact ? '' : 'over '}${formatBytes(model.bytes)}`;
}

/** The seeing chat model with the smallest download: the one to suggest on a slow device or when none is loaded. */
export function smallestSeeingModel(models: readonly ModelSpec[] = CHAT_MODELS): SeeingModel | null {
  let best: SeeingModel | null = null;
  for (const spec of models) {
    if (spec.remote || !takes(spec, 'image')) continue;
    const size = smallestDownload(spec);
    if (size !== null && (!best || size.bytes < best.bytes)) best = { spec, ...size };
  }
  return best;
}

export interface LiveAdvice {
  message: string;
  /** The model to choose instead, when choosing it would help. */
  suggest: ModelSpec | null;
}

/** Why live mode (or another `feature` that looks through the camera) cannot start with this model, or null: it must see. */
export function cannotGoLive(loaded: ModelSpec | undefined, models: readonly ModelSpec[] = CHAT_MODELS, feature = 'live mode'): LiveAdvice | null {
  if (loaded && takes(loaded, 'image')) return null;
  const smallest = smallestSeeingModel(models);
  const what = loaded ? `${loaded.name} cannot see` : 'No model is loaded';
  if (!smallest) return { message: `${what}, and no model that sees is available.`, suggest: null };
  return {
    message: `${what}: ${feature} needs a model that sees. The smallest is ${smallest.spec.name} (${sizeText(smallest)}); choose it and load it.`,
    suggest: smallest.spec,
  };
}

/** After a live turn: a first word this late means the device is too slow for this model in live mode. */
export function slowAdvice(loaded: ModelSpec, toFirstTokenMs: number, models: readonly ModelSpec[] = CHAT_MODELS): LiveAdvice | null {
  if (toFirstTokenMs < SLOW_TURN_MS) return null;
  const seconds = Math.round(toFirstTokenMs / 1000);
  const smallest = smallestSeeingModel(models);
  if (!smallest || smallest.spec.id === loaded.id) {
    return { message: `This device is slow for live mode: the answer began ${seconds} s after you spoke, with the smallest model that sees.`, suggest: null };
  }
  return {
    message: `This device is slow for ${loaded.name} in live mode: the answer began ${seconds} s after you spoke. ${smallest.spec.name} (${sizeText(smallest)}) is the smallest model that sees.`,
    suggest: smallest.spec,
  };
}
