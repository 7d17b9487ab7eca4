// The speak requests a page sends to its model worker, recorded at the page's side of the worker boundary: what text,
// in which language, and when each was asked for and answered.

import type { Page } from '@playwright/test';

/** A speak request the page sent to a worker, and when (page clock) its final answer came back. */
export interface SpeakRequest {
  id: unknown;
  text: string;
  /** The language sent with the sentence, for the voice model's tag. */
  language?: string;
  sentAt: number;
  answeredAt: number | null;
}

/** Records every speak request posted to a worker, seen at the page's side of the worker boundary. */
export async function recordSpeakRequests(page: Page): Promise<() => Promise<SpeakRequest[]>> {
  await page.addInitScript(() => {
    const requests: SpeakRequest[] = [];
    (window as unknown as { __speakRequests: SpeakRequest[] }).__speakRequests = requests;
    const watched = new WeakSet<Worker>();
    const post = Worker.prototype.postMessage as (this: Worker, ...args: unknown[]) => void;
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      if (!watched.has(this)) {
        watched.add(this);
        this.addEventListener('message', (event: MessageEvent<{ id?: unknown; type?: string }>) => {
          const request = requests.find((r) => r.id === event.data?.id);
          if (request && event.data.type !== 'event') request.answeredAt = performance.now();
        });
      }
      const message = args[0] as { id?: unknown; kind?: string; payload?: { text?: string; language?: string } } | null;
      if (message?.kind === 'speak') {
        requests.push({ id: message.id, text: message.payload?.text ?? '', language: message.payload?.language, sentAt: performance.now(), answeredAt: null });
      }
      post.apply(this, args);
    };
  });
  return () => page.evaluate(() => (window as unknown as { __speakRequests: SpeakRequest[] }).__speakRequests);
}
