// Live mode's advice: which model to suggest, and when a device is too slow.

import { describe, expect, it } from 'vitest';
import { CATALOG, CHAT_MODELS } from '../../models/catalog';
import { SLOW_TURN_MS, cannotGoLive, slowAdvice, smallestSeeingModel } from './live-checks';

const model = (id: string) => {
  const spec = CATALOG.find((m) => m.id === id);
  if (!spec) throw new Error(`no ${id} in the catalog`);
  return spec;
};

describe('live mode advice', () => {
  it('suggests the seeing model with the smallest download from the catalog', () => {
    const smallest = smallestSeeingModel(CHAT_MODELS);
    expect(smallest?.spec.id).toBe('smolvlm-256m-instruct');
    // Its smallest variant, not its first; the catalog does not know the vision encoder's size, so it is a lower bound.
    const sizes = Object.values(model('smolvlm-256m-instruct').dtypes).map((d) => d?.files.reduce((s, f) => s + (f.bytes ?? 0), 0) ?? Infinity);
    expect(smallest?.bytes).toBe(Math.min(...sizes));
    expect(smallest?.exact).toBe(false);
    expect(cannotGoLive(undefined)?.message).toMatch(/SmolVLM 256M Instruct \(over \d+ MB\)/);
  });

  it('refuses a model that cannot see, or none, and names the smallest that can', () => {
    expect(cannotGoLive(model('gemma-4-e2b-it'))).toBeNull();
    expect(cannotGoLive(model('smolvlm-256m-instruct'))).toBeNull();
    const blind = cannotGoLive(model('qwen3-0.6b'));
    expect(blind?.message).toMatch(/^Qwen3 0\.6B cannot see: .*SmolVLM 256M Instruct/);
    expect(blind?.suggest?.id).toBe('smolvlm-256m-instruct');
    expect(cannotGoLive(undefined)?.message).toMatch(/^No model is loaded/);
    expect(cannotGoLive(undefined, [model('qwen3-0.6b')])?.suggest).toBeNull();
  });

  it('calls a device slow only past the threshold, and suggests a smaller model only when there is one', () => {
    expect(slowAdvice(model('gemma-4-e2b-it'), SLOW_TURN_MS - 1)).toBeNull();
    const gemma = slowAdvice(model('gemma-4-e2b-it'), 20_000);
    expect(gemma?.message).toMatch(/20 s after you spoke\. SmolVLM 256M Instruct/);
    expect(gemma?.suggest?.id).toBe('smolvlm-256m-instruct');
    const smol = slowAdvice(model('smolvlm-256m-instruct'), 20_000);
    expect(smol?.suggest).toBeNull();
    expect(smol?.message).toMatch(/with the smallest model that sees/);
  });
});
