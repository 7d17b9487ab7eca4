// The model catalog: real Hub models as data (catalog.json), checked once into typed ModelSpecs.

import catalogData from './catalog.json';
import type { Device, Dtype, EmbeddingSpec, MediaLimits, Modality, ModelSpec, ThinkingTags, Voice, DtypeFiles } from '../domain/model';

const DTYPES: readonly Dtype[] = ['fp32', 'fp16', 'q4', 'q4f16', 'q8'];
const MODALITIES: readonly Modality[] = ['text', 'image', 'audio', 'video'];

function fail(where: string, what: string): never {
  throw new Error(`catalog.json: ${where}: ${what}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(entry: Record<string, unknown>, key: string, where: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value === '') fail(where, `${key} must be a non-empty string`);
  return value;
}

function num(entry: Record<string, unknown>, key: string, where: string): number {
  const value = entry[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(where, `${key} must be a number ≥ 0`);
  return value;
}

function modalities(value: unknown, where: string): Modality[] {
  if (!Array.isArray(value) || value.length === 0) fail(where, 'modalities must be a non-empty list');
  return value.map((m) => (MODALITIES.includes(m as Modality) ? (m as Modality) : fail(where, `unknown modality ${String(m)}`)));
}

/** Parses the catalog strictly: a malformed entry is a bug in the data, found at start-up, not at load time. */
export function parseCatalog(data: unknown): ModelSpec[] {
  if (!isRecord(data) || !Array.isArray(data.models)) fail('root', 'expected { version, models: [] }');
  const seen = new Set<string>();
  return data.models.map((raw, index) => {
    if (!isRecord(raw)) fail(`models[${index}]`, 'expected an object');
    const id = str(raw, 'id', `models[${index}]`);
    if (seen.has(id)) fail(id, 'duplicate id');
    seen.add(id);
    const defaultsRaw = isRecord(raw.defaults) ? raw.defaults : fail(id, 'defaults missing');
    const dtypesRaw = isRecord(raw.dtypes) ? raw.dtypes : fail(id, 'dtypes missing');
    const dtypes: Partial<Record<Dtype, DtypeFiles>> = {};
    for (const [dtype, value] of Object.entries(dtypesRaw)) {
      if (!DTYPES.includes(dtype as Dtype)) fail(id, `unknown dtype ${dtype}`);
      if (!isRecord(value) || !Array.isArray(value.files) || value.files.length === 0) fail(id, `${dtype}.files must be a non-empty list`);
      let sessions: Record<string, Dtype> | undefined;
      if (value.sessions !== undefined) {
        if (!isRecord(value.sessions)) fail(id, `${dtype}.sessions must map session names to dtypes`);
        sessions = {};
        for (const [session, sessionDtype] of Object.entries(value.sessions)) {
          if (!DTYPES.includes(sessionDtype as Dtype)) fail(id, `${dtype}.sessions.${session}: unknown dtype ${String(sessionDtype)}`);
          sessions[session] = sessionDtype as Dtype;
        }
      }
      let devices: Device[] | undefined;
      if (value.devices !== undefined) {
        if (!Array.isArray(value.devices) || value.devices.some((d) => d !== 'webgpu' && d !== 'wasm')) fail(id, `${dtype}.devices must list webgpu and/or wasm`);
        devices = value.devices as Device[];
      }
      dtypes[dtype as Dtype] = {
        ...(sessions ? { sessions } : {}),
        ...(devices ? { devices } : {}),
        files: value.files.map((file, i) => {
          if (!isRecord(file)) fail(id, `${dtype}.files[${i}] must be an object`);
          // null: the size is not known yet (the Hub listing could not be checked); the UI says so.
          const bytes = file.bytes === null ? null : num(file, 'bytes', `${id}.${dtype}`);
          return { path: str(file, 'path', `${id}.${dtype}`), bytes };
        }),
      };
    }
    if (Object.keys(dtypes).length === 0) fail(id, 'no dtypes');
    const task = raw.task ?? 'chat';
    if (task !== 'chat' && task !== 'speech-recognition' && task !== 'text-to-speech' && task !== 'feature-extraction' && task !== 'text-to-image') fail(id, `unknown task ${String(task)}`);
    let voices: Voice[] | undefined;
    if (raw.voices !== undefined) {
      if (!Array.isArray(raw.voices) || raw.voices.length === 0) fail(id, 'voices must be a non-empty list');
      voices = raw.voices.map((v, i) => {
        if (!isRecord(v)) fail(id, `voices[${i}] must be an object`);
        return { id: str(v, 'id', `${id}.voices`), name: str(v, 'name', `${id}.voices`), path: str(v, 'path', `${id}.voices`) };
      });
    }
    let speechLanguages: string[] | undefined;
    if (raw.speechLanguages !== undefined) {
      if (!Array.isArray(raw.speechLanguages) || raw.speechLanguages.length === 0 || !raw.speechLanguages.every((l) => typeof l === 'string' && /^[a-z]{2,3}$/.test(l)))
        fail(id, 'speechLanguages must be a non-empty list of ISO 639 codes');
      speechLanguages = raw.speechLanguages as string[];
    }
    let media: MediaLimits | undefined;
    if (raw.media !== undefined) {
      if (!isRecord(raw.media)) fail(id, 'media must be an object');
      media = {
        maxImages: num(raw.media, 'maxImages', `${id}.media`),
        maxAudioSeconds: num(raw.media, 'maxAudioSeconds', `${id}.media`),
        videoFrames: num(raw.media, 'videoFrames', `${id}.media`),
        ...(raw.media.maxAudioClips === undefined ? {} : { maxAudioClips: num(raw.media, 'maxAudioClips', `${id}.media`) }),
      };
    }
    let thinking: ThinkingTags | undefined;
    if (raw.thinking !== undefined) {
      if (!isRecord(raw.thinking)) fail(id, 'thinking must be { open, close }');
      thinking = { open: str(raw.thinking, 'open', `${id}.thinking`), close: str(raw.thinking, 'close', `${id}.thinking`) };
      if (raw.reasoning !== true) fail(id, 'thinking tags on a model without reasoning');
    }
    let embedding: EmbeddingSpec | undefined;
    if (raw.embedding !== undefined) {
      if (!isRecord(raw.embedding)) fail(id, 'embedding must be an object');
      const e = raw.embedding;
      if (typeof e.queryPrefix !== 'string' || typeof e.passagePrefix !== 'string') fail(id, 'embedding prefixes must be strings');
      if (e.pooling !== 'mean' && e.pooling !== 'cls') fail(id, 'embedding.pooling must be mean or cls');
      embedding = { queryPrefix: e.queryPrefix, passagePrefix: e.passagePrefix, pooling: e.pooling, dimensions: num(e, 'dimensions', `${id}.embedding`) };
    }
    if (task === 'feature-extraction' && !embedding) fail(id, 'an embedding model needs an embedding block');
    const notes = raw.notes ?? [];
    if (!Array.isArray(notes) || notes.some((n) => typeof n !== 'string')) fail(id, 'notes must be a list of strings');
    return {
      id,
      name: str(raw, 'name', id),
      repo: str(raw, 'repo', id),
      revision: str(raw, 'revision', id),
      architecture: str(raw, 'architecture', id),
      task,
      inputs: modalities(raw.inputs, id),
      outputs: modalities(raw.outputs, id),
      reasoning: raw.reasoning === true,
      contextLength: num(raw, 'contextLength', id),
      license: str(raw, 'license', id),
      summary: str(raw, 'summary', id),
      defaults: {
        temperature: num(defaultsRaw, 'temperature', id),
        topP: num(defaultsRaw, 'topP', id),
        topK: num(defaultsRaw, 'topK', id),
        repetitionPenalty: num(defaultsRaw, 'repetitionPenalty', id),
        maxNewTokens: num(defaultsRaw, 'maxNewTokens', id),
      },
      dtypes,
      ...(media ? { media } : {}),
      ...(voices ? { voices } : {}),
      ...(speechLanguages ? { speechLanguages } : {}),
      ...(thinking ? { thinking } : {}),
      ...(embedding ? { embedding } : {}),
      notes: notes as string[],
    };
  });
}

export const CATALOG: readonly ModelSpec[] = parseCatalog(catalogData);

/**
 * Models on servers the person added, set once at boot from the stored list: adding or removing a server reloads the
 * page (its connect-src policy is written at boot), so the list never changes while the page lives.
 */
let remoteModels: readonly ModelSpec[] = [];

export function registerRemoteModels(specs: readonly ModelSpec[]): void {
  remoteModels = specs;
}

/** The picker's second group: each entry says which host it runs on and that messages leave this device. */
export function remoteChatModels(): readonly ModelSpec[] {
  return remoteModels;
}

export function findModel(id: string): ModelSpec | undefined {
  return CATALOG.find((m) => m.id === id) ?? remoteModels.find((m) => m.id === id);
}

/** The models a person chats with, in catalog order. */
export const CHAT_MODELS: readonly ModelSpec[] = CATALOG.filter((m) => m.task === 'chat');

/** The local speech recognizer that gives text models a transcript to read. */
export const RECOGNIZER: ModelSpec | undefined = CATALOG.find((m) => m.task === 'speech-recognition');

/** The local embedding model that documents are retrieved with. */
export const EMBEDDER: ModelSpec | undefined = CATALOG.find((m) => m.task === 'feature-extraction');

/** The local voice that reads answers aloud. */
export const VOICE_MODEL: ModelSpec | undefined = CATALOG.find((m) => m.task === 'text-to-speech');

/** The model that draws pictures (Janus-Pro); it lives beside the chat model in the same worker. */
export const IMAGE_MODEL: ModelSpec | undefined = CATALOG.find((m) => m.task === 'text-to-image');

export function takes(spec: ModelSpec, modality: Modality): boolean {
  return spec.inputs.includes(modality);
}

/** The download size of one variant, or null when any of its files has no known size. */
export function downloadBytes(spec: ModelSpec, dtype: Dtype): number | null {
  const files = spec.dtypes[dtype]?.files ?? [];
  if (files.some((f) => f.bytes === null)) return null;
  return files.reduce((sum, f) => sum + (f.bytes ?? 0), 0);
}
