// Voice activity detection: the resampler against ideal sines, the segmenter on made-up probabilities, and the real
// Silero v5 model, on the app's own onnxruntime-web, against speech synthesised by espeak-ng.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIRST_SENTENCE,
  SECOND_SENTENCE,
  hasEspeak,
  spanishQuestion,
  readWav,
  renderSpeech,
  writeSpeechFixtures,
} from '../../../e2e/fixtures/speech/index';
import {
  Resampler,
  SILERO_CONTEXT_SAMPLES,
  SILERO_FRAME_SAMPLES,
  SILERO_V5_SEGMENTER_DEFAULTS,
  SileroVad,
  VadSegmenter,
  VoiceActivityDetector,
  redemptionFramesFor,
  resample,
  type VadEvent,
  type VadSession,
  type VadTensor,
} from './vad';
import { END_OF_SPEECH_CHOICES_MS } from '../end-of-speech';

// The real model file vad-web ships; we take only the weights, not its runtime.
const MODEL_PATH = fileURLToPath(new URL('../../../node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx', import.meta.url));
const createTensor = (data: Float32Array | BigInt64Array, dims: readonly number[]) => new ort.Tensor(data, dims);

function sine(freqHz: number, seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, n) =>
    amplitude * Math.sin((2 * Math.PI * freqHz * n) / sampleRate),
  );
}

/** Largest difference from an ideal sine away from the ends, where the stream's edges are (rightly) filtered. */
function interiorError(actual: Float32Array, expected: Float32Array): number {
  let worst = 0;
  for (let n = 200; n < Math.min(actual.length, expected.length) - 200; n++) {
    worst = Math.max(worst, Math.abs((actual[n] ?? 0) - (expected[n] ?? 0)));
  }
  return worst;
}

function interiorRms(samples: Float32Array): number {
  const interior = samples.subarray(200, samples.length - 200);
  return Math.sqrt(interior.reduce((sum, s) => sum + s * s, 0) / interior.length);
}

