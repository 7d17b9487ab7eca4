// Counts the runs of a model's picture and sound encoders, so each answer reports how many it needed (a follow-up
// question answered from the KV cache needs none).

import type { PreTrainedModel } from '@huggingface/transformers';
import { PART_SESSION, type MediaPart } from '../../shared/model-parts';

export type EncoderRuns = Record<MediaPart, number>;

interface Runnable {
  run: (...args: unknown[]) => Promise<unknown>;
}

const counted = new WeakSet<object>();

/**
 * Counts every run of the model's encoder sessions into `runs` from now on. Idempotent per session, and called before
 * each answer because a text-first model gains its encoders later (load-parts adds the session).
 */
export function countEncoderRuns(model: PreTrainedModel, runs: () => EncoderRuns): void {
  for (const [part, name] of Object.entries(PART_SESSION) as [MediaPart, string][]) {
    const session = (model.sessions as Record<string, Runnable | undefined>)[name];
    if (!session || counted.has(session)) continue;
    counted.add(session);
    const run = session.run.bind(session);
    session.run = (...args: unknown[]) => {
      runs()[part] += 1;
      return run(...args);
    };
  }
}
