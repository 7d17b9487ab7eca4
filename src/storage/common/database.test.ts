import 'fake-indexeddb/auto';
import { createStore, get as idbGet, set as idbSet, setMany } from 'idb-keyval';
import { afterEach, describe, expect, it } from 'vitest';
import legacyFixture from './fixtures/legacy-databases.json';
import { createConversationRepository, openConversationStore } from '../ui/conversations';
import { DATABASE_VERSION, openSensaDatabase, sensaStore, type MoveProgress, type SensaDatabase, type StoreName } from './database';
import { createMediaStore } from '../ui/media-store';
import { createModelFileCache } from './model-file-cache';
import { createPartialDownloads } from '../worker/partial-downloads';
import { createPinnedFetch } from './revision-pin';

interface FixtureDatabase {
  database: string;
  store: string;
  records: [string, unknown][];
}
const OLD = legacyFixture.databases as FixtureDatabase[];
const INTO: Record<string, StoreName> = {
  'sensa-conversations': 'conversations',
  'sensa-media': 'media',
  'sensa-model-files': 'model-files',
  'sensa-partial-downloads': 'partial-downloads',
  'sensa-revision-pins': 'revision-pins',
};
const STORES = Object.values(INTO);
const NAME = 'sensa';
const MODEL = 'https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX/resolve/main';

type EncodedBlob = { $blob: { type: string; base64: string } };
const isEncodedBlob = (v: unknown): v is EncodedBlob => typeof v === 'object' && v !== null && '$blob' in v;

/** The fixture's values as they were stored: Blobs where it says so. */
function revive(value: unknown): unknown {
  if (isEncodedBlob(value)) return new Blob([Buffer.from(value.$blob.base64, 'base64')], { type: value.$blob.type });
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  return value;
}

/** The other way, so a stored record compares with the fixture byte for byte. */
async function encode(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { $blob: { type: value.type, base64: Buffer.from(await value.arrayBuffer()).toString('base64') } };
  if (Array.isArray(value)) return Promise.all(value.map(encode));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await encode(v)])));
  return value;
}

/** Writes the five databases as the previous release did: idb-keyval's createStore, then the tab closes (unless kept open). */
async function writeOldDatabases({ keepOpen = [] as string[] } = {}): Promise<(() => void)[]> {
  const closers: (() => void)[] = [];
  for (const { database, store, records } of OLD) {
    const old = createStore(database, store);
    await setMany(records.map(([key, value]) => [key, revive(value)]), old);
    const close = () => void old('readonly', (s) => s.transaction.db.close());
    if (keepOpen.includes(database)) closers.push(close);
    else close();
  }
  return closers;
}

const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

async function recordsIn(opened: SensaDatabase, store: StoreName): Promise<[string, unknown][]> {
  const keys = await opened.db.getAllKeys(store);
  const values = await opened.db.getAll(store);
  return Promise.all(keys.map(async (key, i): Promise<[string, unknown]> => [String(key), await encode(values[i])]));
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').sort();
}

const opened: SensaDatabase[] = [];
async function open(options: Parameters<typeof openSensaDatabase>[1] = {}): Promise<SensaDatabase> {
  const database = await openSensaDatabase(NAME, options);
  opened.push(database);
  return database;
}
const settled = (database: SensaDatabase) => Promise.allSettled(STORES.map((s) => database.ready(s)));

afterEach(async () => {
  for (const database of opened.splice(0)) database.db.close();
  for (const name of await databaseNames()) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = resolve;
    });
  }
});

async function expectEveryRecordMoved(database: SensaDatabase) {
  for (const { database: name, records } of OLD) {
    expect(await recordsIn(database, INTO[name]!), name).toEqual([...records].sort(byKey));
  }
  expect(await databaseNames()).toEqual([NAME]);
  for (const { database: name, records } of OLD) expect(await database.db.get('meta', name)).toMatchObject({ state: 'done', records: records.length });
}

describe('the Sensa database', () => {
  it('creates every store on a fresh install, and no old database while looking for them', async () => {
    const database = await open();
    await Promise.all(STORES.map((s) => database.ready(s)));
    expect(database.db.version).toBe(DATABASE_VERSION);
    expect([...database.db.objectStoreNames].sort()).toEqual([...STORES, 'meta', 'documents', 'document-vectors'].sort());
    expect(await databaseNames()).toEqual([NAME]);
  });
});

