// The recognizer's captions in Node, through transformers.js and the Whisper oracle: windows, the segment carried
// over a window's end, progress per window, and Stop between decoding steps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWhisperFixture } from '../../../e2e/fixtures/whisper/build';
import { WHISPER_REPO, alternatingParts, clipSamples, expectedCues } from '../../../e2e/fixtures/whisper/oracle';
import type { CaptionEvent, LoadPayload } from '../protocol';
import { Recognizer } from './recognizer';

let dir = '';
let recognizer: Recognizer;
// Node has no WASM device here: onnxruntime-node's CPU runs the same graphs.
const model = { repo: WHISPER_REPO, revision: 'main', architecture: 'whisper', device: 'cpu', dtype: 'q4' } as unknown as LoadPayload;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensa-captions-'));
  writeWhisperFixture(join(dir, 'hub'), WHISPER_REPO);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${join(dir, 'hub')}/`;
  recognizer = await Recognizer.load(model, { encoder_model: 'fp32', decoder_model_merged: 'q4' }, () => undefined);
}, 60_000);

afterAll(async () => {
  await recognizer?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('Recognizer.caption', { timeout: 120_000 }, () => {
  // 10 tones of 7 s with 1 s between: tones cross the 30 s windows' ends, so the carry-over is exercised.
  const parts = alternatingParts(10, 7, 1);
  const pcm = new Blob([clipSamples(parts)]);

  it('captions a 79 s clip window by window, each cue within 0.5 s of the truth, with progress per window', async () => {
    const events: CaptionEvent[] = [];
    const result = await recognizer.caption({ model, pcm }, { onEvent: (e) => events.push(e) });
    const want = expectedCues(parts);
    expect(result.stopped).toBe(false);
    expect(result.audioSeconds).toBeCloseTo(79, 3);
    expect(result.cues.map((c) => c.text)).toEqual(want.map((c) => c.text));
    result.cues.forEach((c, i) => {
      expect(Math.abs(c.start - (want[i]?.start ?? NaN))).toBeLessThanOrEqual(0.5);
      expect(Math.abs(c.end - (want[i]?.end ?? NaN))).toBeLessThanOrEqual(0.5);
    });
    const progress = events.flatMap((e) => (e.type === 'cues' ? [e] : []));
    // Windows start at 0, 24, 48 and 72 s: each ends where a tone was cut off by the window's end.
    expect(progress.map((e) => e.doneSeconds)).toEqual([24, 48, 72, 79]);
    expect(progress.flatMap((e) => e.cues)).toEqual(result.cues);
  });

  it('Stop ends it at the next window (or decoding step) with the cues so far', async () => {
    const controller = new AbortController();
    const result = await recognizer.caption(
      { model, pcm },
      { signal: controller.signal, onEvent: (e) => e.type === 'cues' && controller.abort() },
    );
    expect(result.stopped).toBe(true);
    expect(result.doneSeconds).toBe(24);
    expect(result.cues.map((c) => c.text)).toEqual(['apple', 'banana', 'apple']);
    // Still usable afterwards.
    const again = await recognizer.caption({ model, pcm: new Blob([clipSamples(alternatingParts(2, 1))]) });
    expect(again.cues.map((c) => c.text)).toEqual(['apple', 'banana']);
  });
});
