// Where a server the person added is: its address checked and normalized, its origin for the page's policy, and
// the model specs its picked models appear as in the picker.

import type { ModelSpec } from '../../domain/model';
import type { RemoteEndpoint, RemoteModel, RemoteServer } from '../../domain/remote';

export const REMOTE_ARCHITECTURE = 'remote';

/**
 * "http://box:11434", "http://box:8000/v1/" or "box:1234" all become ".../v1". A mistake is said in words, as the
 * person typed it, and nothing is saved.
 */
export function normalizeBaseUrl(input: string): { ok: true; baseUrl: string; origin: string } | { ok: false; message: string } {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Type the server’s address, for example http://192.168.1.20:11434.' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return { ok: false, message: `“${text}” is not an address Sensa can read.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'Only http:// and https:// servers can be added.' };
  if (url.username || url.password) return { ok: false, message: 'Put the API key in its own field, not in the address.' };
  if (url.search || url.hash) return { ok: false, message: 'The address must not carry a query (?…) or a fragment (#…).' };
  const path = url.pathname.replace(/\/+$/, '');
  const base = `${url.origin}${path.endsWith('/v1') ? path : `${path}/v1`}`;
  return { ok: true, baseUrl: base, origin: url.origin };
}

export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

export function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/** The words every remote model carries wherever it is named: where it runs, and that messages go there. */
export function remoteMarker(host: string): string {
  return `on ${host}: messages leave this device`;
}

export function remoteModelId(serverId: string, model: string): string {
  return `remote:${serverId}:${model}`;
}

/** The picker's entry for a model on a server: what it takes is what the server said, nothing is downloaded. */
export function remoteSpec(server: RemoteServer, model: RemoteModel): ModelSpec {
  const host = hostOf(server.baseUrl);
  const remote: RemoteEndpoint = { serverId: server.id, baseUrl: server.baseUrl, host, model: model.name };
  return {
    id: remoteModelId(server.id, model.name),
    name: `${model.name} on ${host}`,
    repo: server.baseUrl,
    revision: '',
    architecture: REMOTE_ARCHITECTURE,
    task: 'chat',
    // The OpenAI API carries pictures as image_url parts; a server whose model cannot see says so in its error.
    inputs: model.audio ? ['text', 'image', 'audio'] : ['text', 'image'],
    outputs: ['text'],
    reasoning: false,
    contextLength: 0,
    license: 'set by your server',
    summary: `Runs ${remoteMarker(host)}.`,
    defaults: { temperature: 0.7, topP: 0.95, topK: 40, repetitionPenalty: 1, maxNewTokens: 1024 },
    dtypes: {},
    media: { maxImages: 8, maxAudioSeconds: model.audio ? 300 : 0, videoFrames: 0 },
    notes: ['Added by the person in Settings; the server chooses the weights.'],
    remote,
  };
}

export function remoteSpecs(servers: readonly RemoteServer[]): ModelSpec[] {
  return servers.flatMap((server) => server.models.map((model) => remoteSpec(server, model)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * GET /v1/models: `{ data: [{ id }] }`. The OpenAI schema has no field for what a model hears, so audio is taken
 * only from the fields some servers add (`capabilities`, `modalities`, `input_modalities`) when they name audio.
 */
export function parseModelListing(body: unknown): RemoteModel[] | null {
  if (!isRecord(body) || !Array.isArray(body.data)) return null;
  const models: RemoteModel[] = [];
  for (const entry of body.data) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') continue;
    const declared = [entry.capabilities, entry.modalities, entry.input_modalities].flatMap((v) => (Array.isArray(v) ? v : []));
    models.push({ name: entry.id, audio: declared.includes('audio') });
  }
  return models;
}