describe('moving out of the five databases of the previous release', () => {
  it('copies every record of each into its store, then deletes them', async () => {
    await writeOldDatabases();
    expect(await databaseNames()).toEqual([...OLD.map((d) => d.database)].sort());

    const database = await open();
    await Promise.all(STORES.map((s) => database.ready(s)));
    await expectEveryRecordMoved(database);
  });

  it('leaves the records where today’s code reads them', async () => {
    await writeOldDatabases();
    const database = await open();
    const at = (store: StoreName) => sensaStore(store, () => Promise.resolve(database));

    const { conversations, skipped } = await createConversationRepository(openConversationStore(() => Promise.resolve(database))).loadAll();
    expect(conversations.map((c) => c.id).sort()).toEqual(['c-photo', 'c-plain']);
    // Not readable today, but moved all the same: a later release may read it.
    expect(skipped).toEqual(['c-unreadable']);
    expect(conversations.find((c) => c.id === 'c-photo')?.messages[3]).toMatchObject({ content: 'A tram bell, ring', status: 'interrupted' });

    const photo = await createMediaStore(at('media')).get('a-photo');
    expect(photo?.images[0]?.size).toBe(40);
    expect(photo?.thumbnail?.type).toBe('image/jpeg');
    expect((await createMediaStore(at('media')).get('a-clip'))?.pcm?.size).toBe(32);

    const weights = await createModelFileCache(at('model-files')).match(`${MODEL}/onnx/model_q4f16.onnx`);
    expect([...new Uint8Array(await weights!.arrayBuffer())]).toEqual(Array.from({ length: 256 }, (_, i) => i));

    const partial = await createPartialDownloads(at('partial-downloads')).get(`${MODEL}/onnx/model_fp16.onnx`);
    expect(partial).toMatchObject({ bytes: 12, total: 64 });
    expect([...new Uint8Array(await new Blob(partial!.segments).arrayBuffer())]).toEqual(Array.from({ length: 12 }, (_, i) => i));

    const asked: string[] = [];
    const pinned = createPinnedFetch(async (input) => {
      asked.push(String(input));
      return new Response('{}');
    }, at('revision-pins'));
    await pinned.fetch(`${MODEL}/config.json`);
    expect(asked).toEqual([`https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX/resolve/${'a'.repeat(40)}/config.json`]);
  });

  it('does nothing on a second open: nothing copied again, no old database recreated, later writes kept', async () => {
    await writeOldDatabases();
    const first = await open();
    await Promise.all(STORES.map((s) => first.ready(s)));
    const repository = createConversationRepository(openConversationStore(() => Promise.resolve(first)));
    await repository.commit({ save: [], remove: ['c-plain'] });
    first.db.close();

    const progress: MoveProgress[] = [];
    const second = await open({ onProgress: (p) => progress.push(p) });
    await Promise.all(STORES.map((s) => second.ready(s)));
    expect(progress).toEqual([]);
    expect(await databaseNames()).toEqual([NAME]);
    expect((await recordsIn(second, 'conversations')).map(([key]) => key)).toEqual(['c-photo', 'c-unreadable']);
  });

  it('finishes a move cut off halfway (the tab closed) on the next open', async () => {
    await writeOldDatabases();
    // The tab goes after the first model file is copied, and between marking the conversations copied and deleting their database.
    const first = await open({
      onProgress: (p) => {
        if (p.database === 'sensa-model-files' && p.records === 1) throw new Error('tab closed');
        if (p.database === 'sensa-conversations' && p.phase === 'copied') throw new Error('tab closed');
      },
    });
    const outcomes = await settled(first);
    expect(Object.fromEntries(STORES.map((s, i) => [s, outcomes[i]?.status]))).toEqual({
      conversations: 'rejected',
      media: 'fulfilled',
      'model-files': 'rejected',
      'partial-downloads': 'fulfilled',
      'revision-pins': 'fulfilled',
    });
    expect(await databaseNames()).toEqual([NAME, 'sensa-conversations', 'sensa-model-files']);
    expect(await recordsIn(first, 'model-files')).toHaveLength(1);
    expect(await first.db.get('meta', 'sensa-model-files')).toBeUndefined();
    expect(await first.db.get('meta', 'sensa-conversations')).toMatchObject({ state: 'copied' });
    first.db.close();

    const second = await open();
    await Promise.all(STORES.map((s) => second.ready(s)));
    await expectEveryRecordMoved(second);
  });

  it('does not wait for a tab still on the previous release: its database goes when that tab closes', async () => {
    const [closeOldTab] = await writeOldDatabases({ keepOpen: ['sensa-conversations'] });
    const first = await open();
    await Promise.all(STORES.map((s) => first.ready(s)));
    expect(await recordsIn(first, 'conversations')).toHaveLength(3);
    expect(await first.db.get('meta', 'sensa-conversations')).toMatchObject({ state: 'copied' });
    expect(await databaseNames()).toEqual([NAME, 'sensa-conversations']);

    closeOldTab!();
    await expect.poll(databaseNames).toEqual([NAME]);
    first.db.close();
    const second = await open();
    await Promise.all(STORES.map((s) => second.ready(s)));
    await expectEveryRecordMoved(second);
  });
});

describe('a store whose move could not finish', () => {
  it('still reads what is there, and refuses writes until the move is done (a full disk refused its mark)', async () => {
    const database = await open({ legacy: [] });
    await sensaStore('conversations', () => Promise.resolve(database))('readwrite', (store) => new Promise((resolve) => (store.put({ id: 'kept' }, 'kept').onsuccess = resolve)));
    const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const stuck: SensaDatabase = { db: database.db, ready: () => Promise.reject(full) };
    const store = sensaStore('conversations', () => Promise.resolve(stuck));
    expect(await idbGet('kept', store)).toEqual({ id: 'kept' });
    await expect(idbSet('new', { id: 'new' }, store)).rejects.toBe(full);
  });
});
