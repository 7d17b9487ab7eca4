// What the Hub's API says about a repo's files (size, and the sha256 of LFS files), asked for only when a file must be downloaded.

/**
 * The real Hub answers a large file with a redirect to its storage host, and `fetch` follows it
 * silently: the `x-linked-size` / `x-linked-etag` headers of the redirect are never seen. The API's
 * tree listing states the same facts, so downloads can be checked wherever the bytes come from.
 */
export interface ListedFile {
  bytes: number;
  /** Present for LFS files (all weights); git-stored JSON files have only a sha1. */
  sha256: string | null;
}

const RESOLVE = /^(https:\/\/(?:[\w-]+\.)?huggingface\.co)\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/;

interface TreeEntry {
  type?: unknown;
  path?: unknown;
  size?: unknown;
  lfs?: { oid?: unknown; size?: unknown } | null;
}

export function parseTree(entries: unknown): Map<string, ListedFile> {
  const files = new Map<string, ListedFile>();
  if (!Array.isArray(entries)) return files;
  for (const raw of entries as TreeEntry[]) {
    if (raw?.type !== 'file' || typeof raw.path !== 'string') continue;
    const lfsSize = typeof raw.lfs?.size === 'number' ? raw.lfs.size : null;
    const size = lfsSize ?? (typeof raw.size === 'number' ? raw.size : null);
    if (size === null) continue;
    const oid = typeof raw.lfs?.oid === 'string' && /^[0-9a-f]{64}$/i.test(raw.lfs.oid) ? raw.lfs.oid.toLowerCase() : null;
    files.set(raw.path, { bytes: size, sha256: oid });
  }
  return files;
}

/**
 * Looks a Hub file URL up in its folder's listing, fetching each folder's listing once. Anything that
 * goes wrong (offline, an older host, a rate limit) gives undefined: the download then relies on headers.
 */
export function createHubListing(fetchJson: (url: string) => Promise<unknown>) {
  const folders = new Map<string, Promise<Map<string, ListedFile>>>();
  return async function lookup(url: string): Promise<ListedFile | undefined> {
    const match = RESOLVE.exec(url);
    if (!match) return undefined;
    const [, host = '', repo = '', revision = '', encodedPath = ''] = match;
    const path = decodeURIComponent(encodedPath);
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const key = `${repo}@${revision}/${folder}`;
    let listing = folders.get(key);
    if (!listing) {
      const api = `${host}/api/models/${repo}/tree/${encodeURIComponent(revision)}${folder ? `/${folder}` : ''}`;
      listing = fetchJson(api).then(parseTree, () => new Map<string, ListedFile>());
      folders.set(key, listing);
      // A failed lookup is retried on the next download rather than remembered.
      void listing.then((files) => files.size === 0 && folders.delete(key));
    }
    return (await listing).get(path);
  };
}

/** The listing's JSON, from the worker or the page alike; a non-2xx answer counts as no listing. */
export async function fetchHubJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
