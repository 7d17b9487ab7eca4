import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../shared/errors';
import { FakeEngine } from '../test/fake-engine';
import type { Capabilities } from '../models/capabilities';
import { CATALOG } from '../models/catalog';
import { type ModelSpec } from '../domain/model';
import { activeConversation, createSensaStore, type Preferences } from './store';
import type { Conversation } from '../domain/conversation';

const GPU: Capabilities = { webgpu: true, shaderF16: false, adapter: 'Test', maxBufferSize: 1e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null };

function setup(engine = new FakeEngine(), stored: Partial<Preferences> = {}, conversations: Conversation[] = []) {
  const saved: Preferences[] = [];
  const store = createSensaStore({
    engine,
    probe: async () => GPU,
    preferences: { load: () => stored, save: (p) => saved.push(p) },
    loadConversations: async () => conversations,
  });
  return { store, engine, saved };
}

describe('sensa store', () => {
  it('loads the chosen variant, then streams an answer into the conversation', async () => {
    const { store, engine, saved } = setup(new FakeEngine({ words: ['Hi', ' you'] }));
    await store.getState().init();
    await store.getState().loadModel();
    expect(store.getState().model).toMatchObject({ phase: 'ready', choice: { device: 'webgpu', dtype: 'q4' } });
    expect(engine.loads[0]).toMatchObject({ repo: CATALOG[0]?.repo, dtype: 'q4', device: 'webgpu' });
    expect(saved.at(-1)?.lastModelId).toBe(CATALOG[0]?.id);
    await store.getState().send('Hello');
    const [u, a] = activeConversation(store.getState()).messages;
    expect(u).toMatchObject({ role: 'user', content: 'Hello' });
    expect(a).toMatchObject({ role: 'assistant', content: 'Hi you', status: 'done', answer: { dtype: 'q4', device: 'webgpu' } });
    expect(store.getState().generating).toBeNull();
  });

  it('reports speed and time left per file as well as in total, over the recent window', async () => {
    const file = (name: string, loaded: number, total: number) => ({ file: name, loaded, total, done: loaded === total });
    const engine = new FakeEngine({
      downloads: [
        { at: 0, files: [file('a.onnx', 0, 1000), file('b.onnx', 0, 4000)] },
        { at: 2000, files: [file('a.onnx', 1000, 1000), file('b.onnx', 400, 4000)] },
        { at: 4000, files: [file('a.onnx', 1000, 1000), file('b.onnx', 2000, 4000)] },
      ],
    });
    const { store } = setup(engine);
    await store.getState().init();
    const seen: unknown[] = [];
    const unsubscribe = store.subscribe((s) => {
      if (s.model.phase === 'loading' && s.model.progress) seen.push(s.model.progress);
    });
    await store.getState().loadModel();
    unsubscribe();
    expect(seen.at(-1)).toMatchObject({
      loaded: 3000,
      total: 5000,
      // 3000 bytes in 4 s in all; b alone 2000 bytes in 4 s. a is done and has no rate of its own.
      bytesPerSecond: 750,
      fileBytesPerSecond: { 'b.onnx': 500 },
    });
    expect(Object.keys((seen.at(-1) as { fileBytesPerSecond: object }).fileBytesPerSecond)).toEqual(['b.onnx']);
  });

  it('reloads the last used model on start', async () => {
    const last = CATALOG.at(-1)!;
    const { store, engine } = setup(new FakeEngine(), { lastModelId: last.id });
    await store.getState().init();
    expect(engine.loads.map((l) => l.repo)).toEqual([last.repo]);
    expect(store.getState().model.phase).toBe('ready');
  });

  it('stop keeps the partial answer and frees the composer', async () => {
    const { store } = setup(new FakeEngine({ words: ['Part'], hangAfterWords: true }));
    await store.getState().init();
    await store.getState().loadModel();
    const sending = store.getState().send('Go');
    // Stop once the first words have arrived, while the engine still holds the answer open.
    await vi.waitFor(() => expect(activeConversation(store.getState()).messages[1]?.content).toBe('Part'));
    expect(store.getState().generating).not.toBeNull();
    store.getState().stop();
    await sending;
    expect(activeConversation(store.getState()).messages[1]).toMatchObject({ content: 'Part', status: 'stopped' });
    expect(store.getState().generating).toBeNull();
  });

  it('a failed load shows its error, and retry recovers', async () => {
    const engine = new FakeEngine({ loadError: new AppError('network', 'offline') });
    const { store } = setup(engine);
    await store.getState().init();
    await store.getState().loadModel();
    expect(store.getState().model).toMatchObject({ phase: 'error', error: { code: 'network' } });
    engine.script = {};
    await store.getState().loadModel();
    expect(store.getState().model.phase).toBe('ready');
  });

  it('a failed answer can be retried, replacing the failed message', async () => {
    const engine = new FakeEngine({ generateError: new AppError('unknown', 'kaboom') });
    const { store } = setup(engine);
    await store.getState().init();
    await store.getState().loadModel();
    await store.getState().send('Q');
    const failed = activeConversation(store.getState()).messages[1]!;
    expect(failed).toMatchObject({ status: 'error' });
    engine.script = { words: ['A'] };
    await store.getState().retryAnswer(failed.id);
    expect(activeConversation(store.getState()).messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Q', 'done'],
      ['assistant', 'A', 'done'],
    ]);
  });
});

