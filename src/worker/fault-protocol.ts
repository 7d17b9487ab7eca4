// Test builds only: the fault-injection request the model worker serves when __SENSA_TEST_HOOKS__ is true (types only,
// so that nothing of it, not even its source in a source map, reaches a production bundle).

import type { RequestMap } from './protocol';

/** Faults only a test can cause: a lost GPU device, or the next load failing with a given engine error. */
export type FaultAction = { action: 'lose-device' } | { action: 'fail-next-load'; message: string };

/**
 * A request map of its own, apart from RequestMap, so no ChatEngine has to know about faults. The kind's name is
 * unique on purpose: scripts/check-production-bundle.ts looks for it in dist/ and must not confuse it with a library's word.
 */
export type FaultRequestMap = {
  'inject-fault': { payload: FaultAction; result: { done: boolean }; event: never };
};

/** What a test build's model worker serves: the engine's requests and the fault injection. */
export type TestWorkerRequestMap = RequestMap & FaultRequestMap;
