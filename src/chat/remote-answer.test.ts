// A model on the person's own server, through the whole chat flow: the store cannot tell it from a local model,
// the answer says where it came from, and the API key reaches neither the conversation, the exports nor preferences.

import { describe, expect, it } from 'vitest';
import type { RemoteServer } from '../domain/remote';
import { CATALOG } from '../models/catalog';
import { remoteSpec } from '../models/remote/endpoint';
import { RemoteEngine } from '../models/remote/remote-engine';
import { RoutingEngine } from '../models/remote/routing-engine';
import { FakeEngine } from '../test/fake-engine';
import { delta, fakeServer, sse } from '../test/fake-openai-server';
import { activeConversation, createSensaStore, type Preferences } from './store';
import { exportJson, exportMarkdown, parseImport } from './transfer';

const KEY = 'sk-live-DO-NOT-EXPORT-7f3a';
const SERVER: RemoteServer = { id: 'home', baseUrl: 'http://gpu-box.lan:8000/v1', apiKey: KEY, models: [{ name: 'llama-4-scout', audio: false }] };
const SPEC = remoteSpec(SERVER, SERVER.models[0]!);

function setup() {
  const server = fakeServer({ models: { data: [{ id: 'llama-4-scout' }] }, pieces: sse(delta('From '), delta('the box.', 'stop'), '[DONE]') });
  const local = new FakeEngine({ words: ['local'] });
  const routing = new RoutingEngine(local, new RemoteEngine({ servers: () => [SERVER], fetch: server.fetch }));
  const saved: Preferences[] = [];
  const store = createSensaStore({
    engine: routing,
    connectRemote: (endpoint, signal) => routing.connectRemote(endpoint, signal),
    catalog: [...CATALOG, SPEC],
    probe: async () => ({ webgpu: false, shaderF16: false, adapter: null, maxBufferSize: 0, maxStorageBufferBindingSize: 0, webgpuProblem: { kind: 'absent' } }),
    preferences: { load: () => ({}), save: (p) => saved.push(p) },
    loadConversations: async () => [],
  });
  return { store, local, server, saved };
}

describe('a model on the person’s server', () => {
  it('answers through the same engine interface, marked with its host, and the key is in no export', async () => {
    const { store, local, server, saved } = setup();
    await store.getState().init();
    store.getState().selectModel(SPEC.id);
    await store.getState().loadModel();
    expect(store.getState().model).toMatchObject({ phase: 'ready', choice: { device: 'remote', host: 'gpu-box.lan:8000' } });
    // Connecting is asking the server, not downloading anything to this device.
    expect(local.loads).toEqual([]);
    await store.getState().send('Hello');
    const answer = activeConversation(store.getState()).messages[1];
    expect(answer).toMatchObject({ content: 'From the box.', status: 'done', answer: { device: 'remote', dtype: null, host: 'gpu-box.lan:8000', modelId: SPEC.id } });
    expect(server.requests.map((r) => r.url)).toEqual(['http://gpu-box.lan:8000/v1/models', 'http://gpu-box.lan:8000/v1/chat/completions']);

    const conversations = Object.values(store.getState().conversations);
    const json = await exportJson(conversations, async () => undefined);
    const markdown = exportMarkdown(conversations[0]!);
    expect(json).toContain('gpu-box.lan:8000');
    expect(markdown).toContain('on gpu-box.lan:8000');
    for (const text of [json, markdown, JSON.stringify(store.getState().conversations), JSON.stringify(saved)]) expect(text).not.toContain(KEY);
    // The export reads back, remote answers included.
    expect(parseImport(json, new Set()).conversations).toHaveLength(1);
  });

  it('a local model loaded afterwards answers from this device again', async () => {
    const { store, server } = setup();
    await store.getState().init();
    store.getState().selectModel(SPEC.id);
    await store.getState().loadModel();
    store.getState().selectModel(CATALOG.find((m) => m.task === 'chat')!.id);
    store.getState().setPreference('devicePreference', 'wasm');
    await store.getState().loadModel();
    await store.getState().send('Hi');
    expect(activeConversation(store.getState()).messages[1]).toMatchObject({ content: 'local', answer: { device: 'wasm' } });
    expect(server.requests.filter((r) => r.url.endsWith('/chat/completions'))).toEqual([]);
  });
});