describe('variant choice', () => {
  const base = CATALOG[0];
  if (!base) throw new Error('empty catalog');
  const split: ModelSpec = {
    ...base,
    id: 'split-model',
    dtypes: {
      q4: { files: [{ path: 'onnx/decoder_q4.onnx', bytes: 10 }], sessions: { embed_tokens: 'fp32', decoder_model_merged: 'q4' } },
      q8: { files: [{ path: 'onnx/decoder_quantized.onnx', bytes: 20 }], sessions: { embed_tokens: 'q8', decoder_model_merged: 'q8' } },
      q4f16: { files: [{ path: 'onnx/decoder_q4f16.onnx', bytes: 8 }], sessions: { embed_tokens: 'fp16', decoder_model_merged: 'q4f16' } },
    },
  };
  function withCatalog(stored: Partial<Preferences>) {
    const engine = new FakeEngine();
    const saved: Preferences[] = [];
    const store = createSensaStore({ engine, catalog: [split], probe: async () => GPU, preferences: { load: () => stored, save: (p) => saved.push(p) } });
    return { store, engine, saved };
  }

  it('loads the remembered variant with its per-session dtypes, and saves a new choice', async () => {
    const { store, engine, saved } = withCatalog({ variants: { 'split-model': 'q8' } });
    await store.getState().loadModel();
    expect(engine.loads[0]).toMatchObject({ device: 'webgpu', dtype: 'q8', sessions: { embed_tokens: 'q8', decoder_model_merged: 'q8' } });
    store.getState().setVariant('split-model', 'auto');
    expect(saved.at(-1)?.variants).toEqual({});
    await store.getState().loadModel();
    expect(engine.loads[1]).toMatchObject({ device: 'webgpu', dtype: 'q4', sessions: { embed_tokens: 'fp32', decoder_model_merged: 'q4' } });
  });

  it('falls back to Auto for a remembered variant this GPU cannot run, or one the catalog no longer has', async () => {
    const noF16 = withCatalog({ variants: { 'split-model': 'q4f16' } });
    await noF16.store.getState().loadModel();
    expect(noF16.engine.loads[0]).toMatchObject({ device: 'webgpu', dtype: 'q4' });
    // The choice is kept: on the CPU, where it runs, it applies again.
    noF16.store.getState().setPreference('devicePreference', 'wasm');
    await noF16.store.getState().loadModel();
    expect(noF16.engine.loads[1]).toMatchObject({ device: 'wasm', dtype: 'q4f16', sessions: { embed_tokens: 'fp16', decoder_model_merged: 'q4f16' } });

    const gone = withCatalog({ variants: { 'split-model': 'fp32', 'old-model': 'q4' } });
    expect(gone.store.getState().preferences.variants).toEqual({});
    await gone.store.getState().loadModel();
    expect(gone.engine.loads[0]).toMatchObject({ dtype: 'q4' });
  });
});