describe('resample', () => {
  it('keeps a 1 kHz tone at 48 kHz intact and lasting as long at 16 kHz', () => {
    const out = resample(sine(1000, 1, 48_000), 48_000);
    expect(out.length).toBe(16_000);
    expect(interiorError(out, sine(1000, 1, 16_000))).toBeLessThan(1e-3);
  });

  it('keeps a 440 Hz tone intact from 44.1 kHz, a non-integer ratio', () => {
    const out = resample(sine(440, 1, 44_100), 44_100);
    expect(out.length).toBe(16_000);
    expect(interiorError(out, sine(440, 1, 16_000))).toBeLessThan(1e-3);
  });

  it('removes a 12 kHz tone that plain decimation would fold to 4 kHz', () => {
    const input = sine(12_000, 1, 48_000);
    const decimated = input.filter((_, n) => n % 3 === 0);
    expect(interiorRms(decimated)).toBeGreaterThan(0.3);
    // -60 dB below the 0.35 RMS of the input.
    expect(interiorRms(resample(input, 48_000))).toBeLessThan(0.35e-3);
  });

  it('upsamples too (espeak-ng’s 22.05 kHz to the fake microphone’s 48 kHz)', () => {
    const out = resample(sine(1000, 1, 22_050), 22_050, 48_000);
    expect(out.length).toBe(48_000);
    expect(interiorError(out, sine(1000, 1, 48_000))).toBeLessThan(1e-3);
  });

  it('gives the same samples however the input is split into chunks', () => {
    let seed = 1;
    const noise = Float32Array.from({ length: 48_000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1);
    const whole = resample(noise, 48_000);
    const resampler = new Resampler(48_000);
    const pieces: number[] = [];
    for (let at = 0, size = 1; at < noise.length; at += size, size = (size * 7 + 3) % 1500) {
      pieces.push(...resampler.push(noise.subarray(at, at + size)));
    }
    pieces.push(...resampler.flush());
    expect(Float32Array.from(pieces)).toEqual(whole);
  });

  it('passes 16 kHz through unchanged', () => {
    const input = sine(300, 0.1, 16_000);
    expect(resample(input, 16_000)).toEqual(input);
  });
});

describe('VadSegmenter', () => {
  const frames = (probability: number, count: number) => Array<number>(count).fill(probability);
  const run = (segmenter: VadSegmenter, probabilities: number[]) => [
    ...probabilities.flatMap((p) => segmenter.push(p)),
    ...segmenter.flush(),
  ];
  const at = (frame: number) => frame * SILERO_FRAME_SAMPLES;

  it('uses vad-web’s Silero v5 preset', () => {
    expect(new VadSegmenter().options).toEqual({
      positiveSpeechThreshold: 0.5,
      negativeSpeechThreshold: 0.35,
      redemptionFrames: 24,
      preSpeechPadFrames: 3,
      minSpeechFrames: 9,
    });
  });

  it('opens with the pre-speech pad, confirms at the ninth speech frame, and ends after 24 silent frames', () => {
    const events = run(new VadSegmenter(), [...frames(0.1, 10), ...frames(0.9, 20), ...frames(0.1, 40)]);
    expect(events).toEqual<VadEvent[]>([
      { kind: 'speech-start', startSample: at(7), startSeconds: at(7) / 16_000, decidedAtSample: at(11) },
      { kind: 'speech-confirmed', startSample: at(7), startSeconds: at(7) / 16_000, decidedAtSample: at(19) },
      {
        kind: 'speech-end',
        startSample: at(7),
        endSample: at(30),
        startSeconds: at(7) / 16_000,
        endSeconds: at(30) / 16_000,
        decidedAtSample: at(54),
      },
    ]);
  });

  it('calls fewer than nine speech frames a misfire', () => {
    const kinds = run(new VadSegmenter(), [...frames(0.9, 8), ...frames(0.1, 30)]).map((e) => e.kind);
    expect(kinds).toEqual(['speech-start', 'misfire']);
  });

  it('neither ends nor extends redemption on frames between the thresholds, and a speech frame restarts it', () => {
    const events = run(new VadSegmenter(), [
      ...frames(0.9, 10),
      ...frames(0.1, 23), // one short of ending
      0.9,
      ...frames(0.4, 40), // between the thresholds: the utterance stays open
      ...frames(0.1, 30),
    ]);
    expect(events.map((e) => e.kind)).toEqual(['speech-start', 'speech-confirmed', 'speech-end']);
    expect(events.at(-1)).toMatchObject({ kind: 'speech-end', startSample: 0, endSample: at(10 + 23 + 1 + 40) });
  });

  it('does not pad the next utterance back into the previous one', () => {
    const segmenter = new VadSegmenter({ redemptionFrames: 2, preSpeechPadFrames: 10 });
    const starts = run(segmenter, [...frames(0.9, 10), ...frames(0.1, 3), ...frames(0.9, 10), ...frames(0.1, 3)])
      .filter((e) => e.kind === 'speech-start')
      .map((e) => e.startSample);
    expect(starts).toEqual([0, at(12)]);
  });

  it('closes an utterance still open when the stream ends', () => {
    expect(run(new VadSegmenter(), frames(0.9, 12)).at(-1)).toMatchObject({ kind: 'speech-end', endSample: at(12) });
  });

  it('rejects thresholds the wrong way round', () => {
    expect(() => new VadSegmenter({ positiveSpeechThreshold: 0.3, negativeSpeechThreshold: 0.4 })).toThrow(RangeError);
  });
});

describe('SileroVad feeds', () => {
  it('prepends the previous frame’s last 64 samples, carries the state over and passes sr as an int64 scalar', async () => {
    const seen: Record<string, VadTensor>[] = [];
    const states = [new Float32Array(256).fill(1), new Float32Array(256).fill(2)];
    const session: VadSession<VadTensor> = {
      run: async (feeds) => {
        seen.push(feeds);
        return { output: { data: new Float32Array([0.25]), dims: [1, 1] }, stateN: { data: states[seen.length - 1], dims: [2, 1, 128] } };
      },
    };
    const vad = new SileroVad(session, (data, dims) => ({ data, dims }));
    const first = Float32Array.from({ length: SILERO_FRAME_SAMPLES }, (_, i) => i);
    expect(await vad.process(first)).toBe(0.25);
    await vad.process(new Float32Array(SILERO_FRAME_SAMPLES));

    const [one, two] = seen;
    expect(one?.input?.dims).toEqual([1, SILERO_CONTEXT_SAMPLES + SILERO_FRAME_SAMPLES]);
    expect((one?.input?.data as Float32Array).subarray(0, SILERO_CONTEXT_SAMPLES)).toEqual(new Float32Array(SILERO_CONTEXT_SAMPLES));
    expect((two?.input?.data as Float32Array).subarray(0, SILERO_CONTEXT_SAMPLES)).toEqual(first.subarray(-SILERO_CONTEXT_SAMPLES));
    expect(one?.state).toMatchObject({ dims: [2, 1, 128], data: new Float32Array(256) });
    expect(two?.state?.data).toBe(states[0]);
    expect(one?.sr).toEqual({ data: new BigInt64Array([16000n]), dims: [] });
  });

  it('rejects a frame that is not 512 samples', async () => {
    const vad = new SileroVad({ run: () => Promise.reject(new Error('not reached')) }, (data, dims) => ({ data, dims }));
    await expect(vad.process(new Float32Array(480))).rejects.toThrow(RangeError);
  });
});

describe('Silero v5 on onnxruntime-web', () => {
  let vad: SileroVad<ort.Tensor>;

  beforeAll(async () => {
    // Threads would start Node workers for a model that takes a few milliseconds a frame.
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(readFileSync(MODEL_PATH));
    vad = new SileroVad(session, createTensor);
  });

  it('finds nothing in silence', async () => {
    expect(await vad.detectUtterances(new Float32Array(3 * 16_000))).toEqual([]);
  });

  // What a pure tone does: Silero scores its abrupt onset as speech for a frame or two (0.67, then 0.52 at half
  // scale) and, once its state has seen a few frames of a sound with no formants or syllable rhythm, well under 0.05.
  // Those frames are too few for minSpeechFrames, so the segmenter calls them a misfire and no utterance comes out.
  it('calls a 220 Hz tone’s onset a misfire and the steady tone silence', async () => {
    const tone = sine(220, 3, 16_000);
    const probabilities: number[] = [];
    for (let at = 0; at + SILERO_FRAME_SAMPLES <= tone.length; at += SILERO_FRAME_SAMPLES) {
      probabilities.push(await vad.process(tone.subarray(at, at + SILERO_FRAME_SAMPLES)));
    }
    vad.reset();
    const speechFrames = probabilities.filter((p) => p >= SILERO_V5_SEGMENTER_DEFAULTS.positiveSpeechThreshold);
    expect(speechFrames.length).toBeGreaterThan(0);
    expect(speechFrames.length).toBeLessThan(SILERO_V5_SEGMENTER_DEFAULTS.minSpeechFrames);
    // After half a second (16 frames) the tone is plainly not speech.
    expect(Math.max(...probabilities.slice(16))).toBeLessThan(0.05);

    const segmenter = new VadSegmenter();
    const kinds = [...probabilities.flatMap((p) => segmenter.push(p)), ...segmenter.flush()].map((e) => e.kind);
    expect(kinds).toEqual(['speech-start', 'misfire']);
    expect(await vad.detectUtterances(tone)).toEqual([]);
  });

  describe.skipIf(!hasEspeak())('on espeak-ng speech (skipped when espeak-ng is missing: apt-get install espeak-ng)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sensa-speech-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('finds two utterances, split inside the 1.5 s silence between two sentences', async () => {
      const audio = renderSpeech([FIRST_SENTENCE, SECOND_SENTENCE], {
        sampleRate: 16_000,
        leadSeconds: 0.25,
        gapSeconds: 1.5,
        tailSeconds: 1,
      });
      const utterances = await vad.detectUtterances(audio.samples);
      const [gap] = audio.silences.slice(1);
      console.log('16 kHz speech', audio.speech, 'detected', utterances);

      expect(utterances).toHaveLength(2);
      const [first, second] = utterances;
      expect(first?.startSeconds).toBeLessThan(0.5);
      // Ends within a frame or two of the first sentence's last sound, and well before the second starts.
      expect(first?.endSeconds).toBeGreaterThan((gap?.startSeconds ?? 0) - 0.1);
      expect(first?.endSeconds).toBeLessThan((gap?.startSeconds ?? 0) + 0.3);
      expect(second?.startSeconds).toBeGreaterThan((gap?.endSeconds ?? 0) - 0.3);
      expect(second?.startSeconds).toBeLessThan((gap?.endSeconds ?? 0) + 0.1);
      expect(second?.endSeconds).toBeLessThan(audio.samples.length / 16_000);
    });

    it('finds the same two utterances with every end-of-speech wait offered, each decided that wait after the speech', async () => {
      const audio = renderSpeech([FIRST_SENTENCE, SECOND_SENTENCE], { sampleRate: 16_000, leadSeconds: 0.25, gapSeconds: 1.5, tailSeconds: 1.5 });
      const [gap] = audio.silences.slice(1);
      for (const ms of END_OF_SPEECH_CHOICES_MS) {
        vad.reset();
        const detector = new VoiceActivityDetector(vad, { redemptionFrames: redemptionFramesFor(ms) });
        const ends = [...(await detector.push(audio.samples)), ...detector.flush()].filter((e) => e.kind === 'speech-end');
        vad.reset();
        expect(ends, `${ms} ms`).toHaveLength(2);
        const [first] = ends;
        expect(first?.endSeconds).toBeGreaterThan((gap?.startSeconds ?? 0) - 0.1);
        expect(first?.endSeconds).toBeLessThan((gap?.startSeconds ?? 0) + 0.3);
        // What voice mode reports as "end detected after": the wait, to the frame.
        for (const end of ends) {
          expect(end.decidedAtSample / 16_000 - end.endSeconds).toBeCloseTo((redemptionFramesFor(ms) * 512) / 16_000, 5);
        }
      }
    });

    it('finds the Spanish question (muffled voice, 7 kHz language marker) as one utterance, and silence after it', async () => {
      const question = spanishQuestion();
      const [spoken] = question.speech;
      const utterances = await vad.detectUtterances(resample(question.samples, question.sampleRate, 16_000));
      expect(utterances).toHaveLength(1);
      expect(utterances[0]?.startSeconds).toBeLessThan((spoken?.startSeconds ?? 0) + 0.3);
      expect(utterances[0]?.endSeconds).toBeGreaterThan((spoken?.endSeconds ?? 0) - 0.3);
      expect(utterances[0]?.endSeconds).toBeLessThan((spoken?.endSeconds ?? 0) + 1);
    });

    it('finds the same two utterances in the fake microphone’s 48 kHz file, streamed in 128-sample chunks', async () => {
      const { twoSentences } = writeSpeechFixtures(dir);
      const wav = readWav(readFileSync(twoSentences.path));
      expect(wav.sampleRate).toBe(48_000);

      // What voice mode does: audio-worklet-sized chunks through the resampler into the detector.
      vad.reset();
      const resampler = new Resampler(wav.sampleRate);
      const detector = new VoiceActivityDetector(vad);
      const events: VadEvent[] = [];
      for (let at = 0; at < wav.samples.length; at += 128) {
        events.push(...(await detector.push(resampler.push(wav.samples.subarray(at, at + 128)))));
      }
      events.push(...(await detector.push(resampler.flush())), ...detector.flush());
      vad.reset();

      const ends = events.filter((e) => e.kind === 'speech-end');
      console.log('48 kHz speech', twoSentences.speech, 'detected', ends.map((e) => [e.startSeconds, e.endSeconds]));
      expect(ends).toHaveLength(2);
      const [lead, gap, tail] = twoSentences.silences;
      const [first, second] = ends;
      expect(first?.startSeconds).toBeGreaterThan((lead?.endSeconds ?? 0) - 0.3);
      expect(first?.startSeconds).toBeLessThan((lead?.endSeconds ?? 0) + 0.1);
      expect(first?.endSeconds).toBeGreaterThan((gap?.startSeconds ?? 0) - 0.1);
      expect(first?.endSeconds).toBeLessThan((gap?.startSeconds ?? 0) + 0.3);
      expect(second?.startSeconds).toBeGreaterThan((gap?.endSeconds ?? 0) - 0.3);
      expect(second?.endSeconds).toBeLessThan((tail?.startSeconds ?? 0) + 0.3);
      // The batch path agrees with the streaming one.
      const batch = await vad.detectUtterances(resample(wav.samples, wav.sampleRate));
      expect(batch).toEqual(ends.map(({ startSeconds, endSeconds }) => ({ startSeconds, endSeconds })));
    });
  });
});
