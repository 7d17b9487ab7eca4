// Voice mode's state while it is off: the real store starts from it, and so does the stand-in that the app shell
// holds until voice mode's code has loaded (lazy-voice-mode.ts). Its own file, so the shell gets it without that code.

import type { VoiceModeState } from './voice-mode';

export function voiceModeOff(): Pick<VoiceModeState, 'phase' | 'error' | 'latency' | 'utterances' | 'live' | 'advice'> {
  return {
    phase: 'off',
    error: null,
    latency: { toFirstToken: null, toFirstAudio: null, bargeInSilenced: null, endDetected: null, detectorBehind: null, recognized: null, withFrames: 0 },
    utterances: 0,
    live: null,
    advice: null,
  };
}
