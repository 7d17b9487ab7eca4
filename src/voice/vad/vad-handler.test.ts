// The VAD worker's table with a fake detector: readiness, events and utterances on `listen`, chunk order, and a detector that fails to load.

import { describe, expect, it } from 'vitest';
import type { RpcResponse } from '../../shared/rpc';
import { createVadHandler, type Detector } from './vad-handler';
import type { VadEvent } from './vad';
import type { VadRequest, VadRpc } from './vad-protocol';

type Sent = { response: RpcResponse<VadRpc>; transfer: Transferable[] | undefined };

/** Speech from the first sample of the second chunk to the end of the third; decided on the fourth. */
function scriptedDetector(): Detector & { chunks: number[]; configured: object[] } {
  let pushed = 0;
  const chunks: number[] = [];
  const configured: object[] = [];
  return {
    chunks,
    configured,
    configure(options) {
      configured.push(options);
    },
    async push(samples) {
      chunks.push(samples[0] ?? -1);
      const at = pushed;
      pushed += samples.length;
      // A slow first frame: later chunks must still be judged after it.
      if (at === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      if (at === 1600) return [{ kind: 'speech-start', startSample: 1600, startSeconds: 0.1, decidedAtSample: 1600 }] satisfies VadEvent[];
      if (at === 4800) {
        return [{ kind: 'speech-end', startSample: 1600, endSample: 4800, startSeconds: 0.1, endSeconds: 0.3, decidedAtSample: 6400 }] satisfies VadEvent[];
      }
      return [];
    },
    reset() {},
  };
}

function setup(load: () => Promise<Detector>) {
  const sent: Sent[] = [];
  const handle = createVadHandler(load, (response, transfer) => sent.push({ response, transfer }));
  let n = 0;
  const request = (kind: VadRequest['kind'], payload: object): Promise<void> => handle({ id: `r${++n}`, kind, payload } as VadRequest);
  const forId = (id: string) => sent.filter((s) => s.response.id === id);
  return { sent, request, forId };
}

/** 1600 samples at 16 kHz (0.1 s), every one equal to `value`, so the utterance shows which chunks it came from. */
const chunk = (value: number) => ({ samples: new Float32Array(1600).fill(value), sampleRate: 16_000 });

describe('the VAD worker handler', () => {
  it('says ready on listen, then streams events and the utterance cut from the audio, its buffer transferred', async () => {
    const detector = scriptedDetector();
    const { request, forId } = setup(async () => detector);
    const listening = request('listen', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Sent together, not awaited one by one: the handler keeps them in order.
    await Promise.all([1, 2, 3, 4].map((value, i) => request('audio', chunk(value)).then(() => expect(forId(`r${i + 2}`).at(-1)?.response.type).toBe('result'))));
    expect(detector.chunks).toEqual([1, 2, 3, 4]);

    const events = forId('r1').map((s) => s.response);
    expect(events.map((r) => (r.type === 'event' ? r.event.type : r.type))).toEqual(['ready', 'vad', 'vad', 'utterance']);
    const utterance = forId('r1').at(-1);
    if (utterance?.response.type !== 'event' || utterance.response.event.type !== 'utterance') throw new Error('no utterance');
    const { samples, startSeconds, endSeconds, decidedAtSeconds } = utterance.response.event;
    expect({ startSeconds, endSeconds, decidedAtSeconds }).toEqual({ startSeconds: 0.1, endSeconds: 0.3, decidedAtSeconds: 0.4 });
    expect(samples).toHaveLength(3200);
    expect([samples[0], samples[3199]]).toEqual([2, 3]);
    expect(utterance.transfer).toEqual([samples.buffer]);

    await request('cancel', { targetId: 'r1' });
    await listening;
    expect(forId('r1').at(-1)?.response).toMatchObject({ type: 'result', result: { utterances: 1 } });
  });

  it('ends listen with a named error when the detector cannot load, and tries again on the next listen', async () => {
    let attempts = 0;
    const { request, forId } = setup(async () => {
      attempts++;
      if (attempts === 1) throw new Error('Failed to fetch');
      return scriptedDetector();
    });
    await request('listen', {});
    expect(forId('r1')).toHaveLength(1);
    expect(forId('r1')[0]?.response).toEqual({ id: 'r1', kind: 'listen', type: 'error', error: { code: 'network', message: 'Failed to fetch' } });
    // The microphone keeps sending; its chunks are dropped rather than each retrying the load.
    await request('audio', chunk(1));
    expect(forId('r2')[0]?.response).toMatchObject({ type: 'result', result: { events: 0 } });
    expect(attempts).toBe(1);

    const second = request('listen', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(forId('r3')[0]?.response).toMatchObject({ type: 'event', event: { type: 'ready' } });
    expect(attempts).toBe(2);
    await request('cancel', { targetId: 'r3' });
    await second;
  });

  it('refuses a second listener while one listens', async () => {
    const { request, forId } = setup(async () => scriptedDetector());
    const first = request('listen', {});
    await request('listen', {});
    expect(forId('r2')[0]?.response).toMatchObject({ type: 'error', error: { code: 'busy' } });
    await request('cancel', { targetId: 'r1' });
    await first;
    expect(forId('r1').map((s) => s.response.type)).toEqual(['event', 'result']);
  });

  it('applies the end-of-speech wait to a loaded detector, and to one that loads after it was set', async () => {
    const detector = scriptedDetector();
    const { request, forId } = setup(async () => detector);
    // Set before listen loads the detector: kept, and given to it when it loads.
    await request('configure', { endOfSpeechMs: 500 });
    expect(forId('r1')[0]?.response).toMatchObject({ type: 'result', result: { redemptionFrames: 16 } });
    const listening = request('listen', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(detector.configured).toEqual([{ redemptionFrames: 16 }]);
    // Changed while listening: applied in order with the chunks.
    await request('configure', { endOfSpeechMs: 800 });
    expect(detector.configured.at(-1)).toEqual({ redemptionFrames: 25 });
    // Nonsense is refused, and the wait in force stays.
    await request('configure', { endOfSpeechMs: -1 });
    expect(forId('r4')[0]?.response).toMatchObject({ type: 'error' });
    expect(detector.configured).toHaveLength(2);
    await request('cancel', { targetId: 'r2' });
    await listening;
  });
});
