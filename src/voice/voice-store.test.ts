// Read-aloud follows the answer's language: the voice model's languages decide whether it speaks, and a voice never
// reads a language it lacks (the store says so instead). The real text detector runs (tinyld's light model).
import { describe, expect, it, vi } from 'vitest';
import { VOICE_MODEL } from '../models/catalog';
import type { Capabilities } from '../models/capabilities';
import type { SpeakPayload } from '../worker/protocol';
import type { SpeechPlayer } from './player';
import { createVoiceStore } from './voice-store';

const CAPS = { webgpu: false, shaderF16: false, crossOriginIsolated: true } as unknown as Capabilities;

function setup(speechLanguages: string[] | undefined = VOICE_MODEL?.speechLanguages, saved: Partial<{ voiceId: string; speed: number }> = {}) {
  const spoken: SpeakPayload[] = [];
  const player = { enqueue: () => undefined, stop: () => undefined, current: 'idle', level: () => 0, waveform: () => null } as unknown as SpeechPlayer;
  const model = { ...VOICE_MODEL!, ...(speechLanguages ? { speechLanguages } : {}) };
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
    storage: { load: () => saved, save: () => undefined },
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
    expect(spoken.map((p) => p.language)).toEqual(['en']);
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
    // Every sentence carries the language, for the voice model's <es>…</es> tag.
    expect(spoken.map((p) => p.language)).toEqual(['es', 'es']);
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
    expect(spoken[0]?.language).toBe('en');
  });
});

describe('the catalog voice, Supertonic 2', () => {
  it('speaks English, Korean, Spanish, Portuguese and French', () => {
    expect(VOICE_MODEL?.repo).toBe('onnx-community/Supertonic-TTS-2-ONNX');
    expect(VOICE_MODEL?.speechLanguages).toEqual(['en', 'ko', 'es', 'pt', 'fr']);
  });

  it.each([
    ['es', SPANISH],
    ['fr', "Bonjour, je voudrais une pomme rouge, s'il vous plaît. Merci beaucoup."],
    ['pt', 'Olá, eu gostaria de uma maçã vermelha, por favor. Muito obrigado.'],
    ['ko', '안녕하세요, 빨간 사과 하나 주세요. 정말 감사합니다.'],
  ])('reads %s in that language', async (language, text) => {
    const { store, spoken } = setup();
    store.getState().readAloud(`r-${language}`, text);
    await vi.waitFor(() => expect(spoken.length).toBeGreaterThan(0));
    expect(new Set(spoken.map((p) => p.language))).toEqual(new Set([language]));
    expect(store.getState().unavailable).toBeNull();
  });

  it.each([
    ['de', 'Guten Morgen, ich hätte gern einen roten Apfel, bitte. Vielen Dank.'],
    ['ja', 'こんにちは、赤いりんごをひとつください。どうもありがとうございます。'],
  ])('refuses %s, which it lacks, and synthesizes nothing', async (language, text) => {
    const { store, spoken } = setup();
    store.getState().readAloud(`x-${language}`, text);
    await vi.waitFor(() => expect(store.getState().unavailable).toEqual({ messageId: `x-${language}`, language }));
    expect(spoken).toEqual([]);
  });

  it('voice mode in Spanish: a short answer is spoken with the Spanish tag', async () => {
    const { store, spoken } = setup();
    store.getState().startSpeaking('v-es', 'es');
    store.getState().speakMore('You said', true);
    await vi.waitFor(() => expect(spoken.map((p) => [p.text, p.language])).toEqual([['You said', 'es']]));
  });

  it("an unknown language is read in the voice's first language, English", async () => {
    const { store, spoken } = setup();
    store.getState().readAloud('u', 'OK.');
    await vi.waitFor(() => expect(spoken.map((p) => p.language)).toEqual(['en']));
  });
});

describe('a voice chosen under Supertonic 1', () => {
  it('keeps its voice: the ten voices have the same names in Supertonic 2', async () => {
    const { store, spoken } = setup(undefined, { voiceId: 'M3', speed: 1.2 });
    store.getState().readAloud('m', ENGLISH);
    await vi.waitFor(() => expect(spoken).toHaveLength(1));
    expect(spoken[0]).toMatchObject({ voice: 'voices/M3.bin', speed: 1.2, language: 'en' });
    expect(spoken[0]?.model.repo).toBe('onnx-community/Supertonic-TTS-2-ONNX');
  });

  it('a saved voice the model does not have falls back to its first voice', async () => {
    const { store, spoken } = setup(undefined, { voiceId: 'Z9' });
    store.getState().readAloud('z', ENGLISH);
    await vi.waitFor(() => expect(spoken).toHaveLength(1));
    expect(spoken[0]?.voice).toBe('voices/F1.bin');
  });
});
