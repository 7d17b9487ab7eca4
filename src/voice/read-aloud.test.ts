import { describe, expect, it } from 'vitest';
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
      return { pcm: new Blob([new Float32Array(payload.text.length)]), sampleRate: 24_000, ms: 1 };
    },
    player,
    settings: () => ({ model: MODEL, voice: 'voices/F1.bin', speed: 1 }),
    onError: (e) => errors.push(e.message),
    onBusy: () => undefined,
  });
  return { reading, spoken, played, errors, stopped: () => stopped };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('Reading', () => {
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

  it('reads the words of Markdown, not its marks', async () => {
    const { reading, spoken } = setup();
    reading.finish('**Red** is a `colour`.');
    await settle();
    expect(spoken).toEqual(['Red is a colour.']);
  });

  it('stops: nothing queued is synthesized or played after cancel', async () => {
    const { reading, spoken, played, stopped } = setup(10);
    reading.finish('One. Two. Three.');
    await new Promise((r) => setTimeout(r, 2));
    reading.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(spoken).toEqual(['One.']);
    expect(played).toEqual([]);
    expect(stopped()).toBe(1);
  });
});
