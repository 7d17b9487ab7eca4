// transformers.js 4.3 queues every ONNX session creation and every run on one promise each, per JavaScript context
// (src/backends/onnx.js: `webInitChain = webInitChain.then(load)`, `webInferenceChain = webInferenceChain.then(run)`).
// Once one link rejects, `.then` skips every later callback, so each later load or run in that worker fails with the
// first error: one failed run (a bad input, a lost GPU device, a stopped drawing) broke every model in the worker
// until a reload. Upstream reports: huggingface/transformers.js#1635 (sessions) and #1767 (the same in Node).
// A build-time edit is the smallest fix that keeps the queueing: the next link waits for the previous one to settle,
// either way. The caller of the failed link still gets its error.

import type { Plugin } from 'vite';

const CHAINS = [
  ['webInitChain = webInitChain.then(load)', 'webInitChain = webInitChain.catch(() => {}).then(load)'],
  ['webInferenceChain = webInferenceChain.then(run)', 'webInferenceChain = webInferenceChain.catch(() => {}).then(run)'],
] as const;

/** The library's code with both queues made to survive a failed link; throws if the code has changed shape. */
export function unchainFailures(code: string, file = 'transformers.js'): string {
  let out = code;
  for (const [chained, settled] of CHAINS) {
    const name = chained.split(' ')[0]!;
    if (!out.includes(`${name} = Promise.resolve()`)) continue; // not this file, or upstream dropped the queue
    if (!out.includes(chained)) {
      // The queue is there in another shape: stop the build rather than ship the failure mode silently.
      throw new Error(`onnx-chain-fix: ${file} declares ${name} but not as "${chained}"; check the upgrade and update scripts/onnx-chain-fix.ts`);
    }
    out = out.split(chained).join(settled);
  }
  return out;
}

export function onnxChainFix(): Plugin {
  return {
    name: 'sensa-onnx-chain-fix',
    transform(code, id) {
      if (!/[\\/]@huggingface[\\/]transformers[\\/]dist[\\/]/.test(id)) return null;
      return { code: unchainFailures(code, id), map: null };
    },
  };
}
