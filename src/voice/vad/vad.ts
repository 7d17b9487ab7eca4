// Voice activity detection for hands-free voice mode: Silero VAD v5 run through an injected ONNX session, a streaming
// segmenter that turns per-frame speech probabilities into utterances, and a band-limited resampler to 16 kHz.
//
// No DOM and no runtime import: the caller hands in the session and a tensor factory, so the same code runs in the
// app's worker on onnxruntime-web and in Node tests on onnxruntime-web's or onnxruntime-node's CPU backend.

/** Silero v5 only accepts 16 kHz (or 8 kHz, which we never feed it). */
export const SILERO_SAMPLE_RATE = 16_000;
/** Samples per frame the v5 model is trained on at 16 kHz (32 ms); other sizes silently degrade its output. */
export const SILERO_FRAME_SAMPLES = 512;
/**
 * Samples of the previous frame prepended to every frame. The v5 graph expects them (silero-vad's
 * `OnnxWrapper.__call__`, copied by @ricky0123/vad-web's `models/silero.ts`); without them an onset that straddles
 * a frame boundary is seen in two halves and scored low.
 */
export const SILERO_CONTEXT_SAMPLES = 64;
/** The recurrent state: [2, batch, 128]. */
const STATE_DIMS = [2, 1, 128] as const;
const STATE_SIZE = 2 * 128;

/** The few tensor members we read; onnxruntime-web's and onnxruntime-node's `Tensor` both satisfy it. */
export interface VadTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
  dispose?(): void;
}

/** The one `InferenceSession` method we call, so either runtime's session can be passed in. */
export interface VadSession<T extends VadTensor> {
  run(feeds: Record<string, T>): Promise<Record<string, T>>;
}

/** Builds a CPU tensor; with onnxruntime this is `(data, dims) => new ort.Tensor(data, dims)`. */
export type VadTensorFactory<T extends VadTensor> = (data: Float32Array | BigInt64Array, dims: readonly number[]) => T;

/**
 * Silero VAD v5: one speech probability per 512-sample frame of 16 kHz audio. Stateful (an LSTM state and the last
 * 64 samples carry over between frames), so frames must be fed in order and one at a time; `reset` starts a new stream.
 */
export class SileroVad<T extends VadTensor = VadTensor> {
  readonly #session: VadSession<T>;
  readonly #createTensor: VadTensorFactory<T>;
  readonly #sampleRate: T;
  #state: T;
  #context = new Float32Array(SILERO_CONTEXT_SAMPLES);
  // A second call while the first awaits the session would read the state the first is about to replace.
  #busy = false;

  constructor(session: VadSession<T>, createTensor: VadTensorFactory<T>) {
    this.#session = session;
    this.#createTensor = createTensor;
    // The graph declares `sr` as a scalar (shape []), not [1].
    this.#sampleRate = createTensor(new BigInt64Array([BigInt(SILERO_SAMPLE_RATE)]), []);
    this.#state = createTensor(new Float32Array(STATE_SIZE), STATE_DIMS);
  }

  /** Forgets the previous audio, as if the next frame were the first of a new recording. */
  reset(): void {
    this.#state.dispose?.();
    this.#state = this.#createTensor(new Float32Array(STATE_SIZE), STATE_DIMS);
    this.#context = new Float32Array(SILERO_CONTEXT_SAMPLES);
  }

