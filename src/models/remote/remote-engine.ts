// Talks to a server the person added over the OpenAI-compatible chat API: lists its models, streams an answer, stops.
// The key is read from the stored server at request time and only ever goes into the Authorization header.

import type { RemoteEndpoint, RemoteModel, RemoteServer } from '../../domain/remote';
import type { ChatTurn, FinishReason } from '../../domain/turn';
import { SPEECH_SAMPLE_RATE } from '../../domain/turn';
import { AppError } from '../../shared/errors';
import type { CallOptions, GenerateEvent, GeneratePayload, GenerateResult } from '../../worker/protocol';
import { hostOf, parseModelListing } from './endpoint';
import { errorForFailure, errorForStatus } from './errors';
import { readChatStream } from './sse';

export interface RemoteEngineOptions {
  /** The stored servers, read at each request so a key changed in Settings is used at once. */
  servers: () => readonly RemoteServer[];
  fetch?: typeof fetch;
  /** How long the server may stay silent (before its headers, or between two chunks). Loading a big model takes a while. */
  silenceMs?: number;
}

type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'input_audio'; input_audio: { data: string; format: 'wav' } };

interface ApiMessage {
  role: ChatTurn['role'];
  content: string | ContentPart[];
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode over megabytes of audio at once overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Mono float32 samples at 16 kHz as a 16-bit PCM WAV file, the one audio format every input_audio server reads. */
export function wavFromPcm(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, SPEECH_SAMPLE_RATE, true);
  view.setUint32(28, SPEECH_SAMPLE_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, Math.max(-1, Math.min(1, s)) * 0x7fff, true));
  return out;
}

/** The conversation as the API's messages: pictures as image_url data URLs, sound as input_audio where the model hears. */
export async function toApiMessages(turns: readonly ChatTurn[], endpoint: RemoteEndpoint, hears: boolean): Promise<ApiMessage[]> {
  return Promise.all(
    turns.map(async (turn): Promise<ApiMessage> => {
      if (!turn.media?.length) return { role: turn.role, content: turn.content };
      const parts: ContentPart[] = [];
      for (const media of turn.media) {
        if (media.kind === 'image') {
          const bytes = new Uint8Array(await media.image.arrayBuffer());
          parts.push({ type: 'image_url', image_url: { url: `data:${media.image.type || 'image/png'};base64,${base64(bytes)}` } });
        } else {
          if (!hears) throw new AppError('unsupported-input', `${endpoint.host} did not say that ${endpoint.model} hears sound, so the recording was not sent.`);
          const samples = new Float32Array(await media.pcm.arrayBuffer());
          parts.push({ type: 'input_audio', input_audio: { data: base64(wavFromPcm(samples)), format: 'wav' } });
        }
      }
      if (turn.content) parts.push({ type: 'text', text: turn.content });
      return { role: turn.role, content: parts };
    }),
  );
}

const FINISH: Record<string, FinishReason> = { stop: 'eos', length: 'length' };

export class RemoteEngine {
  private readonly fetch: typeof fetch;
  private readonly silenceMs: number;

  constructor(private readonly options: RemoteEngineOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.silenceMs = options.silenceMs ?? 120_000;
  }

  private server(serverId: string): RemoteServer {
    const server = this.options.servers().find((s) => s.id === serverId);
    if (!server) throw new AppError('not-loaded', 'This server was removed in Settings.');
    return server;
  }

