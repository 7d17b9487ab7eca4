import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createStore } from 'zustand/vanilla';
import { FakeEngine } from '../test/fake-engine';
import type { Capabilities } from '../models/capabilities';
import { activeConversation, createSensaStore } from '../chat/store';
import { CATALOG } from '../models/catalog';
import type { Conversation } from '../domain/conversation';
import type { VoiceModeState } from '../voice/voice-mode';
import { SHARED_FILES_FIELD, SHARE_TARGET_PATH, storeShare } from '../pwa/share-target';
import { SHARE_GONE, SHARE_NOT_RECEIVED, VOICE_NEEDS_MODEL, createLaunchNotices, handleLaunch, readLaunchAction, withoutLaunchQuery, type LaunchQueue } from './launch';

const GPU: Capabilities = { webgpu: true, shaderF16: false, adapter: 'Test', maxBufferSize: 1e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null };
const STORED: Conversation = {
  id: 'stored',
  title: 'Earlier',
  createdAt: 1,
  updatedAt: 2,
  systemPrompt: '',
  messages: [{ id: 'm1', role: 'user', content: 'Hello', createdAt: 1 }],
} as Conversation;

function memoryCaches() {
  const stores = new Map<string, Map<string, Response>>();
  return {
    open: async (name: string) => {
      const store = stores.get(name) ?? new Map<string, Response>();
      stores.set(name, store);
      return {
        put: async (key: string, response: Response) => void store.set(key, response),
        match: async (key: string) => store.get(key)?.clone(),
        delete: async (key: string) => store.delete(key),
      } as unknown as Cache;
    },
    delete: async (name: string) => stores.delete(name),
  };
}

