// The end-of-speech wait as a setting: the default, what is stored and loaded, and the detector frames each choice becomes.
import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../models/capabilities';
import type { SpeechPlayer } from './player';
import { DEFAULT_END_OF_SPEECH_MS, END_OF_SPEECH_CHOICES_MS, endOfSpeechMs } from './end-of-speech';
import { redemptionFramesFor, SILERO_V5_SEGMENTER_DEFAULTS, VadSegmenter } from './vad/vad';
import { createVoiceStore, type VoicePreferences } from './voice-store';

function storeWith(saved: Partial<VoicePreferences> | Record<string, unknown>) {
  const writes: VoicePreferences[] = [];
  const player = { enqueue: () => undefined, stop: () => undefined, current: 'idle', level: () => 0, waveform: () => null } as unknown as SpeechPlayer;
  const store = createVoiceStore({
    tts: { speak: async () => ({ pcm: new Blob(), sampleRate: 16_000, ms: 0 }) },
    capabilities: () => ({ webgpu: false }) as unknown as Capabilities,
    devicePreference: () => 'auto',
    storage: { load: () => saved as Partial<VoicePreferences>, save: (p) => writes.push(p) },
    player,
  });
  return { store, writes };
}

describe('the end-of-speech wait', () => {
  it('defaults to 0.5 s, shorter than vad-web’s 0.768 s, and is one of the choices', () => {
    expect(DEFAULT_END_OF_SPEECH_MS).toBe(500);
    expect(END_OF_SPEECH_CHOICES_MS).toContain(DEFAULT_END_OF_SPEECH_MS);
    expect(redemptionFramesFor(DEFAULT_END_OF_SPEECH_MS)).toBeLessThan(SILERO_V5_SEGMENTER_DEFAULTS.redemptionFrames);
    expect(storeWith({}).store.getState().preferences.endOfSpeechMs).toBe(500);
  });

  it('becomes the nearest whole number of 32 ms frames', () => {
    expect(END_OF_SPEECH_CHOICES_MS.map(redemptionFramesFor)).toEqual([9, 16, 25, 38]);
    expect(redemptionFramesFor(768)).toBe(SILERO_V5_SEGMENTER_DEFAULTS.redemptionFrames);
    expect(redemptionFramesFor(1)).toBe(1);
    expect(() => redemptionFramesFor(0)).toThrow(RangeError);
    expect(() => redemptionFramesFor(Number.NaN)).toThrow(RangeError);
  });

  it('is stored with the other voice preferences and loaded back', () => {
    const { store, writes } = storeWith({ voiceId: 'v', speed: 1.2 });
    store.getState().setEndOfSpeech(1200);
    expect(writes.at(-1)).toEqual({ voiceId: 'v', speed: 1.2, endOfSpeechMs: 1200 });
    expect(storeWith(writes.at(-1)!).store.getState().preferences.endOfSpeechMs).toBe(1200);
  });

  it('turns a stored value that is not a choice (hand-edited, from elsewhere) into the default, keeping the rest', () => {
    for (const bad of [0, -5, 750, '800', null, 1e9]) {
      const { store } = storeWith({ speed: 1.5, endOfSpeechMs: bad });
      expect(store.getState().preferences).toMatchObject({ speed: 1.5, endOfSpeechMs: 500 });
    }
    const { store, writes } = storeWith({});
    store.getState().setEndOfSpeech(123);
    expect(writes.at(-1)?.endOfSpeechMs).toBe(500);
    expect(endOfSpeechMs(300)).toBe(300);
  });
});

describe('VadSegmenter.configure', () => {
  /** Speech for 10 frames, then silence; returns the frame index at which the utterance ended. */
  const endsAfter = (segmenter: VadSegmenter, changeAt?: { frame: number; redemptionFrames: number }) => {
    for (let frame = 0; frame < 100; frame++) {
      if (frame === changeAt?.frame) segmenter.configure({ redemptionFrames: changeAt.redemptionFrames });
      const events = segmenter.push(frame < 10 ? 0.9 : 0.05);
      if (events.some((e) => e.kind === 'speech-end')) return frame;
    }
    return null;
  };

  it('ends a turn after the configured number of silent frames', () => {
    expect(endsAfter(new VadSegmenter())).toBe(10 + 24 - 1);
    expect(endsAfter(new VadSegmenter({ redemptionFrames: redemptionFramesFor(500) }))).toBe(10 + 16 - 1);
  });

  it('applies a change mid-utterance from the next frame; silence already past a shorter wait ends the turn at once', () => {
    expect(endsAfter(new VadSegmenter(), { frame: 12, redemptionFrames: 16 })).toBe(10 + 16 - 1);
    // 20 silent frames already counted when the wait drops to 9: the next silent frame ends it.
    expect(endsAfter(new VadSegmenter(), { frame: 30, redemptionFrames: 9 })).toBe(30);
  });

  it('refuses options the constructor would refuse, and keeps the ones in force', () => {
    const segmenter = new VadSegmenter({ redemptionFrames: 16 });
    expect(() => segmenter.configure({ redemptionFrames: 1.5 })).toThrow(RangeError);
    expect(() => segmenter.configure({ negativeSpeechThreshold: 0.9 })).toThrow(RangeError);
    expect(segmenter.options.redemptionFrames).toBe(16);
  });
});
