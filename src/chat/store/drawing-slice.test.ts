import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/fake-engine';
import type { Capabilities } from '../../models/capabilities';
import { IMAGE_MODEL } from '../../models/catalog';
import { createMemoryMediaStore } from '../../storage/ui/media-store';
import { activeConversation, createSensaStore } from '../store';
import { drawPrompt } from './drawing-slice';
import { AppError } from '../../shared/errors';
import type { DrawPayload, DrawResult, CallOptions, DrawEvent } from '../../worker/protocol';

const CPU: Capabilities = { webgpu: false, shaderF16: false, adapter: null, maxBufferSize: 0, maxStorageBufferBindingSize: 0, webgpuProblem: { kind: 'absent' } } as unknown as Capabilities;

function setup(engine = new FakeEngine()) {
  const mediaStore = createMemoryMediaStore();
  const store = createSensaStore({ engine, probe: async () => CPU, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [], mediaStore });
  return { store, engine, mediaStore };
}

describe('drawing', () => {
  it('reads "Draw …" as a picture prompt and anything else as chat', () => {
    expect(drawPrompt('Draw a red square')).toBe('a red square');
    expect(drawPrompt('draw: a cat')).toBe('a cat');
    expect(drawPrompt('Drawing tips?')).toBeNull();
    expect(drawPrompt('draw')).toBeNull();
  });

  it('draws with the image model on the CPU variant and stores the pictures as the answer', async () => {
    const { store, engine, mediaStore } = setup();
    await store.getState().init();
    await store.getState().draw('a red square', { seed: 7, count: 2 });
    expect(engine.drawings[0]).toMatchObject({ prompt: 'a red square', seed: 7, count: 2, guidance: 5, model: { repo: IMAGE_MODEL?.repo, device: 'wasm', dtype: 'q4' } });
    const [user, answer] = activeConversation(store.getState()).messages;
    expect(user).toMatchObject({ role: 'user', content: 'a red square' });
    expect(answer).toMatchObject({ status: 'done', drawing: { prompt: 'a red square', seed: 7, count: 2, device: 'wasm', dtype: 'q4' } });
    expect(answer?.attachments?.map((a) => a.name)).toEqual(['a red square (seed 7).png', 'a red square (seed 8).png']);
    for (const a of answer?.attachments ?? []) expect((await mediaStore.get(a.id))?.images).toHaveLength(1);
    expect(store.getState().drawing).toBeNull();
  });

  it('a stopped drawing keeps no picture', async () => {
    const engine = new FakeEngine();
    engine.draw = (_payload: DrawPayload, options?: CallOptions<DrawEvent>): Promise<DrawResult> =>
      new Promise((_, reject) => options?.signal?.addEventListener('abort', () => reject(new AppError('aborted', 'Stopped.'))));
    const { store, mediaStore } = setup(engine);
    await store.getState().init();
    const drawing = store.getState().draw('a green field');
    await new Promise((r) => setTimeout(r, 0));
    store.getState().stopDrawing();
    await drawing;
    const answer = activeConversation(store.getState()).messages[1];
    expect(answer).toMatchObject({ status: 'stopped' });
    expect(answer?.attachments).toBeUndefined();
    expect(mediaStore.items.size).toBe(0);
  });

  it('unloads the image model on request, not while it draws, and marks it loaded again by the next drawing', async () => {
    const engine = new FakeEngine();
    const { store } = setup(engine);
    await store.getState().init();
    expect(store.getState().imageModelLoaded).toBe(false);
    await store.getState().draw('a red square');
    expect(store.getState().imageModelLoaded).toBe(true);

    // While a drawing runs, the request is refused: the worker is using the model.
    let finish: (() => void) | null = null;
    const draw = engine.draw.bind(engine);
    engine.draw = (payload) => new Promise<void>((resolve) => (finish = resolve)).then(() => draw(payload));
    const drawing = store.getState().draw('a blue square');
    while (!finish) await new Promise((r) => setTimeout(r, 0));
    await store.getState().unloadImageModel();
    expect(engine.imageUnloads).toBe(0);
    (finish as () => void)();
    await drawing;
    engine.draw = draw;

    await store.getState().unloadImageModel();
    expect(engine.imageUnloads).toBe(1);
    expect(store.getState().imageModelLoaded).toBe(false);
    // The chat model is not touched: the chat model's unload is another button.
    await store.getState().draw('a green square');
    expect(store.getState().imageModelLoaded).toBe(true);
    expect(engine.drawings.at(-1)).toMatchObject({ prompt: 'a green square' });
  });
});
