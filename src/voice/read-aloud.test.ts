import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SpeakPayload } from '../worker/protocol';
import type { SpeechPlayer } from './player';
import { Reading } from './read-aloud';

const MODEL = { repo: 'org/tts', revision: 'main', architecture: 'supertonic', device: 'wasm', dtype: 'q4' } as const;

function setup(speakDelay = 0) {
  const spoken: string[] = [];
  const played: number[] = [];
  let stopped = 0;
  const errors: string[] = [];
  const player = {
    enqueue: (samples: Float32Array) => played.push(samples.length),
    stop: () => {
      stopped += 1;
    },
  } as unknown as SpeechPlayer;
  const reading = new Reading({
    speak: async (payload: SpeakPayload) => {
      spoken.push(payload.text);
      await new Promise((r) => setTimeout(r, speakDelay));
      // Not a real Blob: its read is Node I/O, which fake timers cannot run to completion; this one is promises only.
      const samples = new Float32Array(payload.text.length);
      return { pcm: { arrayBuffer: async () => samples.buffer } as unknown as Blob, sampleRate: 24_000, ms: 1 };
    },
    player,
    settings: () => ({ model: MODEL, voice: 'voices/F1.bin', speed: 1 }),
    onError: (e) => errors.push(e.message),
    onBusy: () => undefined,
  });
  return { reading, spoken, played, errors, stopped: () => stopped };
}

/** Runs every pending synthesis (fake timers) and the promise chains behind it, until the reading is quiet. */
const settle = () => vi.runAllTimersAsync();

describe('Reading', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('speaks a streaming answer sentence by sentence, waiting for unfinished ones', async () => {
    const { reading, spoken, played } = setup();
    reading.update('Hello there. How');
    await settle();
    expect(spoken).toEqual(['Hello there.']);
    reading.update('Hello there. How are you? Fine');
    await settle();
    expect(spoken).toEqual(['Hello there.', 'How are you?']);
    reading.finish('Hello there. How are you? Fine thanks');
    await settle();
    expect(spoken).toEqual(['Hello there.', 'How are you?', 'Fine thanks']);
    expect(played).toEqual([12, 12, 11]);
  });

  it('starts on the first clause of a long first sentence, then goes on by whole sentences', async () => {
    const { reading, spoken } = setup();
    reading.update('Well, the capital of France, as');
    await settle();
    expect(spoken).toEqual(['Well, the capital of France,']);
    reading.update('Well, the capital of France, as you know, is Paris. Its river, the Seine, runs');
    await settle();
    // Later clauses wait for their sentence: audio is already playing by then.
    expect(spoken).toEqual(['Well, the capital of France,', 'as you know, is Paris.']);
    reading.finish('Well, the capital of France, as you know, is Paris. Its river, the Seine, runs west.');
    await settle();
    expect(spoken.slice(2)).toEqual(['Its river, the Seine, runs west.']);
  });

  it('reads the words of Markdown, not its marks', async () => {
    const { reading, spoken } = setup();
    reading.finish('**Red** is a `colour`.');
    await settle();
    expect(spoken).toEqual(['Red is a colour.']);
  });

  it('stops: nothing queued is synthesized or played after cancel', async () => {
    const { reading, spoken, played, stopped } = setup(10);
    reading.finish('One. Two. Three.');
    // The first sentence is already with the voice model (its 10 ms synthesis not yet done) when Stop comes.
    await vi.advanceTimersByTimeAsync(2);
    expect(spoken).toEqual(['One.']);
    reading.cancel();
    await settle();
    expect(spoken).toEqual(['One.']);
    expect(played).toEqual([]);
    expect(stopped()).toBe(1);
  });
});
