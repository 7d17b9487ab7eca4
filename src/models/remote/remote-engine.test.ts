import { describe, expect, it, vi } from 'vitest';
import type { RemoteServer } from '../../domain/remote';
import type { GenerationSettings } from '../../domain/turn';
import { delta, fakeServer, sse, type FakeServerScript } from '../../test/fake-openai-server';
import { normalizeBaseUrl, parseModelListing, remoteSpec } from './endpoint';
import { errorForFailure, errorForStatus } from './errors';
import { RemoteEngine, wavFromPcm } from './remote-engine';

const KEY = 'sk-test-SECRET-4242';
const SERVER: RemoteServer = { id: 's1', baseUrl: 'http://gpu-box.lan:8000/v1', apiKey: KEY, models: [{ name: 'llama-4-scout', audio: false }, { name: 'qwen-omni', audio: true }] };
const ENDPOINT = remoteSpec(SERVER, SERVER.models[0]!).remote!;
const HEARING = remoteSpec(SERVER, SERVER.models[1]!).remote!;
const SETTINGS: GenerationSettings = { temperature: 0.2, topP: 0.9, topK: 40, repetitionPenalty: 1, maxNewTokens: 64, enableThinking: false };

function engine(script: FakeServerScript, silenceMs?: number) {
  const server = fakeServer(script);
  return { remote: new RemoteEngine({ servers: () => [SERVER], fetch: server.fetch, ...(silenceMs ? { silenceMs } : {}) }), requests: server.requests };
}

describe('RemoteEngine', () => {
  it('streams an answer from POST /v1/chat/completions with stream: true, the key only in Authorization', async () => {
    const { remote, requests } = engine({ pieces: sse(delta('Hi'), delta(' there'), delta('', 'stop'), '[DONE]') });
    const deltas: string[] = [];
    const result = await remote.generate(ENDPOINT, { turns: [{ role: 'user', content: 'Hello' }], settings: SETTINGS }, { onEvent: (e) => deltas.push(e.text) });
    expect(deltas).toEqual(['Hi', ' there']);
    expect(result).toMatchObject({ text: 'Hi there', tokens: 2, finishReason: 'eos' });
    const [request] = requests;
    expect(request?.url).toBe('http://gpu-box.lan:8000/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toEqual({ model: 'llama-4-scout', messages: [{ role: 'user', content: 'Hello' }], stream: true, temperature: 0.2, top_p: 0.9, max_tokens: 64 });
    expect(JSON.stringify(request?.body)).not.toContain(KEY);
  });

  it('Stop aborts the request and keeps what arrived, as a stopped answer', async () => {
    const { remote } = engine({ pieces: sse(delta('Once upon')), hang: true });
    const controller = new AbortController();
    const result = await remote.generate(ENDPOINT, { turns: [{ role: 'user', content: 'Tell a story' }], settings: SETTINGS }, {
      signal: controller.signal,
      onEvent: () => controller.abort(),
    });
    expect(result).toMatchObject({ text: 'Once upon', finishReason: 'stopped' });
  });

  it('sends pictures as image_url data URLs, and sound as input_audio WAV only where the server declared it', async () => {
    const { remote, requests } = engine({ pieces: sse(delta('ok', 'stop'), '[DONE]') });
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    const pcm = new Blob([new Float32Array([0, 0.5, -0.5, 1]).buffer]);
    await remote.generate(HEARING, { turns: [{ role: 'user', content: 'What is this?', media: [{ kind: 'image', image: png }, { kind: 'audio', pcm }] }], settings: SETTINGS });
    const content = (requests[0]?.body as { messages: { content: unknown }[] }).messages[0]?.content;
    expect(content).toEqual([
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } },
      { type: 'input_audio', input_audio: { format: 'wav', data: Buffer.from(wavFromPcm(new Float32Array([0, 0.5, -0.5, 1]))).toString('base64') } },
      { type: 'text', text: 'What is this?' },
    ]);
    const deaf = engine({ pieces: sse(delta('ok', 'stop'), '[DONE]') });
    const refused = deaf.remote.generate(ENDPOINT, { turns: [{ role: 'user', content: '', media: [{ kind: 'audio', pcm }] }], settings: SETTINGS });
    await expect(refused).rejects.toMatchObject({ code: 'unsupported-input', message: expect.stringContaining('did not say that llama-4-scout hears sound') });
    expect(deaf.requests).toEqual([]);
  });

  it('names each failure: unauthorized, model not found, timeout, unreachable, bad response', async () => {
    const turns = { turns: [{ role: 'user' as const, content: 'x' }], settings: SETTINGS };
    await expect(engine({ status: 401, errorBody: '{"error":{"message":"invalid api key"}}' }).remote.generate(ENDPOINT, turns)).rejects.toMatchObject({ code: 'remote-unauthorized', message: expect.stringContaining('invalid api key') });
    await expect(engine({ status: 404, errorBody: '{"error":"model \\"llama-4-scout\\" not found"}' }).remote.generate(ENDPOINT, turns)).rejects.toMatchObject({ code: 'remote-model-not-found' });
    await expect(engine({ silent: true }, 30).remote.generate(ENDPOINT, turns)).rejects.toMatchObject({ code: 'remote-timeout' });
    // A server that starts and then goes quiet is cut too: the watchdog counts silence, not the whole answer.
    await expect(engine({ pieces: sse(delta('a')), hang: true }, 30).remote.generate(ENDPOINT, turns)).rejects.toMatchObject({ code: 'remote-timeout' });
    const down = new RemoteEngine({ servers: () => [SERVER], fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(down.generate(ENDPOINT, turns)).rejects.toMatchObject({ code: 'remote-unreachable', message: expect.stringContaining('gpu-box.lan:8000') });
    await expect(engine({ status: 500, errorBody: 'boom' }).remote.generate(ENDPOINT, turns)).rejects.toMatchObject({ code: 'remote-bad-response', message: expect.stringContaining('HTTP 500') });
  });

  it('lists models and checks on connect that the server still serves the picked one', async () => {
    const models = { object: 'list', data: [{ id: 'llama-4-scout', object: 'model' }, { id: 'whisper-chat', capabilities: ['completion', 'audio'] }] };
    const { remote, requests } = engine({ models });
    expect(await remote.listModels(SERVER.baseUrl, null)).toEqual([{ name: 'llama-4-scout', audio: false }, { name: 'whisper-chat', audio: true }]);
    expect(requests[0]?.headers.authorization).toBeUndefined();
    await expect(remote.connect(ENDPOINT)).resolves.toBeUndefined();
    await expect(remote.connect(HEARING)).rejects.toMatchObject({ code: 'remote-model-not-found' });
    await expect(engine({ models: { nope: true } }).remote.listModels(SERVER.baseUrl, null)).rejects.toMatchObject({ code: 'remote-bad-response' });
  });

  it('never logs the key, not even when the server refuses it', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => undefined));
    const error = await engine({ status: 403, errorBody: `{"error":"bad key ${KEY.slice(0, 3)}…"}` })
      .remote.generate(ENDPOINT, { turns: [{ role: 'user', content: 'x' }], settings: SETTINGS })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'remote-unauthorized' });
    expect(String((error as Error).message)).not.toContain(KEY);
    for (const spy of spies) {
      for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toContain(KEY);
      spy.mockRestore();
    }
  });
});

