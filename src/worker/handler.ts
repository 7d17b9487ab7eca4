// Turns model-worker requests into ChatEngine calls, and batches streamed tokens.

import { serveRpc, type Post, type RpcHandlers } from '../shared/rpc';
import type { ChatEngine, GenerateEvent, RequestMap } from './protocol';

/**
 * Deltas are coalesced so that a fast model does not flood the UI thread with one message per
 * token; the first delta goes out at once so time-to-first-token is not delayed.
 *
 * Every delta is a render of the streaming answer (Markdown of its last block, its toolbar, the selectors of every
 * subscribed component): 3-5 ms of the page's CPU, measured by the bench's traced decode pair. On a machine whose
 * cores all run ONNX Runtime's threads that CPU comes out of decoding. 50 ms (20 updates a second, still faster
 * than anyone reads) makes a 100 tok/s model cost a third of the renders 16 ms did.
 */
export const DELTA_INTERVAL_MS = 50;

export function createDeltaBatcher(emit: (event: GenerateEvent) => void, intervalMs = DELTA_INTERVAL_MS, now: () => number = () => performance.now()) {
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

/** The model worker's table: each request kind to its engine call. */
export function handlerTable(engine: ChatEngine): RpcHandlers<RequestMap> {
  return {
    load: (payload, { signal, emit }) => engine.load(payload, { signal, onEvent: emit }),
    generate: async (payload, { signal, emit }) => {
      const batcher = createDeltaBatcher(emit);
      try {
        return await engine.generate(payload, { signal, onEvent: batcher.push });
      } finally {
        // Whatever streamed goes out before the final message, also when the generation failed.
        batcher.flush();
      }
    },
    'load-parts': (payload, { signal, emit }) => engine.loadParts(payload, { signal, onEvent: emit }),
    transcribe: (payload, { signal, emit }) => engine.transcribe(payload, { signal, onEvent: emit }),
    caption: (payload, { signal, emit }) => engine.caption(payload, { signal, onEvent: emit }),
    speak: (payload, { signal, emit }) => engine.speak(payload, { signal, onEvent: emit }),
    draw: (payload, { signal, emit }) => engine.draw(payload, { signal, onEvent: emit }),
    unload: () => engine.unload(),
    'unload-image': () => engine.unloadImage(),
  };
}

/** Serves the table; the RPC ends every request with one final message. */
export function createHandler(engine: ChatEngine, post: Post<RequestMap>) {
  return serveRpc<RequestMap>(handlerTable(engine), post);
}