function setup(href: string, extra: { caches?: ReturnType<typeof memoryCaches>; launchQueue?: LaunchQueue } = {}) {
  const chat = createSensaStore({ engine: new FakeEngine(), probe: async () => GPU, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [STORED] });
  // The spy stands for the composer's own path, whose checks the composer slice's tests cover.
  const attached: File[][] = [];
  chat.setState({ addAttachments: async (files) => void attached.push(files) });
  const start = vi.fn(async () => undefined);
  const voiceMode = createStore<VoiceModeState>()(() => ({ phase: 'off', error: null, utterances: 0, start, end: () => undefined }) as unknown as VoiceModeState);
  const replaced: string[] = [];
  const started = chat.getState().init();
  const notices = createLaunchNotices();
  handleLaunch({ chat, voiceMode, started, href, replaceUrl: (u) => replaced.push(u), caches: extra.caches, launchQueue: extra.launchQueue, notices });
  return { chat, notices, attached, start, replaced, started };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('launching the installed app', () => {
  it('reads the action from the address, and drops it so a reload does not repeat it', () => {
    expect(readLaunchAction('?action=new-chat')).toEqual({ kind: 'new-chat' });
    expect(readLaunchAction('?action=voice')).toEqual({ kind: 'voice' });
    expect(readLaunchAction('?action=open-files')).toEqual({ kind: 'open-files' });
    expect(readLaunchAction('?shared=abc')).toEqual({ kind: 'share', id: 'abc' });
    expect(readLaunchAction('?shared=failed')).toEqual({ kind: 'share-failed' });
    expect(readLaunchAction('?action=format-disk')).toEqual({ kind: 'none' });
    expect(readLaunchAction('')).toEqual({ kind: 'none' });
    expect(withoutLaunchQuery('https://sensa.test/?shared=abc&x=1#top')).toBe('/?x=1#top');
    expect(withoutLaunchQuery('https://sensa.test/?action=voice')).toBe('/');
  });

  it('a share opens a new chat, beside the stored ones, with its files attached and its text in the message box', async () => {
    const caches = memoryCaches();
    const picture = new File([new Uint8Array([1])], 'beach.png', { type: 'image/png' });
    await storeShare(caches, 's1', { title: '', text: 'What is this?', url: '', files: [picture] });
    const { chat, attached, replaced, notices } = setup('https://sensa.test/?shared=s1', { caches });
    await vi.waitFor(() => expect(attached).toHaveLength(1));
    expect(attached[0]?.map((f) => f.name)).toEqual(['beach.png']);
    expect(chat.getState().takePrefill()).toBe('What is this?');
    const active = activeConversation(chat.getState());
    expect(active.id).not.toBe('stored');
    expect(active.messages).toEqual([]);
    expect(chat.getState().conversations.stored).toBeDefined();
    expect(replaced).toEqual(['/']);
    expect(notices.getState().notice).toBeNull();
  });

  it('says so when a share did not arrive or is gone, and attaches nothing', async () => {
    const failed = setup('https://sensa.test/?shared=failed', { caches: memoryCaches() });
    expect(failed.notices.getState().notice).toBe(SHARE_NOT_RECEIVED);
    const gone = setup('https://sensa.test/?shared=nope', { caches: memoryCaches() });
    await vi.waitFor(() => expect(gone.notices.getState().notice).toBe(SHARE_GONE));
    expect(gone.attached).toEqual([]);
  });

  it('files opened with Sensa come through the launch queue into a new chat', async () => {
    let consumer: Parameters<LaunchQueue['setConsumer']>[0] | undefined;
    const { chat, attached } = setup('https://sensa.test/?action=open-files', { launchQueue: { setConsumer: (c) => (consumer = c) } });
    const memo = new File(['RIFF'], 'memo.wav', { type: 'audio/wav' });
    consumer?.({ files: [{ kind: 'directory' }, { kind: 'file', getFile: async () => memo }] });
    await vi.waitFor(() => expect(attached).toEqual([[memo]]));
    expect(activeConversation(chat.getState()).messages).toEqual([]);
  });

  it('New chat opens an empty chat after the stored ones are merged', async () => {
    const { chat, started } = setup('https://sensa.test/?action=new-chat');
    await started;
    await settle();
    expect(activeConversation(chat.getState()).messages).toEqual([]);
    expect(Object.keys(chat.getState().conversations)).toContain('stored');
  });

  it('Voice mode without a loaded model says what to do first instead of listening', async () => {
    const { notices, start, started } = setup('https://sensa.test/?action=voice');
    await started;
    await vi.waitFor(() => expect(notices.getState().notice).toBe(VOICE_NEEDS_MODEL));
    expect(start).not.toHaveBeenCalled();
  });

  it('Voice mode starts when the last model came back at start', async () => {
    const chat = createSensaStore({ engine: new FakeEngine(), probe: async () => GPU, preferences: { load: () => ({ lastModelId: CATALOG[0]!.id }), save: () => undefined }, loadConversations: async () => [] });
    const start = vi.fn(async () => undefined);
    const voiceMode = createStore<VoiceModeState>()(() => ({ start }) as unknown as VoiceModeState);
    const started = chat.getState().init();
    const notices = createLaunchNotices();
    handleLaunch({ chat, voiceMode, started, href: 'https://sensa.test/?action=voice', replaceUrl: () => undefined, caches: undefined, launchQueue: undefined, notices });
    await started;
    expect(chat.getState().model.phase).toBe('ready');
    await vi.waitFor(() => expect(start).toHaveBeenCalledOnce());
    expect(notices.getState().notice).toBeNull();
  });
});

describe('the manifest', () => {
  const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/manifest.webmanifest'), 'utf8')) as {
    launch_handler: { client_mode: string[] };
    share_target: { action: string; method: string; enctype: string; params: { title: string; text: string; url: string; files: { name: string; accept: string[] }[] } };
    file_handlers: { action: string; accept: Record<string, string[]> }[];
    shortcuts: { name: string; url: string }[];
  };

  it('posts shares where the service worker reads them, with the fields it reads', () => {
    const share = manifest.share_target;
    expect(share).toMatchObject({ action: SHARE_TARGET_PATH, method: 'POST', enctype: 'multipart/form-data', params: { title: 'title', text: 'text', url: 'url' } });
    expect(share.params.files.map((f) => f.name)).toEqual([SHARED_FILES_FIELD]);
    expect(share.params.files[0]?.accept).toEqual(expect.arrayContaining(['image/*', 'audio/*', 'video/*', 'application/pdf', 'text/plain']));
  });

  it('opens pictures, audio and documents, and each shortcut with an action the app reads', () => {
    const [handler] = manifest.file_handlers;
    expect(manifest.file_handlers).toHaveLength(1);
    expect(readLaunchAction(new URL(handler!.action, 'https://sensa.test').search)).toEqual({ kind: 'open-files' });
    const types = Object.keys(handler!.accept);
    for (const prefix of ['image/', 'audio/', 'application/pdf', 'text/']) expect(types.some((t) => t.startsWith(prefix))).toBe(true);
    for (const extensions of Object.values(handler!.accept)) for (const e of extensions) expect(e).toMatch(/^\.[a-z0-9]+$/);
    const actions = manifest.shortcuts.map((s) => [s.name, readLaunchAction(new URL(s.url, 'https://sensa.test').search).kind]);
    expect(actions).toEqual([
      ['New chat', 'new-chat'],
      ['Voice mode', 'voice'],
    ]);
    // One window: a share's POST must navigate for the service worker to see it (focus-existing would drop it).
    expect(manifest.launch_handler.client_mode[0]).toBe('navigate-existing');
  });
});