describe('generation settings', () => {
  it('start from the model defaults, apply the person’s changes per model, and reset', async () => {
    const { store, engine } = setup(new FakeEngine({ words: ['x'] }));
    await store.getState().init();
    const model = CATALOG[0]!;
    store.getState().setGeneration(model.id, { maxNewTokens: 7, temperature: 0 });
    await store.getState().loadModel();
    await store.getState().send('hi');
    expect(engine.generations[0]?.settings).toMatchObject({ maxNewTokens: 7, temperature: 0, topP: model.defaults.topP });
    expect(activeConversation(store.getState()).messages[1]?.answer?.settings.maxNewTokens).toBe(7);
    store.getState().setGeneration(model.id, null);
    await store.getState().send('again');
    expect(engine.generations[1]?.settings.maxNewTokens).toBe(model.defaults.maxNewTokens);
  });
});

const storedChat = (id: string, updatedAt: number, content = 'hello'): Conversation => ({
  id, title: `Chat ${id}`, createdAt: 0, updatedAt, systemPrompt: '',
  messages: [{ id: `${id}-m`, role: 'user', content, status: 'done', createdAt: 0 }],
});

describe('conversations', () => {
  it('opens the most recent stored conversation on start', async () => {
    const { store } = setup(new FakeEngine(), {}, [storedChat('old', 1), storedChat('new', 5)]);
    await store.getState().init();
    expect(store.getState().activeConversationId).toBe('new');
    expect(Object.keys(store.getState().conversations).sort()).toEqual(['new', 'old']);
  });

  it('new chat starts empty with the default system prompt, and an empty chat is not duplicated', async () => {
    const { store } = setup(new FakeEngine(), { defaultSystemPrompt: 'Be brief.' }, [storedChat('a', 1)]);
    await store.getState().init();
    store.getState().newChat();
    const id = store.getState().activeConversationId;
    expect(activeConversation(store.getState())).toMatchObject({ messages: [], systemPrompt: 'Be brief.' });
    store.getState().newChat();
    expect(store.getState().activeConversationId).toBe(id);
  });

  it('delete can be undone', async () => {
    const { store } = setup(new FakeEngine(), {}, [storedChat('a', 1), storedChat('b', 2)]);
    await store.getState().init();
    store.getState().deleteConversation('b');
    expect(store.getState().conversations.b).toBeUndefined();
    expect(store.getState().activeConversationId).toBe('a');
    store.getState().undoDelete();
    expect(store.getState().conversations.b?.messages).toHaveLength(1);
    expect(store.getState().activeConversationId).toBe('b');
  });

  it('editing a message drops what followed and answers the new text', async () => {
    const engine = new FakeEngine({ words: ['A1'] });
    const { store } = setup(engine);
    await store.getState().init();
    await store.getState().loadModel();
    await store.getState().send('first');
    await store.getState().send('second');
    const firstId = activeConversation(store.getState()).messages[0]!.id;
    engine.script = { words: ['A2'] };
    await store.getState().editMessage(firstId, 'changed');
    expect(activeConversation(store.getState()).messages.map((m) => m.content)).toEqual(['changed', 'A2']);
    expect(engine.generations.at(-1)?.turns).toEqual([{ role: 'user', content: 'changed' }]);
  });

  it('sends the conversation’s system prompt first', async () => {
    const engine = new FakeEngine({ words: ['ok'] });
    const { store } = setup(engine);
    await store.getState().init();
    await store.getState().loadModel();
    store.getState().setSystemPrompt(store.getState().activeConversationId, 'Answer in French.');
    await store.getState().send('hi');
    expect(engine.generations[0]?.turns[0]).toEqual({ role: 'system', content: 'Answer in French.' });
  });
});

