// The one IndexedDB database both threads open: a store per concern, the upgrade from every older version, and the move out of the five databases before it.

import { openDB, unwrap, wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { UseStore } from 'idb-keyval';

export const DATABASE_NAME = 'sensa';

/** Keys are out-of-line, as idb-keyval wrote them, so the repositories keep their idb-keyval calls. */
export interface SensaSchema extends DBSchema {
  conversations: { key: IDBValidKey; value: unknown };
  media: { key: IDBValidKey; value: unknown };
  'model-files': { key: IDBValidKey; value: unknown };
  'partial-downloads': { key: IDBValidKey; value: unknown };
  'revision-pins': { key: IDBValidKey; value: unknown };
  /** Documents in the library (text by page, chunks), by document id. */
  documents: { key: string; value: unknown };
  /** Each document's chunk vectors in one Float32Array, by document id: kept apart so listing never reads them. */
  'document-vectors': { key: string; value: unknown };
  /** Bookkeeping: how far the move out of each older database got. */
  meta: { key: string; value: LegacyMove };
}

export type StoreName = 'conversations' | 'media' | 'model-files' | 'partial-downloads' | 'revision-pins';

/**
 * Each entry brings the database from version i to i + 1. A browser may hold any earlier version, so every step
 * stays here for good; a new store or index is a new entry, never an edit of an old one.
 */
const UPGRADES: ((db: IDBPDatabase<SensaSchema>) => void)[] = [
  (db) => {
    for (const name of ['conversations', 'media', 'model-files', 'partial-downloads', 'revision-pins', 'meta'] as const) {
      if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
    }
  },
  // Version 2: the document library. New stores only, so every existing record stays where it was.
  (db) => {
    for (const name of ['documents', 'document-vectors'] as const) {
      if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
    }
  },
];

export const DATABASE_VERSION = UPGRADES.length;

/** One of the databases Sensa kept before this one: each an idb-keyval store of its own, opened with no version. */
export interface LegacyDatabase {
  database: string;
  store: string;
  into: StoreName;
  /** Records copied per transaction: one for model files, which can be hundreds of MB each. */
  batch: number;
}

const LEGACY_DATABASES: readonly LegacyDatabase[] = [
  { database: 'sensa-conversations', store: 'conversations', into: 'conversations', batch: 50 },
  { database: 'sensa-media', store: 'media', into: 'media', batch: 8 },
  { database: 'sensa-model-files', store: 'files', into: 'model-files', batch: 1 },
  { database: 'sensa-partial-downloads', store: 'partials', into: 'partial-downloads', batch: 1 },
  { database: 'sensa-revision-pins', store: 'pins', into: 'revision-pins', batch: 100 },
];

/** "copied": every record is in, the old database may still exist; "done": it is gone. */
export interface LegacyMove {
  state: 'copied' | 'done';
  records: number;
  at: number;
}

export interface MoveProgress {
  database: string;
  phase: 'copying' | 'copied';
  records: number;
}

export interface SensaDatabase {
  db: IDBPDatabase<SensaSchema>;
  /** Settles once the store holds what its older database held; a failed move is tried again on the next call. */
  ready(store: StoreName): Promise<void>;
}

export interface OpenOptions {
  legacy?: readonly LegacyDatabase[];
  onProgress?: (progress: MoveProgress) => void;
  /** The connection closed under us: another tab upgrades the database, or the browser cleared it. */
  onClose?: () => void;
}

/**
 * Opens (creating or upgrading) the database and starts moving each older database into its store. The UI and the
 * model worker both call this; each store waits only for its own move, so conversations need not wait for gigabytes
 * of model files.
 */
export async function openSensaDatabase(name = DATABASE_NAME, { legacy = LEGACY_DATABASES, onProgress, onClose }: OpenOptions = {}): Promise<SensaDatabase> {
  const db = await openDB<SensaSchema>(name, DATABASE_VERSION, {
    upgrade(database, oldVersion) {
      for (let version = oldVersion; version < UPGRADES.length; version++) UPGRADES[version]?.(database);
    },
    // A newer version in another tab waits for every connection to close: close ours rather than block it.
    blocking() {
      db.close();
      onClose?.();
    },
    terminated: () => onClose?.(),
  });
  const moves = new Map<StoreName, Promise<void>>();
  const ready = (store: StoreName): Promise<void> => {
    const old = legacy.find((l) => l.into === store);
    if (!old) return Promise.resolve();
    let move = moves.get(store);
    if (!move) {
      move = moveLegacyDatabase(db, old, onProgress);
      moves.set(store, move);
      move.catch(() => moves.delete(store));
    }
    return move;
  };
  for (const old of legacy) void ready(old.into).catch(() => undefined);
  return { db, ready };
}

/** Runs `work` while no other tab or worker runs it; Web Locks are in every browser with WebGPU, not in Node. */
async function exclusively(lock: string, work: () => Promise<void>): Promise<void> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) await locks.request(lock, work);
  else await work();
}