  /**
   * One request with the person's signal and a silence watchdog: `onStart` gets a `heard()` to call whenever bytes
   * arrive, so a long answer that keeps streaming is never cut, and a server that goes quiet is.
   */
  private async request<T>(
    url: string,
    init: { method: 'GET' | 'POST'; apiKey: string | null; body?: unknown },
    signal: AbortSignal | undefined,
    what: { host: string; model?: string },
    read: (response: Response, heard: () => void) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.silenceMs);
    };
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) controller.abort();
    heard();
    try {
      const headers: Record<string, string> = { Accept: init.method === 'POST' ? 'text/event-stream' : 'application/json' };
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      if (init.apiKey) headers.Authorization = `Bearer ${init.apiKey}`;
      const response = await this.fetch(url, {
        method: init.method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: controller.signal,
        // No cookies or referrer to someone else's server: it gets the key the person gave it, nothing more.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
      });
      heard();
      if (!response.ok) throw errorForStatus(response.status, await response.text().catch(() => ''), what);
      return await read(response, heard);
    } catch (error) {
      throw errorForFailure(error, { host: what.host, timedOut });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** GET /v1/models on an address and key not saved yet (Settings) or saved (connecting). */
  async listModels(baseUrl: string, apiKey: string | null, signal?: AbortSignal): Promise<RemoteModel[]> {
    const host = hostOf(baseUrl);
    return this.request(`${baseUrl}/models`, { method: 'GET', apiKey }, signal, { host }, async (response) => {
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new AppError('remote-bad-response', `${host} did not answer /v1/models with JSON: is this an OpenAI-compatible server?`);
      }
      const models = parseModelListing(body);
      if (!models) throw new AppError('remote-bad-response', `${host}’s /v1/models has no model list (expected { data: [{ id }] }).`);
      return models;
    });
  }

  /** Checks the server answers and still serves the model, so a mistake shows when the person picks it, not mid-chat. */
  async connect(endpoint: RemoteEndpoint, signal?: AbortSignal): Promise<void> {
    const server = this.server(endpoint.serverId);
    const models = await this.listModels(server.baseUrl, server.apiKey, signal);
    if (!models.some((m) => m.name === endpoint.model)) {
      throw new AppError('remote-model-not-found', `${endpoint.host} no longer lists the model “${endpoint.model}”.`);
    }
  }

  async generate(endpoint: RemoteEndpoint, payload: GeneratePayload, options: CallOptions<GenerateEvent> = {}): Promise<GenerateResult> {
    const server = this.server(endpoint.serverId);
    const hears = server.models.find((m) => m.name === endpoint.model)?.audio === true;
    const messages = await toApiMessages(payload.turns, endpoint, hears);
    const started = performance.now();
    let text = '';
    let chunks = 0;
    let firstAt: number | null = null;
    const body = {
      model: endpoint.model,
      messages,
      stream: true,
      temperature: payload.settings.temperature,
      top_p: payload.settings.topP,
      max_tokens: payload.settings.maxNewTokens,
    };
    const result = (finishReason: FinishReason): GenerateResult => {
      const seconds = firstAt === null ? 0 : (performance.now() - firstAt) / 1000;
      return {
        text,
        // Servers send about one token per chunk; the exact count is theirs (usage), which not all of them stream.
        tokens: chunks,
        finishReason,
        timeToFirstTokenMs: firstAt === null ? 0 : firstAt - started,
        tokensPerSecond: seconds > 0 ? chunks / seconds : 0,
        promptTokens: 0,
        reusedTokens: 0,
      };
    };
    try {
      const finish = await this.request(
        `${server.baseUrl}/chat/completions`,
        { method: 'POST', apiKey: server.apiKey, body },
        options.signal,
        { host: endpoint.host, model: endpoint.model },
        async (response, heard) => {
          if (!response.body) throw new AppError('remote-bad-response', `${endpoint.host} sent no body.`);
          return readChatStream(response.body, (chunk) => {
            heard();
            if (!chunk.text) return;
            firstAt ??= performance.now();
            text += chunk.text;
            chunks += 1;
            options.onEvent?.({ type: 'delta', text: chunk.text, tokens: chunks });
          });
        },
      );
      return result(FINISH[finish ?? 'stop'] ?? 'eos');
    } catch (error) {
      // Stop ends an answer as it does for a local model: what arrived is kept.
      if (error instanceof AppError && error.code === 'aborted' && options.signal?.aborted) return result('stopped');
      throw error;
    }
  }
}
