// The model worker: configures transformers.js once, wires the engine to the message port, and nothing else.

import { createHandler } from './handler';
import { isWorkerRequest } from './protocol';
import { configureRuntime } from './engine/runtime';
import { TransformersEngine } from './engine/transformers-engine';
import { serveWithFaultInjection } from './engine/fault-injection';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (response: unknown) => scope.postMessage(response);
// The recognizer's worker (named by src/models/engine-client.ts) leaves the page a core: captioning a long clip
// keeps it busy for minutes, and with every core in ONNX Runtime's threads the page's own tasks wait for a CPU
// (docs/captions.md, "The page while captioning").
const runtime = configureRuntime({ spareCores: scope.name === 'sensa-speech' ? 1 : 0 });
const engine = new TransformersEngine(runtime);

/** What to do with each message: a well-formed request goes to the handler table. */
function serve(): (message: unknown) => void {
  // Only the test build (vite build --mode e2e) can inject faults; production drops this branch and the module.
  if (__SENSA_TEST_HOOKS__) return serveWithFaultInjection(engine, () => runtime.gpuDevice(), post);
  const handle = createHandler(engine, post);
  return (message) => {
    if (isWorkerRequest(message)) void handle(message);
  };
}

const receive = serve();
scope.addEventListener('message', (event: MessageEvent<unknown>) => receive(event.data));