describe('server addresses and listings', () => {
  it('normalizes what people type into a /v1 base, and refuses what cannot be one', () => {
    expect(normalizeBaseUrl('http://192.168.1.20:11434')).toEqual({ ok: true, baseUrl: 'http://192.168.1.20:11434/v1', origin: 'http://192.168.1.20:11434' });
    expect(normalizeBaseUrl(' gpu-box:8000/v1/ ')).toEqual({ ok: true, baseUrl: 'http://gpu-box:8000/v1', origin: 'http://gpu-box:8000' });
    expect(normalizeBaseUrl('https://llm.example.org/openai')).toMatchObject({ ok: true, baseUrl: 'https://llm.example.org/openai/v1' });
    expect(normalizeBaseUrl('')).toMatchObject({ ok: false });
    expect(normalizeBaseUrl('ftp://box')).toMatchObject({ ok: false, message: expect.stringContaining('http') });
    expect(normalizeBaseUrl('http://user:sk-1@box')).toMatchObject({ ok: false, message: expect.stringContaining('API key') });
    expect(normalizeBaseUrl('http://box/?x=1')).toMatchObject({ ok: false });
  });

  it('reads a model listing forgivingly and hearing only where declared', () => {
    expect(parseModelListing({ data: [{ id: 'a' }, { id: '' }, 'junk', { id: 'b', input_modalities: ['text', 'audio'] }] })).toEqual([{ name: 'a', audio: false }, { name: 'b', audio: true }]);
    expect(parseModelListing({ models: [] })).toBeNull();
  });

  it('maps statuses and failures to named errors', () => {
    expect(errorForStatus(403, '', { host: 'h' }).code).toBe('remote-unauthorized');
    expect(errorForStatus(404, '', { host: 'h' }).message).toContain('no OpenAI-compatible API');
    expect(errorForStatus(504, '', { host: 'h' }).code).toBe('remote-timeout');
    expect(errorForFailure(new DOMException('x', 'AbortError'), { host: 'h', timedOut: false }).code).toBe('aborted');
    expect(errorForFailure(new DOMException('x', 'AbortError'), { host: 'h', timedOut: true }).code).toBe('remote-timeout');
  });
});