describe('GPU device lost', () => {
  it('keeps the partial answer, marks it, and reloads the model once on a fresh engine', async () => {
    const engine = new FakeEngine({ words: ['Half'] });
    let restarts = 0;
    const store = createSensaStore({
      engine,
      restartEngine: () => void (restarts += 1),
      probe: async () => GPU,
      preferences: { load: () => ({}), save: () => undefined },
    });
    await store.getState().init();
    await store.getState().loadModel();
    const generate = engine.generate.bind(engine);
    engine.generate = async (payload, options) => {
      await generate(payload, options);
      throw new AppError('device-lost', 'The GPU was lost while answering.');
    };
    await store.getState().send('go');
    expect(activeConversation(store.getState()).messages[1]).toMatchObject({ content: 'Half', status: 'error', error: { code: 'device-lost' } });
    // The loss put the model in error; recovery runs on its own after send returns.
    await vi.waitFor(() => expect(store.getState().model).toMatchObject({ phase: 'ready', choice: { device: 'webgpu' } }));
    expect(restarts).toBe(1);
    expect(engine.loads).toHaveLength(2);
  });

  it('falls back to WASM when the GPU does not come back', async () => {
    const engine = new FakeEngine({ words: ['x'] });
    const store = createSensaStore({ engine, probe: async () => GPU, preferences: { load: () => ({}), save: () => undefined } });
    await store.getState().init();
    await store.getState().loadModel();
    engine.generate = async () => {
      throw new AppError('device-lost', 'lost');
    };
    const load = engine.load.bind(engine);
    engine.load = async (payload, options) => {
      if (payload.device === 'webgpu') throw new AppError('no-webgpu', 'no adapter');
      return load(payload, options);
    };
    await store.getState().send('go');
    await vi.waitFor(() => expect(store.getState().model).toMatchObject({ phase: 'ready', choice: { device: 'wasm' } }));
  });
});

