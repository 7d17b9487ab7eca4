// Keeps every file of a model on one commit: a branch ("main") is pinned to the commit its first file came from.

import { delMany, entries, keys, set, type UseStore } from 'idb-keyval';
import { sensaStore } from './database';
import { AppError } from '../../shared/errors';

const RESOLVE = /^(https:\/\/(?:[\w-]+\.)?huggingface\.co)\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/;
const COMMIT = /^[0-9a-f]{40}$/;

export interface PinnedFetch {
  fetch: typeof fetch;
  /** Sends requests for `repo` at `revision` to `commit` instead. */
  pin(repo: string, revision: string, commit: string): void;
  pinned(repo: string, revision: string): string | undefined;
}

/**
 * A branch moves: files fetched from "main" before and after a push would mix two versions of a model. The Hub
 * names the commit it answered from (x-repo-commit); every later request for that branch goes to that commit.
 * Only the network request changes: transformers.js, the cache and resumable downloads keep the URL they asked for.
 * The same rewrite makes a pinned catalog revision hold for the tokenizer files, which transformers.js 4.3
 * always asks for on "main".
 */
export function createPinnedFetch(base: typeof fetch = fetch, persisted?: UseStore): PinnedFetch {
  const pins = new Map<string, string>();
  // Pins outlive the worker: a variant downloaded next month must match the files already stored.
  const restored = persisted
    ? entries<string, string>(persisted).then(
        (stored) => {
          for (const [k, commit] of stored) if (!pins.has(k)) pins.set(k, commit);
        },
        () => undefined,
      )
    : Promise.resolve();
  const remember = (k: string, commit: string) => {
    pins.set(k, commit);
    if (persisted) void set(k, commit, persisted).catch(() => undefined);
  };
  // Requests made while the first answer for a branch is still out wait for it, so they too go to its commit.
  const learning = new Map<string, Promise<unknown>>();
  const key = (repo: string, revision: string) => `${repo}@${revision}`;
  return {
    pin(repo, revision, commit) {
      if (revision !== commit) pins.set(key(repo, revision), commit);
    },
    pinned: (repo, revision) => pins.get(key(repo, revision)),
    async fetch(input, init) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const match = RESOLVE.exec(url);
      if (!match) return base(input, init);
      const [, host = '', repo = '', revision = '', path = ''] = match;
      await restored;
      const k = key(repo, revision);
      if (!pins.has(k) && !COMMIT.test(revision)) {
        const first = learning.get(k);
        if (first) await first.catch(() => undefined);
      }
      const commit = pins.get(k);
      if (commit) {
        const response = await base(`${host}/${repo}/resolve/${commit}/${path}`, init);
        // The commit this device pinned is gone from the Hub (history rewritten): fetching from the branch now would mix
        // two versions of the model with the files already stored, so say what to do instead.
        if (response.status === 404 && response.headers.get('x-error-code') === 'RevisionNotFound') {
          throw new AppError('model-not-found', `${repo} changed on the Hub since this device first downloaded it. Delete it under Storage, then download it again.`);
        }
        return response;
      }
      if (COMMIT.test(revision) || learning.has(k)) return base(input, init);
      const asking = base(input, init);
      learning.set(k, asking);
      try {
        const response = await asking;
        const answered = response.headers.get('x-repo-commit')?.toLowerCase();
        if (answered && COMMIT.test(answered) && response.ok) remember(k, answered);
        return response;
      } finally {
        // Without an answer naming a commit, the next request tries to learn it again.
        if (!pins.has(k)) learning.delete(k);
      }
    },
  };
}

export function openPinStore(): UseStore {
  return sensaStore('revision-pins');
}

/** Once a model's files are deleted its pin goes too: the next download may take the branch's newest commit. */
export async function forgetPins(repo: string, store: UseStore = openPinStore()): Promise<void> {
  const doomed = (await keys<string>(store)).filter((k) => k.startsWith(`${repo}@`));
  if (doomed.length > 0) await delMany(doomed, store);
}
