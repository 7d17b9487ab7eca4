// The servers the person added, in this origin's localStorage: read synchronously at boot, before the page's
// connect-src policy is written (src/app/connect-policy.ts), and before anything renders.

import type { RemoteModel, RemoteServer } from '../../domain/remote';

const STORAGE_KEY = 'sensa.remote-servers';
export const REMOTE_SERVERS_VERSION = 1;

export interface RemoteServerStorage {
  load(): RemoteServer[];
  save(servers: RemoteServer[]): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function model(value: unknown): RemoteModel | null {
  if (!isRecord(value) || typeof value.name !== 'string' || value.name === '') return null;
  return { name: value.name, audio: value.audio === true };
}

/** Reads whatever was stored forgivingly: a malformed entry is dropped, never the whole list. */
export function parseRemoteServers(raw: unknown): RemoteServer[] {
  if (!isRecord(raw) || !Array.isArray(raw.servers)) return [];
  const servers: RemoteServer[] = [];
  for (const entry of raw.servers) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || typeof entry.baseUrl !== 'string') continue;
    let url: URL;
    try {
      url = new URL(entry.baseUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const models = Array.isArray(entry.models) ? entry.models.map(model).filter((m): m is RemoteModel => m !== null) : [];
    servers.push({ id: entry.id, baseUrl: entry.baseUrl, apiKey: typeof entry.apiKey === 'string' && entry.apiKey !== '' ? entry.apiKey : null, models });
  }
  return servers;
}

export function createRemoteServerStorage(storage: Pick<Storage, 'getItem' | 'setItem'> | null = globalThis.localStorage ?? null): RemoteServerStorage {
  return {
    load() {
      try {
        const text = storage?.getItem(STORAGE_KEY);
        return parseRemoteServers(text ? JSON.parse(text) : null);
      } catch {
        return [];
      }
    },
    save(servers) {
      // Unlike preferences, a server that silently failed to save would vanish on the reload that allows it: say so.
      if (!storage) throw new Error('This browser keeps no local storage here, so a server cannot be remembered.');
      storage.setItem(STORAGE_KEY, JSON.stringify({ version: REMOTE_SERVERS_VERSION, servers }));
    },
  };
}
