// Test builds only (__SENSA_TEST_HOOKS__): window.sensaTest, opted into with ?test-hooks, for what end-to-end tests must do or read and the UI cannot show.

import type { StoreApi } from 'zustand';
import type { WorkerEngineClient } from '../models/engine-client';
import type { FaultRequestMap } from '../worker/fault-protocol';
import { rms, type Waveform } from '../voice/player';
import type { VoiceState } from '../voice/voice-store';
import type { VoiceLatency, VoiceModeState } from '../voice/voice-mode';

export interface SensaTestApi {
  /** Destroys the GPU device the model runs on, as a driver reset would; done is false when there was none. */
  loseGpuDevice(): Promise<{ done: boolean }>;
  /** The next model load fails with this engine message (e.g. an allocation failure), to check what the person is told. */
  failNextLoad(message: string): Promise<{ done: boolean }>;
  /** What the speakers are playing right now (RMS, from the player's analyser): proves audio, and silence after Stop. */
  outputLevel(): number;
  /** Rough pitch of what is playing right now, in Hz (0 when silent): tells the fixture's voices apart. */
  outputPitch(): number;
  firstAudioAt(): number | null;
  voiceLatency(): VoiceLatency;
}

export interface TestApiDeps {
  engine: WorkerEngineClient;
  voice: StoreApi<VoiceState>;
  voiceMode: StoreApi<VoiceModeState>;
}

declare global {
  interface Window {
    sensaTest?: SensaTestApi;
  }
}

/** Installs window.sensaTest when the page was opened with ?test-hooks; the test build without it behaves as production. */
export function installTestApi({ engine, voice, voiceMode }: TestApiDeps): void {
  if (!new URLSearchParams(location.search).has('test-hooks')) return;
  const faults = engine.rpcWith<FaultRequestMap>();
  window.sensaTest = {
    loseGpuDevice: () => faults.call('inject-fault', { action: 'lose-device' }),
    failNextLoad: (message) => faults.call('inject-fault', { action: 'fail-next-load', message }),
    outputLevel: () => voice.getState().level(),
    outputPitch: () => pitchOf(voice.getState().waveform()),
    firstAudioAt: () => voice.getState().firstAudioAt,
    voiceLatency: () => voiceMode.getState().latency,
  };
}

/** Rough pitch in Hz from zero crossings, 0 when silent or before anything played. */
export function pitchOf(wave: Waveform | null): number {
  if (!wave || rms(wave.samples) < 0.01) return 0;
  const { samples, sampleRate } = wave;
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1] ?? 0) < 0 !== (samples[i] ?? 0) < 0) crossings += 1;
  return (crossings / 2) * (sampleRate / samples.length);
}
