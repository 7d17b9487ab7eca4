// The worklet itself, in Node: AudioWorkletGlobalScope's three names stubbed, the real module registered and driven
// the way the audio thread drives it (process() with 128-sample quanta).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Processor = { process(inputs: Float32Array[][]): boolean; port: { onmessage: ((e: { data: unknown }) => void) | null } };
const registered = new Map<string, new (options: object) => Processor>();
const posted: { message: { samples: Float32Array; sampleRate: number }; transfer: Transferable[] }[] = [];
const scope = globalThis as Record<string, unknown>;

beforeAll(async () => {
  scope.sampleRate = 44_100;
  scope.registerProcessor = (name: string, processor: new (options: object) => Processor) => registered.set(name, processor);
  scope.AudioWorkletProcessor = class {
    port = { onmessage: null, postMessage: (message: never, transfer: Transferable[]) => posted.push({ message, transfer }) };
  };
  await import('./capture-worklet');
});
afterAll(() => {
  for (const name of ['sampleRate', 'registerProcessor', 'AudioWorkletProcessor']) delete scope[name];
});

describe('the capture worklet', () => {
  it('registers under the name the page creates it by', async () => {
    const { CAPTURE_PROCESSOR } = await import('./protocol');
    expect([...registered.keys()]).toEqual([CAPTURE_PROCESSOR]);
  });

  it('posts 32 ms chunks at the context’s rate, buffers transferred; survives quanta with no input; stops on request', () => {
    const Capture = registered.get('sensa-capture')!;
    const node = new Capture({});
    let next = 0;
    const quantum = () => Float32Array.from({ length: 128 }, () => next++);
    for (let q = 0; q < 23; q++) {
      expect(node.process([[quantum()]])).toBe(true);
      // A source not connected yet, or gone: no channels. Nothing is sent, and the node stays alive.
      if (q === 5) expect(node.process([[]])).toBe(true);
    }
    // 23 × 128 = 2944 samples: two chunks of 1411 at 44.1 kHz, 122 waiting.
    expect(posted.map((p) => [p.message.samples.length, p.message.sampleRate])).toEqual([[1411, 44_100], [1411, 44_100]]);
    expect(posted.every((p) => p.transfer[0] === p.message.samples.buffer)).toBe(true);
    expect(posted[1]?.message.samples[0]).toBe(1411);
    node.port.onmessage?.({ data: 'stop' });
    expect(node.process([[quantum()]])).toBe(false);
  });
});