/**
 * Copies every record of one older database into its store, then deletes that database. Resumable: the old
 * database is deleted only after the "copied" mark is committed, so a tab closed halfway copies again (the same
 * keys, the same values) next time. A cursor cannot stay open across a write to another database, so each batch
 * is read afresh from just after the last key copied.
 */
async function moveLegacyDatabase(db: IDBPDatabase<SensaSchema>, old: LegacyDatabase, onProgress?: (progress: MoveProgress) => void): Promise<void> {
  await exclusively(`${db.name}:move:${old.database}`, async () => {
    const mark = await db.get('meta', old.database);
    if (mark?.state === 'done') return;
    let records = mark?.records ?? 0;
    if (mark?.state !== 'copied') {
      records = await copyLegacyDatabase(db, old, onProgress);
      await db.put('meta', { state: 'copied', records, at: Date.now() }, old.database);
      onProgress?.({ database: old.database, phase: 'copied', records });
    }
    if (await deleteDatabase(old.database)) await db.put('meta', { state: 'done', records, at: Date.now() }, old.database);
  });
}

async function copyLegacyDatabase(db: IDBPDatabase<SensaSchema>, old: LegacyDatabase, onProgress?: (progress: MoveProgress) => void): Promise<number> {
  const source = await openIfExists(old.database);
  if (!source) return 0;
  try {
    if (!source.objectStoreNames.contains(old.store)) return 0;
    let copied = 0;
    let after: IDBValidKey | undefined;
    for (;;) {
      const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
      const read = source.transaction(old.store).store;
      const [keys, values] = await Promise.all([read.getAllKeys(range, old.batch), read.getAll(range, old.batch)]);
      if (keys.length === 0) return copied;
      const write = db.transaction(old.into, 'readwrite');
      await Promise.all([...keys.map((key, i) => write.store.put(values[i], key)), write.done]);
      copied += keys.length;
      after = keys[keys.length - 1];
      onProgress?.({ database: old.database, phase: 'copying', records: copied });
    }
  } finally {
    source.close();
  }
}

/** Opens a database only if it exists: opening an absent one with no version would create it. */
function openIfExists(name: string): Promise<IDBPDatabase | null> {
  return new Promise((resolve, reject) => {
    let absent = false;
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => {
      absent = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(wrap(request.result));
    request.onerror = (event) => {
      if (!absent) return reject(request.error);
      // The abort is how we asked; it is not an error of the page's.
      event.preventDefault();
      resolve(null);
    };
  });
}

/**
 * True once deleted. A tab still running the previous release holds the old database open and blocks this: the
 * request stays queued (the database goes when that tab closes) and the next open tries again, without waiting.
 */
function deleteDatabase(name: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve(true);
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve(false);
  });
}

let shared: Promise<SensaDatabase> | null = null;

/** This thread's connection, opened once; a failed open or a closed connection is opened afresh on the next call. */
export function sensaDatabase(): Promise<SensaDatabase> {
  if (!shared) {
    const opening = openSensaDatabase(DATABASE_NAME, {
      onClose: () => {
        if (shared === opening) shared = null;
      },
    });
    shared = opening;
    opening.catch(() => {
      if (shared === opening) shared = null;
    });
  }
  return shared;
}

/**
 * One store of the database as an idb-keyval store. `durability: "strict"` is for what must survive a power cut,
 * not just a tab close (a saved message); browsers without the option ignore it.
 */
export function sensaStore(store: StoreName, database: () => Promise<SensaDatabase> = sensaDatabase, { strict = false } = {}): UseStore {
  return (mode, callback) =>
    database().then(async ({ db, ready }) => {
      // A move that cannot finish (a full disk refuses even its progress mark) must not lock the person out of what
      // is already here: reads go on without it; writes wait for it, so an old record can never overwrite a newer
      // one, and the move is tried again on the next write.
      if (mode === 'readwrite') await ready(store);
      else await ready(store).catch(() => undefined);
      const durability = strict && mode === 'readwrite' ? 'strict' : 'default';
      return callback(unwrap(db).transaction(store, mode, { durability }).objectStore(store));
    });
}
