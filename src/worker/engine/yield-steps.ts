// Lets the worker read its message queue (a Stop) between the steps of a generation loop.

import type { PreTrainedModel } from '@huggingface/transformers';

/**
 * On WASM a whole generation runs as one chain of microtasks, so the worker never reads its
 * message queue (a Stop would wait for the last token). One macrotask hop per step lets it in.
 */
const hop = new MessageChannel();
/**
 * One waiter per message, first in first out: the chat model and the painter share this worker, and a single
 * `onmessage = resolve` would let one loop's hop overwrite the other's, which would then wait forever.
 */
const waiting: (() => void)[] = [];
hop.port1.onmessage = () => waiting.shift()?.();
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    hop.port2.postMessage(null);
  });
}

/**
 * Every forward step of `model` (chat tokens, image tokens) first lets queued messages in, then calls `afterHop`,
 * which may throw to end the generation before that step runs.
 */
export function yieldBeforeEachStep(model: PreTrainedModel, afterHop?: () => void): void {
  const forward = model.forward.bind(model);
  model.forward = async (inputs: Parameters<PreTrainedModel['forward']>[0]) => {
    await yieldToEventLoop();
    afterHop?.();
    return forward(inputs);
  };
}
