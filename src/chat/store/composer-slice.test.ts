import { describe, expect, it } from 'vitest';
import type { DraftItem } from './composer-slice';
import { updateReady } from './composer-slice';

const ready: DraftItem = { id: 'r', name: 'memo.wav', status: 'ready', attachment: { id: 'a', kind: 'audio', name: 'memo.wav', format: 'wav', bytes: 1 } };
const preparing: DraftItem = { id: 'p', name: 'photo.png', status: 'preparing' };

describe('updateReady', () => {
  it('changes the ready item named, and nothing else', () => {
    const next = updateReady([ready, preparing], 'r', (d) => ({ ...d, transcribing: true }));
    expect(next).toEqual([{ ...ready, transcribing: true }, preparing]);
  });

  it('leaves an item that is not ready, or was removed meanwhile, as it is', () => {
    const draft = [ready, preparing];
    expect(updateReady(draft, 'p', (d) => ({ ...d, transcribing: true }))).toEqual(draft);
    expect(updateReady(draft, 'gone', (d) => ({ ...d, transcribing: true }))).toEqual(draft);
  });
});

describe('text for the message box from outside it', () => {
  it('waits until the composer takes it, joins what arrives meanwhile, and is taken once', async () => {
    const { createSensaStore } = await import('../store');
    const { FakeEngine } = await import('../../test/fake-engine');
    const store = createSensaStore({ engine: new FakeEngine(), probe: async () => ({ webgpu: false, shaderF16: false, adapter: null, maxBufferSize: 0, maxStorageBufferBindingSize: 0, webgpuProblem: { kind: 'absent' } }), preferences: { load: () => ({}), save: () => undefined } });
    expect(store.getState().takePrefill()).toBeNull();
    store.getState().prefillComposer('First');
    store.getState().prefillComposer('https://example.org');
    expect(store.getState().takePrefill()).toBe('First\nhttps://example.org');
    expect(store.getState().takePrefill()).toBeNull();
  });
});