  /** The probability (0..1) that `frame`, exactly 512 samples at 16 kHz, contains speech. */
  async process(frame: Float32Array): Promise<number> {
    if (frame.length !== SILERO_FRAME_SAMPLES) {
      throw new RangeError(`Silero v5 takes frames of ${SILERO_FRAME_SAMPLES} samples, got ${frame.length}`);
    }
    if (this.#busy) throw new Error('SileroVad.process was called again before the previous frame finished');
    this.#busy = true;
    try {
      const input = new Float32Array(SILERO_CONTEXT_SAMPLES + SILERO_FRAME_SAMPLES);
      input.set(this.#context, 0);
      input.set(frame, SILERO_CONTEXT_SAMPLES);
      const feeds = {
        input: this.#createTensor(input, [1, input.length]),
        state: this.#state,
        sr: this.#sampleRate,
      };
      const outputs = await this.#session.run(feeds);
      feeds.input.dispose?.();
      const { output, stateN } = outputs;
      if (!output || !stateN) throw new Error('Silero v5 returned no `output` or `stateN`; is this the v5 model?');
      const probability = output.data instanceof Float32Array ? output.data[0] : undefined;
      output.dispose?.();
      if (probability === undefined) throw new Error('Silero v5 returned an empty or non-float32 `output`');
      this.#state.dispose?.();
      this.#state = stateN;
      // slice, not subarray: callers may reuse their frame buffer for the next frame.
      this.#context = frame.slice(SILERO_FRAME_SAMPLES - SILERO_CONTEXT_SAMPLES);
      return probability;
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Every utterance in a whole recording of 16 kHz mono audio, for clips and tests. Resets the model before and
   * after, so it must not be interleaved with a live stream on the same instance.
   */
  async detectUtterances(samples16k: Float32Array, options: Partial<VadSegmenterOptions> = {}): Promise<Utterance[]> {
    this.reset();
    const detector = new VoiceActivityDetector(this, options);
    try {
      const events = [...(await detector.push(samples16k)), ...detector.flush()];
      return events.flatMap((event) =>
        event.kind === 'speech-end' ? [{ startSeconds: event.startSeconds, endSeconds: event.endSeconds }] : [],
      );
    } finally {
      this.reset();
    }
  }
}

/** One stretch of speech in a recording. */
export interface Utterance {
  startSeconds: number;
  endSeconds: number;
}

export interface VadSegmenterOptions {
  /** A frame at or above this probability counts as speech and can open an utterance. */
  positiveSpeechThreshold: number;
  /** A frame below this probability counts as silence and runs down the redemption count. */
  negativeSpeechThreshold: number;
  /** Consecutive-ish silent frames (frames between the thresholds neither count nor reset) that end an utterance. */
  redemptionFrames: number;
  /** Frames before the first speech frame included in the utterance, so a soft onset is not clipped. */
  preSpeechPadFrames: number;
  /** Speech frames an utterance needs; fewer make it a misfire (a cough, a click). */
  minSpeechFrames: number;
}

/**
 * @ricky0123/vad-web's preset for Silero v5 (`defaultV5FrameProcessorOptions`, 512-sample frames of 32 ms):
 * thresholds 0.5 / 0.35 (Silero's own, negative = positive − 0.15), redemption 24 frames = 0.768 s, pre-speech pad
 * 3 frames = 0.096 s, minimum speech 9 frames = 0.288 s. vad-web 0.0.31 replaced the per-model presets with one
 * millisecond-based set tuned for its legacy model (0.3 / 0.25, 1400 / 800 / 400 ms); those hold a turn open for
 * almost 1.5 s after the last word, too slow for a spoken reply, so we keep the v5 preset.
 */
export const SILERO_V5_SEGMENTER_DEFAULTS: Readonly<VadSegmenterOptions> = Object.freeze({
  positiveSpeechThreshold: 0.5,
  negativeSpeechThreshold: 0.35,
  redemptionFrames: 24,
  preSpeechPadFrames: 3,
  minSpeechFrames: 9,
});

/** Milliseconds of audio in one Silero frame: 512 samples at 16 kHz. */
export const SILERO_FRAME_MS = (SILERO_FRAME_SAMPLES / SILERO_SAMPLE_RATE) * 1000;

/**
 * The end-of-speech wait as a redemption count: the whole number of 32 ms frames nearest to `ms`, at least one
 * (500 ms → 16 frames = 512 ms; 800 ms → 25 frames = 800 ms).
 */
export function redemptionFramesFor(ms: number): number {
  if (!(Number.isFinite(ms) && ms > 0)) throw new RangeError(`the end-of-speech wait must be a positive number of ms, got ${ms}`);
  return Math.max(1, Math.round(ms / SILERO_FRAME_MS));
}

/** Positions are in samples of the 16 kHz stream since the segmenter started; seconds are the same positions. */
export type VadEvent =
  | {
      /** The first speech frame arrived; may still turn out to be a misfire. Start includes the pre-speech pad. */
      kind: 'speech-start';
      startSample: number;
      startSeconds: number;
      decidedAtSample: number;
    }
  | {
      /** The utterance has reached `minSpeechFrames` speech frames, so it will not be a misfire (safe for barge-in). */
      kind: 'speech-confirmed';
      startSample: number;
      startSeconds: number;
      decidedAtSample: number;
    }
  | {
      /** The utterance is over. End is the end of its last frame not judged silent, not where redemption ran out. */
      kind: 'speech-end';
      startSample: number;
      endSample: number;
      startSeconds: number;
      endSeconds: number;
      decidedAtSample: number;
    }
  | {
      /** What opened with `speech-start` was too short to be speech. */
      kind: 'misfire';
      startSample: number;
      startSeconds: number;
      decidedAtSample: number;
    };

const toSeconds = (sample: number): number => sample / SILERO_SAMPLE_RATE;

/**
 * Turns one speech probability per 512-sample frame into utterances, with vad-web's hysteresis: open on a frame at or
 * above the positive threshold, close after `redemptionFrames` frames below the negative threshold, and call it a
 * misfire if it held fewer than `minSpeechFrames` speech frames. Pure and synchronous, so it is tested on made-up
 * probabilities.
 */
export class VadSegmenter {
  #options: Readonly<VadSegmenterOptions>;
  #frame = 0;
  #speaking = false;
  #confirmed = false;
  #startFrame = 0;
  #lastVoicedFrame = 0;
  #speechFrames = 0;
  #redemption = 0;
  // The pre-speech pad never reaches back into the previous utterance.
  #padFloorFrame = 0;

  constructor(options: Partial<VadSegmenterOptions> = {}) {
    this.#options = VadSegmenter.#validated({ ...SILERO_V5_SEGMENTER_DEFAULTS, ...options });
  }

  get options(): Readonly<VadSegmenterOptions> {
    return this.#options;
  }

  /**
   * Changes options mid-stream (the person picked another end-of-speech wait while voice mode listens); they apply
   * from the next frame. An utterance whose silence already reached a shorter redemption ends on its next silent frame.
   */
  configure(options: Partial<VadSegmenterOptions>): void {
    this.#options = VadSegmenter.#validated({ ...this.#options, ...options });
  }

  static #validated(merged: VadSegmenterOptions): Readonly<VadSegmenterOptions> {
    const { positiveSpeechThreshold: positive, negativeSpeechThreshold: negative } = merged;
    if (!(positive >= 0 && positive <= 1) || !(negative >= 0 && negative <= positive)) {
      throw new RangeError(`VAD thresholds need 0 <= negative (${negative}) <= positive (${positive}) <= 1`);
    }
    for (const key of ['redemptionFrames', 'preSpeechPadFrames', 'minSpeechFrames'] as const) {
      if (!Number.isInteger(merged[key]) || merged[key] < 0) throw new RangeError(`${key} must be a whole number >= 0`);
    }
    return Object.freeze(merged);
  }

  /** Samples consumed so far, i.e. the position of the next frame. */
  get position(): number {
    return this.#frame * SILERO_FRAME_SAMPLES;
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Feeds the next frame's speech probability; returns what it decided, in order. */
  push(probability: number): VadEvent[] {
    const { positiveSpeechThreshold, negativeSpeechThreshold, redemptionFrames, preSpeechPadFrames, minSpeechFrames } =
      this.options;
    const frame = this.#frame++;
    const decidedAtSample = this.#frame * SILERO_FRAME_SAMPLES;
    const events: VadEvent[] = [];
    const isSpeech = probability >= positiveSpeechThreshold;

    if (!this.#speaking) {
      if (!isSpeech) return events;
      this.#speaking = true;
      this.#confirmed = false;
      this.#speechFrames = 0;
      this.#redemption = 0;
      this.#startFrame = Math.max(frame - preSpeechPadFrames, this.#padFloorFrame);
      const startSample = this.#startFrame * SILERO_FRAME_SAMPLES;
      events.push({ kind: 'speech-start', startSample, startSeconds: toSeconds(startSample), decidedAtSample });
    }

    if (isSpeech) {
      this.#speechFrames++;
      this.#redemption = 0;
    }
    if (probability >= negativeSpeechThreshold) this.#lastVoicedFrame = frame;
    if (!this.#confirmed && this.#speechFrames >= minSpeechFrames) {
      this.#confirmed = true;
      const startSample = this.#startFrame * SILERO_FRAME_SAMPLES;
      events.push({ kind: 'speech-confirmed', startSample, startSeconds: toSeconds(startSample), decidedAtSample });
    }
    if (probability < negativeSpeechThreshold && ++this.#redemption >= redemptionFrames) {
      events.push(this.#close(decidedAtSample));
    }
    return events;
  }

  /** Ends the stream: an utterance still open is closed (or called a misfire) where its speech last was. */
  flush(): VadEvent[] {
    return this.#speaking ? [this.#close(this.position)] : [];
  }

  /** Starts over at sample 0. */
  reset(): void {
    this.#frame = 0;
    this.#speaking = false;
    this.#confirmed = false;
    this.#speechFrames = 0;
    this.#redemption = 0;
    this.#padFloorFrame = 0;
  }

  #close(decidedAtSample: number): VadEvent {
    this.#speaking = false;
    this.#padFloorFrame = this.#frame;
    const startSample = this.#startFrame * SILERO_FRAME_SAMPLES;
    if (this.#speechFrames < this.options.minSpeechFrames) {
      return { kind: 'misfire', startSample, startSeconds: toSeconds(startSample), decidedAtSample };
    }
    const endSample = (this.#lastVoicedFrame + 1) * SILERO_FRAME_SAMPLES;
    return {
      kind: 'speech-end',
      startSample,
      endSample,
      startSeconds: toSeconds(startSample),
      endSeconds: toSeconds(endSample),
      decidedAtSample,
    };
  }
}

/**
 * The live path: takes 16 kHz audio in chunks of any length (what the resampler hands over), cuts it into Silero
 * frames, and runs each through the model and the segmenter. Calls are queued, so a caller need not await one push
 * before the next; the model only ever sees one frame at a time.
 */
export class VoiceActivityDetector {
  readonly segmenter: VadSegmenter;
  readonly #vad: Pick<SileroVad, 'process' | 'reset'>;
  readonly #pending = new Float32Array(SILERO_FRAME_SAMPLES);
  #pendingLength = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(vad: Pick<SileroVad, 'process' | 'reset'>, options: Partial<VadSegmenterOptions> = {}) {
    this.#vad = vad;
    this.segmenter = new VadSegmenter(options);
  }

  /** Feeds more 16 kHz audio; resolves with the events its complete frames produced. */
  push(samples16k: Float32Array): Promise<VadEvent[]> {
    // Copy now: the caller may reuse its buffer before the queue reaches this chunk.
    const chunk = samples16k.slice();
    const run = this.#queue.then(() => this.#consume(chunk));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Ends the stream. A trailing partial frame is dropped rather than zero-padded (at most 32 ms), and an open
   * utterance is closed. Await the last `push` first.
   */
  flush(): VadEvent[] {
    this.#pendingLength = 0;
    return this.segmenter.flush();
  }

  /** Changes the segmenter's options from the next frame on (see `VadSegmenter.configure`). */
  configure(options: Partial<VadSegmenterOptions>): void {
    this.segmenter.configure(options);
  }

  /** Starts a new stream: model state, partial frame and segmenter. Await the last `push` first. */
  reset(): void {
    this.#pendingLength = 0;
    this.#vad.reset();
    this.segmenter.reset();
  }

  async #consume(chunk: Float32Array): Promise<VadEvent[]> {
    const events: VadEvent[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(SILERO_FRAME_SAMPLES - this.#pendingLength, chunk.length - offset);
      this.#pending.set(chunk.subarray(offset, offset + take), this.#pendingLength);
      this.#pendingLength += take;
      offset += take;
      if (this.#pendingLength < SILERO_FRAME_SAMPLES) break;
      this.#pendingLength = 0;
      events.push(...this.segmenter.push(await this.#vad.process(this.#pending)));
    }
    return events;
  }
}

// Kernel half-width in zero crossings of the low-pass; with a Blackman window 16 gives a stop band near -75 dB.
const ZERO_CROSSINGS = 16;
// Cut-off as a fraction of the lower Nyquist rate; the transition band above it ends near that Nyquist rate.
const PASS_BAND = 0.9;
// Kernels are cached per fractional phase; 48 → 16 kHz has 1 phase, 44.1 → 16 kHz 160. Odd rate pairs with more
// phases than this compute each output's kernel afresh rather than hold megabytes of table.
const MAX_CACHED_PHASES = 1024;

/** The filter taps for one fractional phase: weights for input samples from `first` positions after the center. */
interface Taps {
  first: number;
  weights: Float64Array;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Band-limited resampling of mono audio, in chunks (a microphone at 48 or 44.1 kHz going to Silero's 16 kHz). Each
 * output sample is a Blackman-windowed sinc interpolation of the input with its cut-off below the lower of the two
 * Nyquist rates, so content the output cannot hold is removed instead of folding back as aliases (which plain
 * decimation or averaging lets through, and which Silero hears as noise). Output does not depend on how the input
 * is split into chunks. Measured at 48 → 16 kHz: flat to 6 kHz, -3 dB at 7 kHz, -75 dB or less from 8.5 kHz up, and
 * about 9 ms of CPU per second of audio.
 */
export class Resampler {
  readonly inputRate: number;
  readonly outputRate: number;
  // Output sample n sits at input position n * #inputStep / #outputStep, kept as integers so phases repeat exactly.
  readonly #inputStep: number;
  readonly #outputStep: number;
  readonly #cutoff: number;
  readonly #halfWidth: number;
  readonly #tapsByPhase: (Taps | undefined)[] | undefined;
  // Input samples some future output still needs, starting at absolute input index #bufferStart.
  #buffer = new Float32Array(0);
  #bufferStart = 0;
  #received = 0;
  #produced = 0;

  constructor(inputRate: number, outputRate: number = SILERO_SAMPLE_RATE) {
    for (const rate of [inputRate, outputRate]) {
      if (!(Number.isSafeInteger(rate) && rate > 0)) throw new RangeError(`sample rates are whole Hz, got ${rate}`);
    }
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    const divisor = gcd(inputRate, outputRate);
    this.#inputStep = inputRate / divisor;
    this.#outputStep = outputRate / divisor;
    // Cut-off in cycles per input sample.
    this.#cutoff = (0.5 * PASS_BAND * Math.min(inputRate, outputRate)) / inputRate;
    this.#halfWidth = ZERO_CROSSINGS / (2 * this.#cutoff);
    this.#tapsByPhase = this.#outputStep <= MAX_CACHED_PHASES ? [] : undefined;
  }

  /** Resamples the next chunk; returns the output samples whose whole input window has now arrived. */
  push(chunk: Float32Array): Float32Array {
    if (this.inputRate === this.outputRate) return chunk.slice();
    const grown = new Float32Array(this.#buffer.length + chunk.length);
    grown.set(this.#buffer);
    grown.set(chunk, this.#buffer.length);
    this.#buffer = grown;
    this.#received += chunk.length;
    return this.#drain(false);
  }

  /**
   * Ends the stream, treating what follows it as silence; returns the last samples, so that the whole output lasts
   * as long as the input did (rounded up to a whole sample). The resampler is then ready for a new stream.
   */
  flush(): Float32Array {
    if (this.inputRate === this.outputRate) return new Float32Array(0);
    const tail = this.#drain(true);
    this.#buffer = new Float32Array(0);
    this.#bufferStart = this.#received = this.#produced = 0;
    return tail;
  }

  #drain(final: boolean): Float32Array {
    const out: number[] = [];
    for (;;) {
      const position = this.#produced * this.#inputStep;
      const center = Math.floor(position / this.#outputStep);
      const taps = this.#taps(position % this.#outputStep);
      const ready = final ? center < this.#received : center + taps.first + taps.weights.length <= this.#received;
      if (!ready) break;
      out.push(this.#apply(center, taps));
      this.#produced++;
    }
    const keepFrom = Math.max(0, Math.floor((this.#produced * this.#inputStep) / this.#outputStep - this.#halfWidth));
    if (keepFrom > this.#bufferStart) {
      this.#buffer = this.#buffer.slice(keepFrom - this.#bufferStart);
      this.#bufferStart = keepFrom;
    }
    return Float32Array.from(out);
  }

  #apply(center: number, { first, weights }: Taps): number {
    let sum = 0;
    for (let r = 0; r < weights.length; r++) {
      const k = center + first + r;
      const index = k - this.#bufferStart;
      // Before the start and past the end of the stream is silence.
      if (k >= 0 && index < this.#buffer.length) sum += (this.#buffer[index] ?? 0) * (weights[r] ?? 0);
    }
    return sum;
  }

  #taps(phase: number): Taps {
    const cache = this.#tapsByPhase;
    if (!cache) return this.#computeTaps(phase);
    return (cache[phase] ??= this.#computeTaps(phase));
  }

  #computeTaps(phase: number): Taps {
    const fraction = phase / this.#outputStep;
    const first = Math.ceil(fraction - this.#halfWidth);
    const last = Math.floor(fraction + this.#halfWidth);
    const weights = new Float64Array(last - first + 1);
    let total = 0;
    for (let r = first; r <= last; r++) {
      const distance = fraction - r;
      const x = 2 * this.#cutoff * distance;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const angle = (Math.PI * (distance + this.#halfWidth)) / this.#halfWidth;
      const blackman = 0.42 - 0.5 * Math.cos(angle) + 0.08 * Math.cos(2 * angle);
      weights[r - first] = sinc * blackman;
      total += sinc * blackman;
    }
    // Normalised so a constant comes out exactly constant whatever the phase.
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / total;
    return { first, weights };
  }
}

/** Resamples a whole mono recording (see `Resampler`); 16 kHz for Silero unless told otherwise. */
export function resample(samples: Float32Array, inputRate: number, outputRate: number = SILERO_SAMPLE_RATE): Float32Array {
  const resampler = new Resampler(inputRate, outputRate);
  const head = resampler.push(samples);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