describe('attachments', () => {
  const png = (name: string) => new File(['x'], name, { type: 'image/png' });
  const preparer = {
    async prepare(file: File) {
      if (file.name.startsWith('bad')) throw new AppError('bad-media', `“${file.name}” is damaged.`);
      const kind = file.name.endsWith('.wav') ? ('audio' as const) : ('image' as const);
      const id = `att-${file.name}`;
      return {
        attachment: { id, kind, name: file.name, format: kind === 'audio' ? 'wav' : 'png', bytes: file.size, ...(kind === 'audio' ? { durationSeconds: 1 } : {}) },
        stored: kind === 'audio' ? { images: [], pcm: new Blob([new Float32Array(16)]) } : { images: [new Blob(['img'])] },
      };
    },
  };

  function setupWithMedia(engine = new FakeEngine({ words: ['ok'] }), speech = new FakeEngine({ transcript: 'apple' })) {
    const store = createSensaStore({ engine, speech, media: preparer, probe: async () => GPU, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [] });
    return { store, engine, speech };
  }

  it('keeps a bad file as an error item and the good ones ready, and sends nothing until it is removed', async () => {
    const { store, engine } = setupWithMedia();
    await store.getState().init();
    await store.getState().loadModel();
    await store.getState().addAttachments([png('good.png'), png('bad.png')]);
    const draft = store.getState().draft;
    expect(draft.map((d) => d.status)).toEqual(['ready', 'error']);
    expect(draft[1]).toMatchObject({ status: 'error', error: { code: 'bad-media', message: '“bad.png” is damaged.' } });
    // The text model cannot see: sending is refused rather than dropping the picture.
    await store.getState().send('what is it?');
    expect(engine.generations).toHaveLength(0);
    store.getState().removeAttachment(draft[1]!.id);
    await store.getState().send('what is it?');
    expect(engine.generations).toHaveLength(0);
    expect(activeConversation(store.getState()).messages).toHaveLength(0);
  });

  it('transcribes audio for a text model, then sends the transcript in the turn and keeps the attachment', async () => {
    const { store, engine, speech } = setupWithMedia();
    await store.getState().init();
    await store.getState().loadModel();
    await store.getState().addAttachments([new File(['x'], 'memo.wav')]);
    await store.getState().send('');
    expect(engine.generations).toHaveLength(0);
    const item = store.getState().draft[0]!;
    await store.getState().transcribeAttachment(item.id);
    expect(speech.transcriptions[0]?.model.repo).toBe('onnx-community/whisper-base');
    expect(store.getState().draft[0]).toMatchObject({ status: 'ready', attachment: { transcript: 'apple' } });
    await store.getState().send('');
    expect(engine.generations[0]?.turns.at(-1)).toEqual({ role: 'user', content: '[Transcript of “memo.wav”]: apple' });
    const sent = activeConversation(store.getState()).messages[0];
    expect(sent?.attachments?.[0]).toMatchObject({ name: 'memo.wav', transcript: 'apple' });
    expect(store.getState().draft).toEqual([]);
  });

  it('keeps the file of a draft recording for tools that need it whole (Caption), only while it is in the draft', async () => {
    const { store } = setupWithMedia();
    await store.getState().init();
    const memo = new File(['x'], 'memo.wav');
    await store.getState().addAttachments([memo, png('a.png')]);
    const [sound, picture] = store.getState().draft;
    expect(store.getState().draftFile(sound!.id)).toBe(memo);
    expect(store.getState().draftFile(picture!.id)).toBeUndefined();
    store.getState().removeAttachment(sound!.id);
    expect(store.getState().draftFile(sound!.id)).toBeUndefined();
  });

  it('sends pictures to a model that sees', async () => {
    const { store, engine } = setupWithMedia();
    await store.getState().init();
    store.getState().selectModel('smolvlm-256m-instruct');
    await store.getState().loadModel();
    expect(engine.loads[0]).toMatchObject({ repo: 'HuggingFaceTB/SmolVLM-256M-Instruct', sessions: { vision_encoder: 'q4', decoder_model_merged: 'q4' } });
    await store.getState().addAttachments([png('a.png'), png('b.png')]);
    await store.getState().send('compare');
    const turn = engine.generations[0]?.turns.at(-1);
    expect(turn?.content).toBe('compare');
    expect(turn?.media?.map((m) => m.kind)).toEqual(['image', 'image']);
  });

  describe('a text-first model (Gemma 4)', () => {
    const gemmaEngine = (script = {}) => new FakeEngine({ words: ['ok'], lazyParts: ['vision', 'audio'], ...script });

    it('loads text parts only, then adds the vision part before the first turn with a picture, and not again', async () => {
      const { store, engine } = setupWithMedia(gemmaEngine());
      await store.getState().init();
      store.getState().selectModel('gemma-4-e2b-it');
      await store.getState().loadModel();
      expect(engine.loads[0]?.parts).toBeUndefined();
      await store.getState().send('hello');
      expect(engine.partLoads).toEqual([]);
      await store.getState().addAttachments([png('red.png')]);
      const seen: unknown[] = [];
      const unsubscribe = store.subscribe((s) => s.partsDownload && seen.push(s.partsDownload));
      await store.getState().send('what colour?');
      unsubscribe();
      expect(engine.partLoads).toEqual([{ parts: ['vision'] }]);
      expect(seen.at(-1)).toMatchObject({ parts: ['vision'], progress: { loaded: 5, total: 10 } });
      expect(store.getState().partsDownload).toBeNull();
      expect(store.getState().model).toMatchObject({ phase: 'ready', result: { lazyParts: ['audio'] } });
      // The earlier picture is still in the conversation: the next text turn needs the vision part, which is there.
      await store.getState().send('and now?');
      expect(engine.partLoads).toHaveLength(1);
      expect(engine.generations).toHaveLength(3);
    });

    it('a failed part download fails the answer with a clear message, keeps the message and the model, and Retry works', async () => {
      const { store, engine } = setupWithMedia(gemmaEngine({ partsError: new AppError('network', 'The download failed.') }));
      await store.getState().init();
      store.getState().selectModel('gemma-4-e2b-it');
      await store.getState().loadModel();
      await store.getState().addAttachments([png('red.png')]);
      await store.getState().send('what colour?');
      const [sent, failed] = activeConversation(store.getState()).messages;
      expect(sent).toMatchObject({ role: 'user', content: 'what colour?', attachments: [{ name: 'red.png' }] });
      expect(failed).toMatchObject({ status: 'error', error: { code: 'network' } });
      expect(failed?.error?.message).toContain('could not download the picture part');
      expect(engine.generations).toHaveLength(0);
      expect(store.getState().model.phase).toBe('ready');
      // A chat without pictures keeps working on the text parts.
      store.getState().newChat();
      await store.getState().send('hello');
      expect(activeConversation(store.getState()).messages[1]).toMatchObject({ status: 'done', content: 'ok' });
      // Back in the picture chat, Retry downloads again and answers.
      engine.script.partsError = undefined;
      store.getState().openConversation(Object.values(store.getState().conversations).find((c) => c.messages.some((m) => m.attachments))!.id);
      await store.getState().retryAnswer(failed!.id);
      expect(engine.partLoads).toHaveLength(2);
      expect(activeConversation(store.getState()).messages.at(-1)).toMatchObject({ status: 'done', content: 'ok' });
    });

    it('a live turn sends the sound itself with the camera frame, in one user turn, both parts loaded first', async () => {
      // Live mode with a model that hears: voice-mode.ts calls sendSpoken with the utterance and the frame from while
      // it was spoken; the model gets both, and no transcript stands in for the sound.
      const { store, engine } = setupWithMedia(gemmaEngine());
      await store.getState().init();
      store.getState().selectModel('gemma-4-e2b-it');
      await store.getState().loadModel();
      const pcm = new Blob([new Float32Array(16_000)]);
      const frame = new Blob(['jpeg'], { type: 'image/jpeg' });
      const messageId = await store.getState().sendSpoken({ audio: { pcm, seconds: 1, peaks: [0.5] }, pictures: [frame] });
      expect(messageId).not.toBeNull();
      // sendSpoken returns once the message is in; the answer runs after it.
      await vi.waitFor(() => expect(activeConversation(store.getState()).messages[1]).toMatchObject({ status: 'done' }));
      expect(engine.generations).toHaveLength(1);
      expect(engine.partLoads.flatMap((p) => p.parts).sort()).toEqual(['audio', 'vision']);
      const turn = engine.generations[0]?.turns.at(-1);
      expect(turn).toMatchObject({ role: 'user', content: '' });
      expect(turn?.media?.map((m) => m.kind)).toEqual(['image', 'audio']);
      const audio = turn?.media?.find((m) => m.kind === 'audio');
      expect(audio?.kind === 'audio' ? audio.pcm.size : 0).toBe(pcm.size);
      const sent = activeConversation(store.getState()).messages[0];
      expect(sent?.attachments?.map((a) => a.kind)).toEqual(['image', 'audio']);
      // The transcript made alongside lands on the sound, not on the picture before it.
      const soundId = sent?.attachments?.find((a) => a.kind === 'audio')?.id;
      store.getState().setTranscript(sent!.id, soundId!, 'apple');
      expect(activeConversation(store.getState()).messages[0]?.attachments?.map((a) => a.transcript)).toEqual([undefined, 'apple']);
    });

    it('a live turn to a model that only sees sends the transcript with the frame', async () => {
      const { store, engine } = setupWithMedia();
      await store.getState().init();
      store.getState().selectModel('smolvlm-256m-instruct');
      await store.getState().loadModel();
      await store.getState().sendSpoken({ transcript: 'what am I holding?', pictures: [new Blob(['jpeg'], { type: 'image/jpeg' })] });
      await vi.waitFor(() => expect(engine.generations).toHaveLength(1));
      const turn = engine.generations[0]?.turns.at(-1);
      expect(turn?.content).toBe('what am I holding?');
      expect(turn?.media?.map((m) => m.kind)).toEqual(['image']);
    });

    it('loading with a conversation that already holds pictures asks for their part in the load', async () => {
      const conversation: Conversation = {
        id: 'pics',
        title: 'Pictures',
        createdAt: 1,
        updatedAt: 1,
        systemPrompt: '',
        messages: [{ id: 'm', role: 'user', content: 'see', status: 'done', createdAt: 1, attachments: [{ id: 'x', kind: 'image', name: 'a.png', format: 'png', bytes: 1 }] }],
      };
      const engine = gemmaEngine();
      const store = createSensaStore({ engine, media: preparer, probe: async () => GPU, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [conversation] });
      await store.getState().init();
      store.getState().selectModel('gemma-4-e2b-it');
      await store.getState().loadModel();
      expect(engine.loads[0]?.parts).toEqual(['vision']);
      expect(store.getState().model).toMatchObject({ result: { lazyParts: ['audio'] } });
    });
  });
});
