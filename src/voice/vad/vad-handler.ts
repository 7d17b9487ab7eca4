// The VAD worker's table: microphone chunks through the resampler and the detector, events and utterances out to the one listener.

import { AppError, toAppError } from '../../shared/errors';
import { serveRpc, type Post } from '../../shared/rpc';
import { createSerialQueue } from '../../shared/serial';
import { Resampler, SILERO_SAMPLE_RATE, redemptionFramesFor, type VadSegmenterOptions, type VoiceActivityDetector } from './vad';
import type { ListenEvent, VadRpc } from './vad-protocol';

export type Detector = Pick<VoiceActivityDetector, 'push' | 'reset' | 'configure'>;

/** Keeps the last minute of 16 kHz audio, so a finished utterance can be cut out by its sample offsets. */
const HISTORY_SAMPLES = SILERO_SAMPLE_RATE * 60;

class AudioHistory {
  private samples = new Float32Array(HISTORY_SAMPLES);
  private written = 0;

  remember(chunk: Float32Array): void {
    for (let i = 0; i < chunk.length; i++) this.samples[(this.written + i) % HISTORY_SAMPLES] = chunk[i] ?? 0;
    this.written += chunk.length;
  }

  cut(start: number, end: number): Float32Array {
    const from = Math.max(start, this.written - HISTORY_SAMPLES);
    const out = new Float32Array(Math.max(0, end - from));
    for (let i = 0; i < out.length; i++) out[i] = this.samples[(from + i) % HISTORY_SAMPLES] ?? 0;
    return out;
  }
}

/** `load` creates the detector (the ONNX session); `listen` calls it the first time, and again after it failed. */
export function createVadHandler(load: () => Promise<Detector>, post: Post<VadRpc>) {
  let detector: Promise<Detector> | null = null;
  let listening = false;
  let listener: ((event: ListenEvent, transfer?: Transferable[]) => void) | null = null;
  let resampler: Resampler | null = null;
  let history = new AudioHistory();
  /** What `configure` asked for, kept for a detector that loads (or reloads) after it. */
  let options: Partial<VadSegmenterOptions> = {};
  // Chunks are processed strictly in order; the model keeps state from frame to frame.
  const inOrder = createSerialQueue();

  const ready = (): Promise<Detector> => {
    detector ??= load().catch((error: unknown) => {
      // A failed load is not kept: the next listen tries again.
      detector = null;
      const named = toAppError(error);
      throw new AppError(named.code, error instanceof Error ? error.message : String(error), { cause: error });
    });
    return detector;
  };

  return serveRpc<VadRpc>(
    {
      listen: async (_payload, { signal, emit }) => {
        if (listening) throw new AppError('busy', 'Voice detection already has a listener.');
        listening = true;
        let utterances = 0;
        try {
          // A wait set before the detector loaded (or before it loaded again after a failure) applies from its first frame.
          (await ready()).configure(options);
          if (signal.aborted) return { utterances };
          // Events reach the listener only after it heard `ready`.
          listener = (event, transfer) => {
            if (event.type === 'utterance') utterances++;
            emit(event, transfer);
          };
          emit({ type: 'ready' });
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          return { utterances };
        } finally {
          listener = null;
          listening = false;
        }
      },

      audio: ({ samples, sampleRate }) =>
        inOrder(async () => {
          // Only `listen` loads the detector: chunks from a microphone whose detector failed are dropped, not
          // each made a new attempt at loading it.
          if (!detector) return { events: 0 };
          const vad = await detector;
          if (resampler?.inputRate !== sampleRate) resampler = new Resampler(sampleRate, SILERO_SAMPLE_RATE);
          const resampled = resampler.push(samples);
          history.remember(resampled);
          const events = await vad.push(resampled);
          for (const event of events) {
            listener?.({ type: 'vad', event });
            if (event.kind === 'speech-end' && listener) {
              const utterance = history.cut(event.startSample, event.endSample);
              const { startSeconds, endSeconds } = event;
              listener({ type: 'utterance', samples: utterance, startSeconds, endSeconds, decidedAtSeconds: event.decidedAtSample / SILERO_SAMPLE_RATE }, [utterance.buffer]);
            }
          }
          return { events: events.length };
        }),

      configure: ({ endOfSpeechMs }) =>
        inOrder(async () => {
          const redemptionFrames = redemptionFramesFor(endOfSpeechMs);
          options = { ...options, redemptionFrames };
          // Between chunks, in order with them: a detector not loaded yet takes it when it loads.
          const loaded = detector ? await detector.catch(() => null) : null;
          loaded?.configure(options);
          return { redemptionFrames };
        }),

      reset: () =>
        inOrder(async () => {
          if (detector) (await detector).reset();
          resampler = null;
          history = new AudioHistory();
          return { reset: true as const };
        }),
    },
    post,
  );
}
