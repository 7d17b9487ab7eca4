// The model worker: wires the transformers.js engine to the message port, and nothing else.

import { createHandler } from './handler';
import { isWorkerRequest, type WorkerResponse } from './protocol';
import { TransformersEngine } from './engine/transformers-engine';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createHandler(new TransformersEngine(), (response: WorkerResponse) => scope.postMessage(response));

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isWorkerRequest(event.data)) void handle(event.data);
});
