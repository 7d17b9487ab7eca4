// Read-aloud follows the answer's language: the voice model's languages decide whether it speaks, and a voice never
// reads a language it lacks (the store says so instead). The real text detector runs (tinyld's light model).
import { describe, expect, it, vi } from 'vitest';
import { VOICE_MODEL } from '../models/catalog';
import type { Capabilities } from '../models/capabilities';
import type { SpeakPayload } from '../worker/protocol';
import type { SpeechPlayer } from './player';
import { createVoiceStore } from './voice-store';

const CAPS = { webgpu: false, shaderF16: false, crossOriginIsolated: true } as unknown as Capabilities;

function setup(speechLanguages: string[]) {
  const spoken: SpeakPayload[] = [];
  const player = { enqueue: () => undefined, stop: () => undefined, current: 'idle', level: () => 0, waveform: () => null } as unknown as SpeechPlayer;
  const model = { ...VOICE_MODEL!, speechLanguages };
  const store = createVoiceStore({
    tts: {
      speak: async (payload: SpeakPayload) => {
        spoken.push(payload);
        return { pcm: { arrayBuffer: async () => new ArrayBuffer(8) } as unknown as Blob, sampleRate: 44_100, ms: 1 };
      },
    },
    capabilities: () => CAPS,
    devicePreference: () => 'auto',
    model,
    player,
  });
  return { store, spoken };
}

const SPANISH = 'Hola, ¿cómo estás? Me gustaría una manzana, por favor.';
const ENGLISH = 'The quick brown fox jumps over the lazy dog.';

describe('read-aloud language', () => {
  it('an English voice reads English', async () => {
    const { store, spoken } = setup(['en']);
    store.getState().readAloud('a1', ENGLISH);
    await vi.waitFor(() => expect(spoken.map((p) => p.text)).toEqual([ENGLISH]));
    expect(store.getState().unavailable).toBeNull();
  });

  it('an English voice does not read Spanish, and the store says which language it lacked', async () => {
    const { store, spoken } = setup(['en']);
    store.getState().readAloud('a2', SPANISH);
    await vi.waitFor(() => expect(store.getState().unavailable).toEqual({ messageId: 'a2', language: 'es' }));
    expect(spoken).toEqual([]);
    expect(store.getState().readingMessageId).toBeNull();
  });

  it('a voice with Spanish reads it', async () => {
    const { store, spoken } = setup(['en', 'es']);
    store.getState().readAloud('a3', SPANISH);
    await vi.waitFor(() => expect(spoken).toHaveLength(2));
    expect(store.getState().unavailable).toBeNull();
  });

  it('voice mode: a short answer takes the language the question was spoken in', async () => {
    const { store, spoken } = setup(['en']);
    store.getState().startSpeaking('a4', 'es');
    store.getState().speakMore('OK, apple.', true);
    await vi.waitFor(() => expect(store.getState().unavailable).toEqual({ messageId: 'a4', language: 'es' }));
    expect(spoken).toEqual([]);
    // Spoken in English: read.
    store.getState().startSpeaking('a5', 'en');
    store.getState().speakMore('OK, apple.', true);
    await vi.waitFor(() => expect(spoken.map((p) => p.text)).toEqual(['OK, apple.']));
  });
});
