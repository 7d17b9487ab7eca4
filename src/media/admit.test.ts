// The refusals made from a file's size and first bytes, on the same hostile files the end-to-end tests attach.

import { describe, expect, it } from 'vitest';
import { buildMediaFixture, type MediaFixtureName } from '../../e2e/fixtures/media/index';
import { AppError } from '../shared/errors';
import { admitFromHeader, jpegEndsWhole } from './admit';
import { MEDIA_LIMITS } from './limits';
import { sniff } from './sniff';

const MB = 1024 * 1024;

/** What the app does with a file: sniff its first 64 KiB, then admit or refuse it. */
function admit(name: string, data: Uint8Array, size = data.length) {
  return admitFromHeader({ name, size }, sniff(data.subarray(0, MEDIA_LIMITS.headerBytes), size));
}

function refusal(name: string, data: Uint8Array, size?: number): AppError {
  try {
    admit(name, data, size);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad-media');
    return error as AppError;
  }
  throw new Error(`${name} was admitted`);
}

const fixture = (name: MediaFixtureName) => new Uint8Array(buildMediaFixture(name));

/** A baseline JPEG: SOI, a frame header for 640×480, a scan, then EOI. */
function jpeg(): Uint8Array {
  const sof = [0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const sos = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0];
  return Uint8Array.from([0xff, 0xd8, ...sof, ...sos, ...new Array<number>(200).fill(0x55), 0xff, 0xd9]);
}

describe('admitFromHeader', () => {
  it('admits ordinary pictures and sounds', () => {
    expect(admit('red-64.png', fixture('red-64.png'))).toEqual({ kind: 'image', format: 'png', width: 64, height: 64 });
    expect(admit('tone.wav', fixture('tone-440hz-2s.wav'))).toEqual({ kind: 'audio', format: 'wav', durationSeconds: 2 });
  });

  it('refuses a 30000×30000 PNG from its header, before anything decodes it', () => {
    expect(refusal('huge-30000x30000.png', fixture('huge-30000x30000.png')).message).toContain('30,000 × 30,000 pixels, too large to open safely');
  });

  it('refuses a picture over 50 MiB, and takes one of exactly that size', () => {
    expect(refusal('red-64.png', fixture('red-64.png'), 60 * MB).message).toContain('is 62.9 MB; pictures up to 52.4 MB are accepted');
    expect(admit('red-64.png', fixture('red-64.png'), 50 * MB)).toMatchObject({ kind: 'image' });
  });

  it('refuses HEIC, which browsers cannot decode', () => {
    const heic = Uint8Array.from([0, 0, 0, 24, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic'), ...new Array<number>(32).fill(0)]);
    expect(refusal('IMG_0001.heic', heic).message).toContain('is a HEIC photo');
  });

  it('refuses audio whose header says it lasts two hours, without reading the rest', () => {
    expect(refusal('two-hours.wav', fixture('two-hours.wav')).message).toContain('is 2 h long; audio up to 10 min is accepted');
  });

  it('refuses text named .mp3, and a nameless file, as neither picture, sound nor video', () => {
    expect(refusal('not-audio.mp3', fixture('not-audio.mp3')).message).toContain('named like MP3 but its contents are not');
    expect(refusal('blob', Uint8Array.from(Buffer.from('%PDF-1.7\n'))).message).toContain('is not a picture, sound or video');
  });

  it('refuses an empty file, and a JPEG that ends before its frame header', () => {
    expect(refusal('empty.png', new Uint8Array()).message).toContain('is empty');
    expect(refusal('cut.jpg', jpeg().subarray(0, 10)).message).toMatch(/looks like a JPEG file but is damaged \(truncated\)/);
  });
});

describe('jpegEndsWhole', () => {
  it('finds the end marker, also before padding, and not in a JPEG cut short', () => {
    const whole = jpeg();
    expect(jpegEndsWhole(whole)).toBe(true);
    expect(jpegEndsWhole(Uint8Array.from([...whole, 0, 0, 0]))).toBe(true);
    // The header is fine, so it is admitted; only its end shows it stops halfway through the picture.
    const cut = whole.subarray(0, 120);
    expect(admit('photo.jpg', cut)).toEqual({ kind: 'image', format: 'jpeg', width: 640, height: 480 });
    expect(jpegEndsWhole(cut)).toBe(false);
  });
});
