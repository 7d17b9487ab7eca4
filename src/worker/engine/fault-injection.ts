// Test builds only (__SENSA_TEST_HOOKS__): faults the UI cannot cause, armed in the model worker by end-to-end tests.

import { toAppError } from '../../shared/errors';
import { isRpcRequest, serveRpc, type Post, type RpcHandlers } from '../../shared/rpc';
import type { FaultAction, FaultRequestMap, TestWorkerRequestMap } from '../fault-protocol';
import { handlerTable } from '../handler';
import { REQUEST_KINDS, type ChatEngine } from '../protocol';

export interface FaultInjection {
  /** The engine, except that a load fails when a test asked for that. */
  engine: ChatEngine;
  /** The handler table's extra entry: arms a fault. */
  handlers: RpcHandlers<FaultRequestMap>;
}

/**
 * Wraps `engine` so that tests can make the next load fail with a given runtime message, or destroy the GPU device
 * ONNX Runtime runs on (`gpuDevice` finds it), which is what a driver reset does.
 */
export function createFaultInjection(engine: ChatEngine, gpuDevice: () => Promise<GPUDevice | null>): FaultInjection {
  /** The next load fails with this message, worded as the runtime would word it. */
  let failNextLoad: string | null = null;

  const faulty: ChatEngine = {
    async load(payload, options) {
      if (failNextLoad === null) return engine.load(payload, options);
      const message = failNextLoad;
      failNextLoad = null;
      // As a real failure of a new model does: whatever was loaded before is gone too.
      await engine.unload();
      throw toAppError(new Error(message));
    },
    loadParts: (payload, options) => engine.loadParts(payload, options),
    generate: (payload, options) => engine.generate(payload, options),
    transcribe: (payload, options) => engine.transcribe(payload, options),
    caption: (payload, options) => engine.caption(payload, options),
    speak: (payload, options) => engine.speak(payload, options),
    draw: (payload, options) => engine.draw(payload, options),
    unload: () => engine.unload(),
    unloadImage: () => engine.unloadImage(),
  };

  async function inject(fault: FaultAction): Promise<{ done: boolean }> {
    switch (fault.action) {
      case 'fail-next-load':
        failNextLoad = fault.message;
        return { done: true };
      case 'lose-device': {
        const device = await gpuDevice();
        device?.destroy();
        return { done: device !== null };
      }
      default: {
        const unknown: never = fault;
        throw new Error(`Unknown fault ${JSON.stringify(unknown)}`);
      }
    }
  }

  return { engine: faulty, handlers: { 'inject-fault': (fault) => inject(fault) } };
}

/**
 * The test build's model worker: the handler table with the fault injection's entry added. Returns what to do with
 * each message (everything is built inside, so a production bundle that never calls this keeps nothing of the module).
 */
export function serveWithFaultInjection(
  engine: ChatEngine,
  gpuDevice: () => Promise<GPUDevice | null>,
  post: Post<TestWorkerRequestMap>,
): (message: unknown) => void {
  const faults = createFaultInjection(engine, gpuDevice);
  const kinds = new Set<string>([...REQUEST_KINDS, ...Object.keys(faults.handlers)]);
  const handle = serveRpc<TestWorkerRequestMap>({ ...handlerTable(faults.engine), ...faults.handlers }, post);
  return (message) => {
    if (isRpcRequest<TestWorkerRequestMap>(message, kinds)) void handle(message);
  };
}
