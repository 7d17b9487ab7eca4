// What is refused from a file's size and first bytes alone, before anything decodes it; pure, so every hostile case is tested without a browser.

import { AppError } from '../shared/errors';
import { formatBytes } from '../shared/format';
import { MEDIA_LIMITS, describeSeconds } from './limits';
import type { AudioSniff, ContainerSniff, ImageSniff, SniffResult } from './sniff';

/** A file the header did not rule out; decoding it may still fail. */
export type Admitted = ImageSniff | AudioSniff | ContainerSniff;

const bad = (message: string) => new AppError('bad-media', message);

export function audioTooLong(name: string, seconds: number): AppError {
  return bad(`“${name}” is ${describeSeconds(seconds)} long; audio up to ${describeSeconds(MEDIA_LIMITS.maxAudioSeconds)} is accepted.`);
}

/** Throws a `bad-media` AppError with the words the person reads, or returns what the header says the file is. */
export function admitFromHeader(file: { name: string; size: number }, info: SniffResult): Admitted {
  const { name, size } = file;
  if (size === 0) throw bad(`“${name}” is empty.`);
  switch (info.kind) {
    case 'image':
      if (size > MEDIA_LIMITS.maxImageBytes) throw bad(`“${name}” is ${formatBytes(size)}; pictures up to ${formatBytes(MEDIA_LIMITS.maxImageBytes)} are accepted.`);
      // Decoding 30000×30000 pixels takes 3.6 GB: refused from the header, before the browser tries.
      if (info.width !== undefined && info.height !== undefined && info.width * info.height > MEDIA_LIMITS.maxImagePixels) {
        throw bad(
          `“${name}” is ${info.width.toLocaleString('en')} × ${info.height.toLocaleString('en')} pixels, too large to open safely (the limit is ${MEDIA_LIMITS.maxImagePixels / 1_000_000} megapixels).`,
        );
      }
      if (info.format === 'heic') throw bad(`“${name}” is a HEIC photo, which this browser cannot decode. Export it as JPEG and attach that.`);
      return info;
    case 'audio':
      // A two-hour recording must not be read whole and decoded to find out.
      if (info.durationSeconds !== undefined && info.durationSeconds > MEDIA_LIMITS.maxAudioSeconds) throw audioTooLong(name, info.durationSeconds);
      return info;
    case 'container':
      return info;
    case 'corrupt':
      throw bad(`“${name}” looks like a ${info.format.toUpperCase()} file but is damaged (${info.reason}): ${info.detail}`);
    case 'unknown': {
      const claimed = name.includes('.') ? name.split('.').pop()?.toUpperCase() : null;
      throw bad(
        claimed
          ? `“${name}” is named like ${claimed} but its contents are not a picture, sound or video Sensa can read.`
          : `“${name}” is not a picture, sound or video Sensa can read.`,
      );
    }
  }
}

/** How many bytes from a JPEG's end `jpegEndsWhole` wants: encoders may pad after the end marker. */
export const JPEG_TAIL_BYTES = 4096;

/** A JPEG that stops before its end marker decodes as a half-grey picture; it is refused instead of shown to the model. */
export function jpegEndsWhole(tail: Uint8Array): boolean {
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
  return false;
}

export function incompleteJpeg(name: string): AppError {
  return bad(`“${name}” is an incomplete JPEG: the file ends before the picture does. It may not have finished downloading.`);
}
