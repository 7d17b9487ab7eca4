// Turns worker requests into ChatEngine calls and guarantees every request ends in one result or one error.

import { serializeError, AppError } from '../shared/errors';
import type { ChatEngine, GenerateEvent, RequestKind, WorkerRequest, WorkerResponse } from './protocol';

export type Post = (response: WorkerResponse) => void;

/**
 * Deltas are coalesced so that a fast model does not flood the UI thread with one message per
 * token; the first delta goes out at once so time-to-first-token is not delayed.
 */
export function createDeltaBatcher(emit: (event: GenerateEvent) => void, intervalMs = 16, now: () => number = () => performance.now()) {
  let pendingText = '';
  let pendingTokens = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sentFirst = false;
  let lastFlush = -Infinity;

  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (pendingTokens === 0 && pendingText === '') return;
    lastFlush = now();
    emit({ type: 'delta', text: pendingText, tokens: pendingTokens });
    pendingText = '';
    pendingTokens = 0;
  };

  const push = (event: GenerateEvent) => {
    pendingText += event.text;
    pendingTokens += event.tokens;
    // The first visible text goes out at once; token counts alone can wait for the batch.
    if (!sentFirst && pendingText !== '') {
      sentFirst = true;
      flush();
      return;
    }
    // Checked on every push as well as by timer: a busy decode loop can starve timers for a whole answer.
    if (sentFirst && now() - lastFlush >= intervalMs) flush();
    else timer ??= setTimeout(flush, intervalMs);
  };

  return { push, flush };
}

export function createHandler(engine: ChatEngine, post: Post) {
  const inFlight = new Map<string, { kind: RequestKind; controller: AbortController }>();

  const fail = (id: string, kind: RequestKind, error: unknown) => {
    post({ id, kind, type: 'error', error: serializeError(error) });
  };

  return async function handle(request: WorkerRequest): Promise<void> {
    const { id } = request;
    try {
      switch (request.kind) {
        case 'load': {
          const controller = new AbortController();
          inFlight.set(id, { kind: 'load', controller });
          const result = await engine.load(request.payload, {
            signal: controller.signal,
            onEvent: (event) => post({ id, kind: 'load', type: 'event', event }),
          });
          post({ id, kind: 'load', type: 'result', result });
          return;
        }
        case 'load-parts': {
          const controller = new AbortController();
          inFlight.set(id, { kind: 'load-parts', controller });
          const result = await engine.loadParts(request.payload, {
            signal: controller.signal,
            onEvent: (event) => post({ id, kind: 'load-parts', type: 'event', event }),
          });
          post({ id, kind: 'load-parts', type: 'result', result });
          return;
        }
        case 'generate': {
          const controller = new AbortController();
          inFlight.set(id, { kind: 'generate', controller });
          const batcher = createDeltaBatcher((event) => post({ id, kind: 'generate', type: 'event', event }));
          try {
            const result = await engine.generate(request.payload, { signal: controller.signal, onEvent: batcher.push });
            batcher.flush();
            post({ id, kind: 'generate', type: 'result', result });
          } finally {
            batcher.flush();
          }
          return;
        }
        case 'transcribe': {
          const controller = new AbortController();
          inFlight.set(id, { kind: 'transcribe', controller });
          const result = await engine.transcribe(request.payload, {
            signal: controller.signal,
            onEvent: (event) => post({ id, kind: 'transcribe', type: 'event', event }),
          });
          post({ id, kind: 'transcribe', type: 'result', result });
          return;
        }
        case 'speak': {
          const controller = new AbortController();
          inFlight.set(id, { kind: 'speak', controller });
          const result = await engine.speak(request.payload, {
            signal: controller.signal,
            onEvent: (event) => post({ id, kind: 'speak', type: 'event', event }),
          });
          post({ id, kind: 'speak', type: 'result', result });
          return;
        }
        case 'cancel': {
          const target = inFlight.get(request.payload.targetId);
          target?.controller.abort(new AppError('aborted', 'Stopped by the user.'));
          post({ id, kind: 'cancel', type: 'result', result: { cancelled: target !== undefined } });
          return;
        }
        case 'unload': {
          const result = await engine.unload();
          post({ id, kind: 'unload', type: 'result', result });
          return;
        }
        case 'debug': {
          const result = await engine.debug(request.payload);
          post({ id, kind: 'debug', type: 'result', result });
          return;
        }
        default: {
          const unknownKind: never = request;
          throw new AppError('unknown', `Unknown request ${JSON.stringify(unknownKind)}`);
        }
      }
    } catch (error) {
      fail(id, request.kind, error);
    } finally {
      inFlight.delete(id);
    }
  };
}
