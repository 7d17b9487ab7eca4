// Voice state and actions: which answer is being read aloud, the chosen voice and pace, and hands-free voice mode.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { VOICE_MODEL } from '../models/catalog';
import { type ModelSpec } from '../domain/model';
import type { Capabilities } from '../models/capabilities';
import { chooseVariant, type DevicePreference } from '../models/variant';
import type { SerializedError } from '../shared/errors';
import type { ChatEngine } from '../worker/protocol';
import { loadPayloadFor } from '../chat/store';
import { SpeechPlayer, type PlayerState, type Waveform } from './player';
import { Reading } from './read-aloud';
import { answerLanguage, chooseVoiceLanguage } from './speech-language';
import { endOfSpeechMs } from './end-of-speech';

export interface VoicePreferences {
  voiceId: string;
  speed: number;
  /** Voice mode: how long a silence ends the person's turn, in ms (one of END_OF_SPEECH_CHOICES_MS). */
  endOfSpeechMs: number;
}

export interface VoiceState {
  /** The answer being read aloud, or null. */
  readingMessageId: string | null;
  player: PlayerState;
  /** Sentences are still being synthesized for the current reading. */
  synthesizing: boolean;
  error: SerializedError | null;
  preferences: VoicePreferences;
  /** When the first audio of the latest reading started, in the page's clock. */
  firstAudioAt: number | null;
  /** The latest answer not read because the voice does not speak its language (ISO 639-1). */
  unavailable: { messageId: string; language: string } | null;

  /** `spokenLanguage`: the language the question was spoken in, used when the answer's text does not show its own. */
  readAloud(messageId: string, text: string, spokenLanguage?: string): void;
  /** Starts speaking an answer that is still streaming; feed it with `speakMore`. */
  startSpeaking(messageId: string, spokenLanguage?: string): void;
  speakMore(textSoFar: string, final: boolean): void;
  pause(): void;
  resume(): void;
  stop(): void;
  setVoice(voiceId: string): void;
  setSpeed(speed: number): void;
  /** Voice mode's wait after speech, in ms; a value that is not one of the choices becomes the default. */
  setEndOfSpeech(ms: number): void;
  /** Current output level 0..1, for the speaking indicator (and end-to-end tests). */
  level(): number;
  /** The current output's latest samples, null before anything played (the test build measures pitch from it). */
  waveform(): Waveform | null;
  /** Loads the voice model ahead of the first answer (voice mode starts with this), so the first reply is not delayed by it. */
  prepare(): Promise<void>;
}

export interface VoiceDeps {
  tts: Pick<ChatEngine, 'speak'>;
  capabilities: () => Capabilities | null;
  devicePreference: () => DevicePreference;
  storage?: { load(): Partial<VoicePreferences>; save(p: VoicePreferences): void };
  model?: ModelSpec;
  player?: SpeechPlayer;
}

export function createVoiceStore(deps: VoiceDeps): StoreApi<VoiceState> {
  const model = deps.model ?? VOICE_MODEL;
  const firstVoice = model?.voices?.[0]?.id ?? '';
  const stored = deps.storage?.load() ?? {};
  const preferences: VoicePreferences = { voiceId: firstVoice, speed: 1, ...stored, endOfSpeechMs: endOfSpeechMs(stored.endOfSpeechMs) };
  let reading: Reading | null = null;

  return createStore<VoiceState>()((set, get) => {
    const player =
      deps.player ??
      new SpeechPlayer({
        onState: (state) => {
          set({ player: state });
          if (state === 'idle' && !get().synthesizing) set({ readingMessageId: null });
        },
        onFirstAudio: (at) => set({ firstAudioAt: at }),
      });

    const settings = () => {
      const caps = deps.capabilities();
      if (!model || !caps) return null;
      const choice = chooseVariant(caps, model, deps.devicePreference());
      if (!choice) return null;
      const voice = model.voices?.find((v) => v.id === get().preferences.voiceId) ?? model.voices?.[0];
      if (!voice) return null;
      return { model: loadPayloadFor(model, choice), voice: voice.path, speed: get().preferences.speed };
    };

    const begin = (messageId: string, spokenLanguage?: string) => {
      reading?.cancel();
      set({ readingMessageId: messageId, error: null, firstAudioAt: null, unavailable: null });
      const voiceLanguages = model?.speechLanguages;
      // The language this reading's sentences are tagged with (Supertonic 2 reads it from `<es>…</es>`).
      let language: string | undefined;
      reading = new Reading({
        // The answer's language decides, once, from its first sentences: a voice never reads a language it lacks.
        ...(voiceLanguages
          ? {
              gate: async (firstText: string) => {
                const choice = chooseVoiceLanguage(await answerLanguage(firstText, spokenLanguage), voiceLanguages);
                if (!choice.speak) set({ unavailable: { messageId, language: choice.language }, readingMessageId: null });
                // Unknown (a short text, nothing spoken): the voice's own first language, as before languages existed.
                language = choice.language ?? voiceLanguages[0];
                return choice.speak;
              },
            }
          : {}),
        speak: (payload, options) => deps.tts.speak(payload, options),
        player,
        settings: () => {
          const current = settings();
          return current && language ? { ...current, language } : current;
        },
        onError: (error) => set({ error, readingMessageId: null }),
        onBusy: (busy) => {
          set({ synthesizing: busy });
          if (!busy && player.current === 'idle') set({ readingMessageId: null });
        },
      });
      return reading;
    };

    const savePreferences = (next: VoicePreferences) => {
      set({ preferences: next });
      deps.storage?.save(next);
    };

    return {
      readingMessageId: null,
      player: 'idle',
      synthesizing: false,
      error: null,
      preferences,
      firstAudioAt: null,
      unavailable: null,

      readAloud(messageId, text, spokenLanguage) {
        begin(messageId, spokenLanguage).finish(text);
      },
      startSpeaking(messageId, spokenLanguage) {
        begin(messageId, spokenLanguage);
      },
      speakMore(textSoFar, final) {
        if (!reading || reading.cancelled) return;
        if (final) reading.finish(textSoFar);
        else reading.update(textSoFar);
      },
      pause() {
        player.pause();
      },
      resume() {
        player.resume();
      },
      stop() {
        reading?.cancel();
        reading = null;
        player.stop();
        set({ readingMessageId: null, synthesizing: false });
      },
      setVoice(voiceId) {
        savePreferences({ ...get().preferences, voiceId });
      },
      setSpeed(speed) {
        savePreferences({ ...get().preferences, speed });
      },
      setEndOfSpeech(ms) {
        savePreferences({ ...get().preferences, endOfSpeechMs: endOfSpeechMs(ms) });
      },
      level() {
        return player.level();
      },
      waveform() {
        return player.waveform();
      },
      async prepare() {
        const ready = settings();
        if (!ready) return;
        const language = model?.speechLanguages?.[0];
        await deps.tts.speak({ ...ready, text: 'Ready.', ...(language ? { language } : {}) }).catch(() => undefined);
      },
    };
  });
}

export function localVoicePreferences(): NonNullable<VoiceDeps['storage']> {
  const key = 'sensa:voice';
  return {
    load() {
      try {
        return JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<VoicePreferences>;
      } catch {
        return {};
      }
    },
    save(p) {
      try {
        localStorage.setItem(key, JSON.stringify(p));
      } catch {
        // Preferences are a convenience; a full or blocked storage must not break reading aloud.
      }
    },
  };
}
