// How long voice mode waits after the person stops speaking before it takes the turn: the one latency the person
// chooses, trading a faster answer against being cut off in the middle of a pause.

/**
 * The choices offered, in ms. The detector counts whole 32 ms frames, so each is rounded to the nearest: 300 → 288,
 * 500 → 512, 800 → 800, 1200 → 1216 (src/voice/vad/vad.ts, `redemptionFramesFor`).
 */
export const END_OF_SPEECH_CHOICES_MS = [300, 500, 800, 1200] as const;

/**
 * 0.5 s: the default of OpenAI's Realtime API server VAD (`silence_duration_ms`, "with shorter values the model will
 * respond more quickly, but may jump in on short pauses"), and a third less than vad-web's Silero v5 preset (0.768 s),
 * which we used before. Every VAD test, unit and e2e, passes with it (docs/speed.md, "Voice latency").
 */
export const DEFAULT_END_OF_SPEECH_MS = 500;

/** A stored or requested wait, kept if it is one of the choices; anything else (old, hand-edited, corrupt) is the default. */
export function endOfSpeechMs(value: unknown): number {
  return (END_OF_SPEECH_CHOICES_MS as readonly unknown[]).includes(value) ? (value as number) : DEFAULT_END_OF_SPEECH_MS;
}
