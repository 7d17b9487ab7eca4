import { describe, expect, it } from 'vitest';
import type { LoadPayload } from '../protocol';
import { ModelSlot } from './transformers-engine';

const PAYLOAD = { repo: 'onnx-community/Janus-Pro-1B-ONNX', device: 'wasm', dtype: 'q4' } as unknown as LoadPayload;

/** A model that records its loads and disposals, so the slot's order of work can be read back. */
function recordingSlot() {
  const log: string[] = [];
  let loads = 0;
  const slot = new ModelSlot(async (payload) => {
    const n = ++loads;
    log.push(`load ${n}`);
    return { payload, n, dispose: async () => void log.push(`dispose ${n}`) };
  });
  return { slot, log };
}

describe('a model slot (the image model, the recognizer, the voice)', () => {
  it('unloads after the calls already queued, and the next call loads the model again', async () => {
    const { slot, log } = recordingSlot();
    expect(await slot.unload()).toEqual({ unloaded: false });
    let release: () => void = () => undefined;
    const drawing = slot.use(PAYLOAD, {}, (model) => new Promise<number>((resolve) => (release = () => resolve(model.n))));
    const unloading = slot.unload();
    await new Promise((r) => setTimeout(r, 0));
    // The drawing holds the model: nothing is disposed under it.
    expect(log).toEqual(['load 1']);
    release();
    expect(await drawing).toBe(1);
    expect(await unloading).toEqual({ unloaded: true });
    expect(log).toEqual(['load 1', 'dispose 1']);
    expect(await slot.unload()).toEqual({ unloaded: false });
    expect(await slot.use(PAYLOAD, {}, async (model) => model.n)).toBe(2);
    expect(log).toEqual(['load 1', 'dispose 1', 'load 2']);
  });
});
