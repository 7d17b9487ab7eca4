// The microphone worklet's frame handling: 128-sample render quanta in, fixed 32 ms chunks out, nothing lost or repeated.
import { describe, expect, it } from 'vitest';
import { Chunker, chunkSamplesFor } from './chunker';

/** Consecutive sample numbers, so any loss, repeat or reordering shows. */
const ramp = (from: number, length: number) => Float32Array.from({ length }, (_, i) => from + i);

describe('the capture worklet’s chunks', () => {
  it('last one Silero frame (32 ms) at the usual microphone rates', () => {
    expect(chunkSamplesFor(48_000)).toBe(1536);
    expect(chunkSamplesFor(44_100)).toBe(1411);
    expect(chunkSamplesFor(16_000)).toBe(512);
    expect(() => chunkSamplesFor(0)).toThrow(RangeError);
  });

  it('turns 128-sample render quanta into whole chunks, in order, with nothing lost or repeated', () => {
    const chunker = new Chunker(chunkSamplesFor(48_000));
    const out: Float32Array[] = [];
    // One second at 48 kHz: 375 render quanta.
    for (let q = 0; q < 375; q++) out.push(...chunker.push(ramp(q * 128, 128)));
    expect(out).toHaveLength(31);
    expect(out.every((c) => c.length === 1536)).toBe(true);
    expect(chunker.pending).toBe(48_000 - 31 * 1536);
    const joined = out.flatMap((c) => [...c]);
    expect(joined).toEqual([...ramp(0, 31 * 1536)]);
    // 12 quanta fill the first chunk: posted on the 12th, 32 ms after its first sample was heard.
    const fresh = new Chunker(1536);
    const firstFullAt = Array.from({ length: 12 }, (_, q) => fresh.push(ramp(q * 128, 128)).length).indexOf(1);
    expect(firstFullAt).toBe(11);
  });

  it('splits a block longer than a chunk (and blocks of odd sizes) the same way', () => {
    const chunker = new Chunker(1411);
    const sizes = [128, 5000, 1, 1410, 3000, 77];
    const out: Float32Array[] = [];
    let at = 0;
    for (const size of sizes) {
      out.push(...chunker.push(ramp(at, size)));
      at += size;
    }
    expect(out.map((c) => c.length)).toEqual(Array(Math.floor(at / 1411)).fill(1411));
    expect(out.flatMap((c) => [...c])).toEqual([...ramp(0, out.length * 1411)]);
  });

  it('hands out a fresh buffer for each chunk, so transferring one never empties the next', () => {
    const chunker = new Chunker(4);
    const [a, b] = chunker.push(ramp(0, 8));
    expect(a?.buffer).not.toBe(b?.buffer);
    // What a transfer does to the sender's copy.
    structuredClone(a, { transfer: [a!.buffer] });
    expect(a?.length).toBe(0);
    expect([...chunker.push(ramp(8, 4))[0]!]).toEqual([8, 9, 10, 11]);
    expect([...b!]).toEqual([4, 5, 6, 7]);
  });
});
