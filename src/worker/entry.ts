// The model worker: wires the transformers.js engine to the message port, and nothing else.

import { serveRpc } from '../shared/rpc';
import { createHandler, handlerTable } from './handler';
import { isWorkerRequest } from './protocol';
import { isTestWorkerRequest, type TestWorkerRequestMap } from './fault-protocol';
import { TransformersEngine, onnxGpuDevice } from './engine/transformers-engine';
import { createFaultInjection } from './engine/fault-injection';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (response: unknown) => scope.postMessage(response);
const engine = new TransformersEngine();

/** Hands each well-formed request to the handler table. */
function serve(): (message: unknown) => void {
  // Only the test build (vite build --mode e2e) can inject faults; production drops this branch and both fault modules.
  if (__SENSA_TEST_HOOKS__) {
    const faults = createFaultInjection(engine, onnxGpuDevice);
    const handle = serveRpc<TestWorkerRequestMap>({ ...handlerTable(faults.engine), ...faults.handlers }, post);
    return (message) => {
      if (isTestWorkerRequest(message)) void handle(message);
    };
  }
  const handle = createHandler(engine, post);
  return (message) => {
    if (isWorkerRequest(message)) void handle(message);
  };
}

const receive = serve();
scope.addEventListener('message', (event: MessageEvent<unknown>) => receive(event.data));
