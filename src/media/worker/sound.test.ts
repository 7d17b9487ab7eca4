// The media worker's sound path in Node: mediabunny reads a PCM WAV (no WebCodecs needed for PCM), libsamplerate brings
// it to 16 kHz mono in pieces that join without a seam, and the clip comes back once, with its timing kept.

import { describe, expect, it } from 'vitest';
import { wavHeader } from '../../../e2e/fixtures/media/wav';
import { createMonoResampler, mixToMono } from './resample';
import { SOUND_RATE, decodeSound, type SoundEvent } from './sound';

const tone = (rate: number, seconds: number, hz: number, startSeconds = 0) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => (i / rate < startSeconds ? 0 : 0.5 * Math.sin((2 * Math.PI * hz * i) / rate)));

const rms = (x: Float32Array, from = 0, to = x.length) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += (x[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
};

/** The first sample whose 10 ms neighbourhood is clearly loud. */
const onset = (x: Float32Array, rate: number) => {
  const w = Math.round(rate / 100);
  for (let i = 0; i + w < x.length; i += 8) if (rms(x, i, i + w) > 0.1) return i / rate;
  return Number.NaN;
};

async function resampleInPieces(input: Float32Array, from: number, sizes: number[]): Promise<Float32Array> {
  const resampler = await createMonoResampler(from, SOUND_RATE);
  const out: Float32Array[] = [];
  for (let at = 0, k = 0; at < input.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(resampler.push(input.subarray(at, at + n)).slice());
    at += n;
  }
  resampler.close();
  const joined = new Float32Array(out.reduce((s, p) => s + p.length, 0));
  out.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
  return joined;
}

function stereoWav(rate: number, left: Float32Array, right: Float32Array): Blob {
  const data = Buffer.alloc(left.length * 4);
  for (let i = 0; i < left.length; i++) {
    data.writeInt16LE(Math.round((left[i] ?? 0) * 32767), i * 4);
    data.writeInt16LE(Math.round((right[i] ?? 0) * 32767), i * 4 + 2);
  }
  return new Blob([new Uint8Array(Buffer.concat([wavHeader({ sampleRate: rate, channels: 2, dataBytes: data.length }), data]))], { type: 'audio/wav' });
}

describe('resampling to 16 kHz (libsamplerate, in pieces)', () => {
  it('keeps a 440 Hz tone and its onset, whatever the piece sizes', async () => {
    const input = tone(48_000, 3, 440, 1);
    const out = await resampleInPieces(input, 48_000, [1024, 333, 4096, 17]);
    expect(Math.abs(out.length - input.length / 3)).toBeLessThan(400); // the filter may hold back its last few ms
    expect(Math.abs(onset(out, SOUND_RATE) - onset(input, 48_000))).toBeLessThan(0.005);
    // The tone itself, sample for sample, past the onset: joins between pieces would show as errors here.
    let worst = 0;
    for (let i = SOUND_RATE * 1.1; i < out.length - 800; i++) worst = Math.max(worst, Math.abs((out[i] ?? 0) - 0.5 * Math.sin((2 * Math.PI * 440 * i) / SOUND_RATE)));
    expect(worst).toBeLessThan(0.01);
  });

  it('low-passes what 16 kHz cannot hold (a 12 kHz tone would alias to 4 kHz by plain interpolation)', async () => {
    const out = await resampleInPieces(tone(48_000, 1, 12_000), 48_000, [4096]);
    expect(rms(out, 400, out.length - 400)).toBeLessThan(0.01);
  });

  it('passes 16 kHz through untouched', async () => {
    const input = tone(SOUND_RATE, 0.5, 300);
    expect(await resampleInPieces(input, SOUND_RATE, [1000])).toEqual(input);
  });
});

describe('mixToMono', () => {
  it('averages the channels of a piece, over its frames only', () => {
    const out = new Float32Array(4).fill(3);
    expect([...mixToMono([Float32Array.of(1, 0, 0.5, 9), Float32Array.of(0, 1, 0.5, 9)], 3, out)]).toEqual([0.5, 0.5, 0.5, 3]);
  });
});

describe('decodeSound (mediabunny, PCM WAV)', () => {
  it('gives a 44.1 kHz stereo WAV of 70 s as 16 kHz mono, sent once (past the first minute of room), with its timing', async () => {
    const rate = 44_100;
    const left = tone(rate, 70, 500, 61);
    const right = tone(rate, 70, 500, 61);
    const events: SoundEvent[] = [];
    const transfers: Transferable[][] = [];
    const summary = await decodeSound(stereoWav(rate, left, right), (event, transfer) => (events.push(event), transfers.push(transfer ?? [])), new AbortController().signal);
    expect(summary).toMatchObject({ codec: 'pcm-s16', sourceRate: rate, channels: 2 });
    expect(events.map((e) => e.type)).toEqual(['progress', 'progress', 'samples']);
    const last = events.at(-1);
    if (last?.type !== 'samples') throw new Error('no samples');
    const joined = last.samples;
    expect(joined.length).toBe(summary.samples);
    expect(joined.buffer.byteLength).toBe(joined.byteLength); // trimmed: no spare capacity travels on
    expect(transfers.at(-1)).toEqual([joined.buffer]);
    expect(Math.abs(joined.length - 70 * SOUND_RATE)).toBeLessThan(400);
    expect(Math.abs(onset(joined, SOUND_RATE) - onset(left, rate))).toBeLessThan(0.005);
    expect(rms(joined, 0, SOUND_RATE * 60)).toBe(0);
  });

  it('refuses a file it cannot read with unsupported-input (the page then tries Web Audio)', async () => {
    await expect(decodeSound(new Blob([new Uint8Array(4096).fill(7)]), () => {}, new AbortController().signal)).rejects.toMatchObject({ code: 'unsupported-input' });
  });
});
