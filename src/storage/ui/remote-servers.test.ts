import { describe, expect, it } from 'vitest';
import { createRemoteServerStorage, parseRemoteServers } from './remote-servers';

function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe('remote server storage', () => {
  it('round-trips the servers under a versioned record', () => {
    const storage = memory();
    const servers = createRemoteServerStorage(storage);
    const list = [{ id: 'a', baseUrl: 'http://box:8000/v1', apiKey: 'k', models: [{ name: 'm', audio: true }] }];
    servers.save(list);
    expect(JSON.parse(storage.items.get('sensa.remote-servers') ?? '')).toMatchObject({ version: 1 });
    expect(servers.load()).toEqual(list);
  });

  it('drops malformed entries, not the list, and reads garbage as no servers', () => {
    expect(parseRemoteServers({ servers: [{ id: 'a', baseUrl: 'javascript:alert(1)' }, { id: 'b', baseUrl: 'http://ok:1/v1', apiKey: '', models: [{}, { name: 'x' }] }, 7] })).toEqual([
      { id: 'b', baseUrl: 'http://ok:1/v1', apiKey: null, models: [{ name: 'x', audio: false }] },
    ]);
    const broken = memory();
    broken.setItem('sensa.remote-servers', '{not json');
    expect(createRemoteServerStorage(broken).load()).toEqual([]);
  });
});
