// Checks and prepares one attached file for the models: identify it from its bytes, refuse what would hurt, and keep what the models read.

import { AppError, toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import { RpcClient, type WorkerLike } from '../shared/rpc';
import { formatBytes } from '../shared/format';
import type { Attachment } from '../domain/conversation';
import type { StoredMedia } from '../storage/ui/media-store';
import { SPEECH_SAMPLE_RATE } from '../domain/turn';
import { fitWithin, type PreparedImage } from './worker/image';
import { MEDIA_LIMITS, describeSeconds } from './limits';
import { peaksOf } from './peaks';
import { decodeSpeechSound, type DecodedSound } from './sound';
import type { MediaRpc } from './worker/media-protocol';
import { sniff, type ImageSniff } from './sniff';
import { JPEG_TAIL_BYTES, admitFromHeader, audioTooLong, incompleteJpeg, jpegEndsWhole } from './admit';

export interface PreparedAttachment {
  attachment: Attachment;
  stored: StoredMedia;
}

export interface PrepareOptions {
  /** Frames to sample from a video: the chosen model's limit. */
  videoFrames: number;
  /** A recording's length is known from the recorder; its WebM header does not say. */
  knownDurationSeconds?: number;
}

export interface MediaPreparer {
  prepare(file: File, options: PrepareOptions): Promise<PreparedAttachment>;
}

export interface SoundDecoder {
  /** A video's or recording's sound as 16 kHz mono (captions), decoded in the media worker where the browser can. */
  decodeSound(file: File): Promise<DecodedSound>;
}

const bad = (message: string, cause?: unknown) => new AppError('bad-media', message, cause === undefined ? undefined : { cause });

/**
 * A decode normally takes well under a second; one that has not answered in a minute is stuck in the browser's
 * decoder, and only a fresh worker is safe for the next picture.
 */
const DECODE_TIMEOUT_MS = 60_000;

function spawnMediaWorker(): WorkerLike {
  return new Worker(new URL('./worker/media-worker.ts', import.meta.url), { type: 'module', name: 'sensa-media' });
}

async function readHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, MEDIA_LIMITS.headerBytes).arrayBuffer());
}

function waitFor(target: EventTarget, ok: string, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(bad(`${what} took too long.`)), timeoutMs);
    const onOk = () => finish();
    const onError = () => finish(bad(`${what} failed: the browser could not read the file.`));
    function finish(error?: Error) {
      clearTimeout(timer);
      target.removeEventListener(ok, onOk);
      target.removeEventListener('error', onError);
      if (error) reject(error);
      else resolve();
    }
    target.addEventListener(ok, onOk);
    target.addEventListener('error', onError);
  });
}

/** A page canvas of `size` to draw on; `what` names the thing for the error if the browser has no 2D canvas. */
function drawingCanvas(size: { width: number; height: number }, what: string): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw bad(`This browser cannot draw ${what}.`);
  return { canvas, context };
}

function canvasBlob(canvas: HTMLCanvasElement, type: 'image/png' | 'image/jpeg', failure: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(bad(failure))), type, quality));
}

