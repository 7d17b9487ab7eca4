// Plays synthesized sentences back to back through one audio graph, with pause, stop and a level tap for tests and the UI.

export type PlayerState = 'idle' | 'playing' | 'paused';

/** A short window of what the speakers play: the analyser's latest samples (the buffer is reused) and their rate. */
export interface Waveform {
  samples: Float32Array;
  sampleRate: number;
}

export interface PlayerEvents {
  onState?: (state: PlayerState) => void;
  /** Fired when the first sample of a session is scheduled, in the page's clock (performance.now()). */
  onFirstAudio?: (at: number) => void;
}

export class SpeechPlayer {
  private context: AudioContext | null = null;
  private analyser: AnalyserNode | null = null;
  private sources = new Set<AudioBufferSourceNode>();
  /** Where the next sentence starts on the context's clock, so sentences follow without gaps. */
  private nextStart = 0;
  private state: PlayerState = 'idle';
  private firstAudioPending = true;
  private readonly tap = new Float32Array(1024);

  constructor(private readonly events: PlayerEvents = {}) {}

  private graph(): { context: AudioContext; analyser: AnalyserNode } {
    if (!this.context || !this.analyser) {
      this.context = new AudioContext();
      this.analyser = this.context.createAnalyser();
      this.analyser.fftSize = this.tap.length;
      this.analyser.connect(this.context.destination);
    }
    return { context: this.context, analyser: this.analyser };
  }

  private setState(state: PlayerState): void {
    if (state === this.state) return;
    this.state = state;
    this.events.onState?.(state);
  }

  get current(): PlayerState {
    return this.state;
  }

  /** Queues one sentence; it plays as soon as the one before it ends. */
  enqueue(samples: Float32Array, sampleRate: number): void {
    if (samples.length === 0) return;
    const { context, analyser } = this.graph();
    const buffer = context.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(analyser);
    const startAt = Math.max(context.currentTime + 0.02, this.nextStart);
    source.start(startAt);
    this.nextStart = startAt + buffer.duration;
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      if (this.sources.size === 0 && this.state === 'playing') this.setState('idle');
    };
    if (this.firstAudioPending) {
      this.firstAudioPending = false;
      this.events.onFirstAudio?.(performance.now() + Math.max(0, startAt - context.currentTime) * 1000);
    }
    if (this.state !== 'paused') {
      this.setState('playing');
      void context.resume();
    }
  }

  pause(): void {
    if (this.state !== 'playing' || !this.context) return;
    void this.context.suspend();
    this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused' || !this.context) return;
    void this.context.resume();
    this.setState(this.sources.size > 0 ? 'playing' : 'idle');
  }

  /** Silences at once (barge-in, Stop) and forgets everything queued. */
  stop(): void {
    for (const source of this.sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // A source that never started cannot be stopped; disconnecting is enough.
      }
      source.disconnect();
    }
    this.sources.clear();
    this.nextStart = 0;
    this.firstAudioPending = true;
    if (this.context?.state === 'suspended') void this.context.resume();
    this.setState('idle');
  }

  /** What is playing right now; null before the first sentence built the audio graph. */
  waveform(): Waveform | null {
    if (!this.analyser || !this.context) return null;
    this.analyser.getFloatTimeDomainData(this.tap);
    return { samples: this.tap, sampleRate: this.context.sampleRate };
  }

  /** Root-mean-square level of what is playing right now, 0..1. */
  level(): number {
    const wave = this.waveform();
    return wave ? rms(wave.samples) : 0;
  }
}

/** Root-mean-square of the samples, 0..1 for audio. */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}
