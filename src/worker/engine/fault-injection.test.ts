import { describe, expect, it, vi } from 'vitest';
import type { RpcResponse } from '../../shared/rpc';
import { FakeEngine } from '../../test/fake-engine';
import type { TestWorkerRequestMap } from '../fault-protocol';
import type { LoadPayload } from '../protocol';
import { createFaultInjection, serveWithFaultInjection } from './fault-injection';

const LOAD: LoadPayload = { repo: 'org/model', revision: 'main', architecture: 'llama', device: 'webgpu', dtype: 'q4' };

describe('fault injection (test builds only)', () => {
  it('fails the next load once, as the runtime words it, with the previous model unloaded; the load after that is real', async () => {
    const engine = new FakeEngine();
    const unload = vi.spyOn(engine, 'unload');
    const faults = createFaultInjection(engine, async () => null);
    await faults.handlers['inject-fault']({ action: 'fail-next-load', message: 'RangeError: Array buffer allocation failed' }, { signal: new AbortController().signal, emit: () => {} });
    await expect(faults.engine.load(LOAD)).rejects.toMatchObject({ code: 'out-of-memory' });
    expect(unload).toHaveBeenCalledTimes(1);
    await expect(faults.engine.load(LOAD)).resolves.toMatchObject({ device: 'webgpu' });
  });

  it('destroys the GPU device when there is one, and says whether there was', async () => {
    const device = { destroy: vi.fn() } as unknown as GPUDevice;
    const context = { signal: new AbortController().signal, emit: () => {} };
    const withDevice = createFaultInjection(new FakeEngine(), async () => device);
    await expect(withDevice.handlers['inject-fault']({ action: 'lose-device' }, context)).resolves.toEqual({ done: true });
    expect(device.destroy).toHaveBeenCalledTimes(1);
    const withoutDevice = createFaultInjection(new FakeEngine(), async () => null);
    await expect(withoutDevice.handlers['inject-fault']({ action: 'lose-device' }, context)).resolves.toEqual({ done: false });
  });

  it('serves the engine requests and the fault request over the one RPC, and ignores unknown kinds', async () => {
    const posted: RpcResponse<TestWorkerRequestMap>[] = [];
    const receive = serveWithFaultInjection(new FakeEngine(), async () => null, (r) => posted.push(r));
    receive({ id: 'f', kind: 'inject-fault', payload: { action: 'fail-next-load', message: 'RangeError: Array buffer allocation failed' } });
    receive({ id: 'x', kind: 'debug', payload: {} });
    await vi.waitFor(() => expect(posted.find((r) => r.id === 'f')).toEqual({ id: 'f', kind: 'inject-fault', type: 'result', result: { done: true } }));
    receive({ id: 'l', kind: 'load', payload: LOAD });
    await vi.waitFor(() => expect(posted.find((r) => r.id === 'l')).toMatchObject({ kind: 'load', type: 'error', error: { code: 'out-of-memory' } }));
    expect(posted.some((r) => r.id === 'x')).toBe(false);
  });
});
