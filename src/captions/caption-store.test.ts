// The caption store over the fake engine: cues arrive per window with progress, Stop keeps them, edits stick, bad files say why.
import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../test/fake-engine';
import type { LoadPayload } from '../worker/protocol';
import type { ChatTurn } from '../domain/turn';
import { AppError } from '../shared/errors';
import { createCaptionStore, type CaptionDeps } from './caption-store';

const model = { repo: 'onnx-community/whisper-base', revision: 'main', architecture: 'whisper', device: 'wasm', dtype: 'q4' } as LoadPayload;

function setup(seconds: number, engine = new FakeEngine(), translator?: CaptionDeps['translator']) {
  const deps: CaptionDeps = {
    ...(translator ? { translator } : {}),
    speech: engine,
    recognizer: async () => model,
    decode: async () => new Float32Array(seconds * 16_000),
    createObjectURL: () => 'blob:clip',
    revokeObjectURL: () => undefined,
  };
  return { store: createCaptionStore(deps), engine };
}

const clip = (type = 'video/webm') => new File([new Uint8Array(8)], 'clip.webm', { type });

describe('caption store', () => {
  it('collects cues window by window, then is done', async () => {
    const { store } = setup(70);
    const seen: number[] = [];
    store.subscribe((s) => s.phase === 'captioning' && seen.push(s.doneSeconds));
    await store.getState().start(clip());
    const s = store.getState();
    expect(s.phase).toBe('done');
    expect(s.media).toEqual({ name: 'clip.webm', url: 'blob:clip', kind: 'video' });
    expect(s.cues.map((c) => c.text)).toEqual(['window 1', 'window 2', 'window 3']);
    expect([...new Set(seen)]).toEqual([30, 60, 70]);
  });

  it('Stop keeps the cues so far; edits change one cue', async () => {
    const { store } = setup(300);
    store.subscribe((s) => s.cues.length === 2 && s.phase === 'captioning' && store.getState().stop());
    await store.getState().start(clip('audio/mpeg'));
    const s = store.getState();
    expect(s.phase).toBe('stopped');
    expect(s.cues).toHaveLength(2);
    expect(s.media?.kind).toBe('audio');
    store.getState().editCue(1, 'edited');
    expect(store.getState().cues.map((c) => c.text)).toEqual(['window 1', 'edited']);
  });

  it('a file with no sound track or of another kind says so, and close resets', async () => {
    const { store } = setup(0);
    await store.getState().start(clip());
    expect(store.getState().phase).toBe('error');
    expect(store.getState().error?.message).toMatch(/no sound/);
    await store.getState().start(new File(['hi'], 'notes.txt', { type: 'text/plain' }));
    expect(store.getState().error?.message).toMatch(/not a video or a recording/);
    store.getState().close();
    expect(store.getState()).toMatchObject({ phase: 'idle', media: null, error: null, cues: [] });
  });

  it('translates the cues as they are into a second set with the same times; Stop and errors say so', async () => {
    const generate = async (turns: ChatTurn[]) => `(es) ${turns[1]?.content}`;
    const { store } = setup(70, new FakeEngine(), () => ({ modelName: 'Tiny chat', generate }));
    await store.getState().start(clip());
    store.getState().editCue(0, 'edited first');
    await store.getState().translate('es');
    const t = store.getState().translation;
    expect(t).toMatchObject({ phase: 'done', done: 3, total: 3, modelName: 'Tiny chat', language: { code: 'es', name: 'Spanish' } });
    expect(t?.cues.map((c) => c.text)).toEqual(['(es) edited first', '(es) window 2', '(es) window 3']);
    expect(t?.cues.map((c) => [c.start, c.end])).toEqual(store.getState().cues.map((c) => [c.start, c.end]));
    store.getState().editTranslatedCue(1, 'fixed');
    expect(store.getState().translation?.cues[1]?.text).toBe('fixed');
    expect(store.getState().cues[1]?.text).toBe('window 2');
    store.getState().close();
    expect(store.getState().translation).toBeNull();
  });

  it('Stop translating keeps the cues done; no chat model gives its reason', async () => {
    let stop = () => {};
    const { store } = setup(70, new FakeEngine(), () => ({
      modelName: 'Tiny chat',
      generate: async (turns: ChatTurn[], signal: AbortSignal) => {
        if (turns[1]?.content === 'window 2') {
          stop();
          if (signal.aborted) throw new Error('stopped');
        }
        return 'x';
      },
    }));
    stop = () => store.getState().stopTranslation();
    await store.getState().start(clip());
    await store.getState().translate('fr');
    expect(store.getState().translation).toMatchObject({ phase: 'stopped', done: 1, cues: [{ text: 'x', source: 0 }] });

    const none = setup(70, new FakeEngine(), () => {
      throw new AppError('not-loaded', 'Load a chat model first.');
    }).store;
    await none.getState().start(clip());
    await none.getState().translate('de');
    expect(none.getState().translation).toMatchObject({ phase: 'error', error: { code: 'not-loaded', message: 'Load a chat model first.' } });
  });
});
