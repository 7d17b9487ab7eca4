import { describe, expect, it } from 'vitest';
import { pitchOf } from './test-api';

function tone(hz: number, amplitude: number, sampleRate = 48_000, length = 1024): Float32Array {
  return Float32Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * (i + 0.5)) / sampleRate));
}

describe('the test build’s pitch measurement', () => {
  it('tells the fixture voices apart: 220 Hz and 440 Hz within 15 %', () => {
    for (const hz of [220, 440]) expect(Math.abs(pitchOf({ samples: tone(hz, 0.3), sampleRate: 48_000 }) - hz)).toBeLessThan(hz * 0.15);
  });

  it('reads silence, near-silence and nothing played yet as 0', () => {
    expect(pitchOf(null)).toBe(0);
    expect(pitchOf({ samples: new Float32Array(1024), sampleRate: 48_000 })).toBe(0);
    expect(pitchOf({ samples: tone(440, 0.005), sampleRate: 48_000 })).toBe(0);
  });
});
