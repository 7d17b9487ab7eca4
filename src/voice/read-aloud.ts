// Reads text aloud sentence by sentence: the first sentence plays while the next is synthesized, and Stop silences at once.

import { AppError, serializeError, type SerializedError } from '../shared/errors';
import type { LoadPayload, SpeakPayload, SpeakResult } from '../worker/protocol';
import type { SpeechPlayer } from './player';
import { speakableText, takeOpeningClause, takeSentences } from './sentences';

export interface ReadAloudDeps {
  speak: (payload: SpeakPayload, options?: { signal?: AbortSignal }) => Promise<SpeakResult>;
  player: SpeechPlayer;
  /**
   * The voice model's load request, the chosen voice and pace, and the language the text is read in (sent with each
   * sentence for a voice that takes it as a tag), read when each sentence is sent.
   */
  settings: () => { model: LoadPayload; voice: string; speed: number; language?: string } | null;
  onError: (error: SerializedError) => void;
  /** True while sentences are waiting or being synthesized. */
  onBusy: (busy: boolean) => void;
  /**
   * Asked once, with the first sentences, before anything is spoken: false ends the reading silently (the voice does
   * not speak the text's language; the caller tells the person).
   */
  gate?: (firstText: string) => Promise<boolean>;
}

/** One reading: an answer read aloud, or a streaming answer spoken as it arrives. */
export class Reading {
  private queue: string[] = [];
  private pending = '';
  private running = false;
  private finished = false;
  private readonly controller = new AbortController();

  constructor(private readonly deps: ReadAloudDeps) {}

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** Streaming: the answer so far. Complete sentences are spoken; the unfinished end waits. */
  update(textSoFar: string): void {
    if (this.cancelled || this.finished) return;
    const spoken = this.spokenLength;
    const fresh = speakableText(textSoFar).slice(spoken);
    let { sentences, rest } = takeSentences(fresh);
    // Nothing queued yet and no full sentence: start on the first clause rather than wait for the sentence's end.
    const opening = spoken === 0 && sentences.length === 0 ? takeOpeningClause(rest) : null;
    if (opening) ({ sentences, rest } = { sentences: [opening.clause], rest: opening.rest });
    this.spokenLength = spoken + (fresh.length - rest.length);
    this.pending = rest;
    this.push(sentences);
  }

  /** The answer is complete: whatever is left is the last sentence. */
  finish(fullText?: string): void {
    if (this.cancelled || this.finished) return;
    if (fullText !== undefined) this.update(fullText);
    this.finished = true;
    const { sentences } = takeSentences(this.pending, true);
    this.pending = '';
    this.push(sentences);
  }

  cancel(): void {
    this.controller.abort();
    this.queue = [];
    this.deps.player.stop();
    this.deps.onBusy(false);
  }

  private spokenLength = 0;

  private push(sentences: string[]): void {
    if (sentences.length === 0) return;
    this.queue.push(...sentences);
    if (!this.running) void this.run();
  }

  private gated = false;

  private async run(): Promise<void> {
    this.running = true;
    this.deps.onBusy(true);
    try {
      if (!this.gated && this.deps.gate) {
        this.gated = true;
        if (!(await this.deps.gate(this.queue.join(' ')))) {
          this.cancel();
          return;
        }
      }
      while (this.queue.length > 0 && !this.cancelled) {
        const text = this.queue.shift() ?? '';
        const settings = this.deps.settings();
        if (!settings) throw new AppError('not-loaded', 'No voice is available to read aloud.');
        const { model, voice, speed, language } = settings;
        const result = await this.deps.speak({ model, voice, speed, text, ...(language ? { language } : {}) }, { signal: this.controller.signal });
        if (this.cancelled) return;
        this.deps.player.enqueue(new Float32Array(await result.pcm.arrayBuffer()), result.sampleRate);
      }
    } catch (error) {
      if (!this.cancelled) this.deps.onError(serializeError(error));
    } finally {
      this.running = false;
      if (!this.cancelled) this.deps.onBusy(false);
    }
  }
}