/** SVG goes through an <img>, where scripts and event handlers never run, then onto a canvas as pixels. */
async function rasterizeSvg(file: Blob): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([file], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await waitFor(img, 'load', 10_000, 'Reading the SVG');
    // An SVG without width/height has no intrinsic size; 1024 px is enough detail for any model here.
    const natural = { width: img.naturalWidth || 1024, height: img.naturalHeight || 1024 };
    const size = fitWithin(natural.width, natural.height, MEDIA_LIMITS.preparedImageEdge);
    const { canvas, context } = drawingCanvas(size, 'the SVG');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(img, 0, 0, size.width, size.height);
    return await canvasBlob(canvas, 'image/png', 'The SVG could not be drawn.');
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** What the media element says about a file's length, without decoding it. Infinity or NaN: unknown. */
async function mediaDuration(file: Blob, element: HTMLMediaElement): Promise<number> {
  const url = URL.createObjectURL(file);
  try {
    element.preload = 'metadata';
    element.muted = true;
    element.src = url;
    await waitFor(element, 'loadedmetadata', 15_000, 'Reading the file');
    return element.duration;
  } finally {
    element.removeAttribute('src');
    element.load();
    URL.revokeObjectURL(url);
  }
}

/** Whether the browser finds a picture in a container whose header and MIME type did not say. */
async function showsPictures(file: File): Promise<boolean> {
  const probe = document.createElement('video');
  const url = URL.createObjectURL(file);
  try {
    probe.muted = true;
    probe.src = url;
    await waitFor(probe, 'loadedmetadata', 15_000, `Opening “${file.name}”`);
    return probe.videoWidth > 0;
  } finally {
    probe.removeAttribute('src');
    probe.load();
    URL.revokeObjectURL(url);
  }
}

export function createMediaPreparer(spawn: () => WorkerLike = spawnMediaWorker): MediaPreparer & SoundDecoder {
  const worker = new RpcClient<MediaRpc>(spawn, 'The media worker');

  const attachmentBase = (file: File, kind: Attachment['kind'], format: string): Attachment => ({
    id: newId(),
    kind,
    name: file.name || `${kind}.${format}`,
    format,
    bytes: file.size,
  });

  async function prepareImage(file: File, info: ImageSniff): Promise<PreparedAttachment> {
    if (info.format === 'jpeg') {
      const tail = new Uint8Array(await file.slice(Math.max(0, file.size - JPEG_TAIL_BYTES)).arrayBuffer());
      if (!jpegEndsWhole(tail)) throw incompleteJpeg(file.name);
    }
    const source = info.format === 'svg' ? await rasterizeSvg(file) : file;
    let prepared: PreparedImage;
    try {
      const payload = { blob: source, maxEdge: MEDIA_LIMITS.preparedImageEdge, thumbnailEdge: MEDIA_LIMITS.thumbnailEdge, photo: info.format === 'jpeg' };
      prepared = await worker.call('decodeImage', payload, { timeoutMs: DECODE_TIMEOUT_MS });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'bad-media') throw bad(`“${file.name}” could not be decoded as a ${info.format.toUpperCase()} picture; the file may be damaged.`, error);
      // A stuck or crashed worker keeps its own code (timeout, worker-crashed): the file may be fine, and a retry may work.
      throw new AppError(appError.code, `“${file.name}”: ${appError.message}`, { cause: error });
    }
    return {
      attachment: { ...attachmentBase(file, 'image', info.format), width: prepared.width, height: prepared.height },
      stored: { images: [prepared.image], thumbnail: prepared.thumbnail },
    };
  }

  async function prepareAudio(file: File, format: string, headerSeconds: number | undefined, options: PrepareOptions): Promise<PreparedAttachment> {
    const limit = MEDIA_LIMITS.maxAudioSeconds;
    const tooLong = (seconds: number) => audioTooLong(file.name, seconds);
    let seconds = headerSeconds ?? options.knownDurationSeconds;
    if (seconds === undefined || !Number.isFinite(seconds)) seconds = await mediaDuration(file, document.createElement('audio')).catch(() => Number.NaN);
    // Checked before reading the whole file: a two-hour recording must not be decoded to find out.
    if (Number.isFinite(seconds) && seconds > limit) throw tooLong(seconds);
    if (file.size > MEDIA_LIMITS.maxAudioBytes) throw bad(`“${file.name}” is ${formatBytes(file.size)}; audio files up to ${formatBytes(MEDIA_LIMITS.maxAudioBytes)} are accepted.`);
    let samples: Float32Array;
    try {
      samples = (await decodeSpeechSound(file, worker)).samples;
    } catch (error) {
      throw bad(`“${file.name}” could not be decoded as ${format.toUpperCase()} audio; the file may be damaged or in a format this browser does not play.`, error);
    }
    const decodedSeconds = samples.length / SPEECH_SAMPLE_RATE;
    if (decodedSeconds > limit) throw tooLong(decodedSeconds);
    if (samples.length === 0) throw bad(`“${file.name}” contains no sound.`);
    return {
      attachment: { ...attachmentBase(file, 'audio', format), durationSeconds: decodedSeconds, peaks: peaksOf(samples) },
      stored: { images: [], pcm: new Blob([samples.buffer as ArrayBuffer], { type: 'application/octet-stream' }) },
    };
  }

  async function prepareVideo(file: File, format: string, headerSeconds: number | undefined, options: PrepareOptions): Promise<PreparedAttachment> {
    if (file.size > MEDIA_LIMITS.maxVideoBytes) {
      throw bad(`“${file.name}” is ${formatBytes(file.size)}; videos up to ${formatBytes(MEDIA_LIMITS.maxVideoBytes)} are accepted. Trim it or attach a shorter clip.`);
    }
    const tooLong = (seconds: number) =>
      bad(`“${file.name}” is ${describeSeconds(seconds)} long; videos up to ${describeSeconds(MEDIA_LIMITS.maxVideoSeconds)} are accepted.`);
    // Refused from the header before the browser opens it; the <video> element's own figure is checked again below.
    if (headerSeconds !== undefined && headerSeconds > MEDIA_LIMITS.maxVideoSeconds) throw tooLong(headerSeconds);
    const url = URL.createObjectURL(file);
    const video = document.createElement('video');
    try {
      video.muted = true;
      video.preload = 'auto';
      video.playsInline = true;
      video.src = url;
      await waitFor(video, 'loadedmetadata', 15_000, `Opening “${file.name}”`);
      if (!video.videoWidth) throw bad(`“${file.name}” has no picture this browser can show.`);
      let duration = video.duration;
      if (!Number.isFinite(duration)) {
        // Recorder-made WebM has no duration in its header; seeking far past the end makes the browser find it.
        video.currentTime = 1e9;
        await waitFor(video, 'seeked', 15_000, `Measuring “${file.name}”`);
        duration = video.duration;
      }
      if (!Number.isFinite(duration) || duration <= 0) throw bad(`“${file.name}” does not say how long it is; it may be damaged.`);
      if (duration > MEDIA_LIMITS.maxVideoSeconds) throw tooLong(duration);
      const size = fitWithin(video.videoWidth, video.videoHeight, MEDIA_LIMITS.videoFrameEdge);
      const { canvas, context } = drawingCanvas(size, 'video frames');
      const count = Math.max(1, options.videoFrames);
      const frames: Blob[] = [];
      for (let i = 0; i < count; i++) {
        // Evenly spaced, each in the middle of its slice, so the first and last frames (often black) are avoided.
        video.currentTime = Math.min(duration - 0.001, (duration * (i + 0.5)) / count);
        await waitFor(video, 'seeked', 15_000, `Reading frame ${i + 1} of “${file.name}”`);
        context.drawImage(video, 0, 0, size.width, size.height);
        frames.push(await canvasBlob(canvas, 'image/jpeg', 'A video frame could not be saved.', 0.9));
      }
      let pcm: Blob | undefined;
      if (file.size <= MEDIA_LIMITS.maxVideoBytesForSound) {
        // No soundtrack, or one the browser cannot decode, leaves a silent clip: the frames still count.
        const samples = await decodeSpeechSound(file, worker).then((d) => d.samples, () => null);
        if (samples && samples.length > 0 && samples.some((s) => Math.abs(s) > 1e-4)) pcm = new Blob([samples.buffer as ArrayBuffer]);
      }
      return {
        attachment: { ...attachmentBase(file, 'video', format), width: size.width, height: size.height, durationSeconds: duration, frames: frames.length, hasAudio: pcm !== undefined },
        stored: { images: frames, thumbnail: frames[0], ...(pcm ? { pcm } : {}) },
      };
    } finally {
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
    }
  }

  return {
    decodeSound: (file) => decodeSpeechSound(file, worker),
    async prepare(file, options) {
      const info = admitFromHeader(file, sniff(await readHead(file), file.size));
      switch (info.kind) {
        case 'image':
          return prepareImage(file, info);
        case 'audio':
          return prepareAudio(file, info.format, info.durationSeconds, options);
        case 'container': {
          // WebM, MP4 and Ogg hold sound, pictures or both: the track table says which, else the MIME type, and only
          // when neither does a <video> element look.
          const fromHeader = info.tracks?.length ? info.tracks.includes('video') : undefined;
          const fromType = file.type.startsWith('video/') ? true : file.type.startsWith('audio/') ? false : undefined;
          return (fromHeader ?? fromType ?? (await showsPictures(file)))
            ? prepareVideo(file, info.format, info.durationSeconds, options)
            : prepareAudio(file, info.format, info.durationSeconds, options);
        }
      }
    },
  };
}
