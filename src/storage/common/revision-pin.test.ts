import 'fake-indexeddb/auto';
import { createStore, values } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createPinnedFetch, forgetPins } from './revision-pin';

const COMMIT = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const hub = (path: string, revision = 'main') => `https://huggingface.co/org/model/resolve/${revision}/${path}`;

function fakeHub(commitHeader: string | null) {
  const asked: string[] = [];
  const base: typeof fetch = async (input) => {
    asked.push(String(input));
    return new Response('{}', { status: 200, headers: commitHeader ? { 'x-repo-commit': commitHeader } : {} });
  };
  return { asked, base };
}

describe('revision pinning', () => {
  it('sends every request after the first to the commit the Hub answered from', async () => {
    const { asked, base } = fakeHub(COMMIT);
    const pinned = createPinnedFetch(base);
    await pinned.fetch(hub('config.json'));
    await pinned.fetch(hub('onnx/model_q4.onnx'), { headers: { range: 'bytes=10-' } });
    await pinned.fetch('https://huggingface.co/api/models/org/model/tree/main/onnx');
    expect(asked).toEqual([hub('config.json'), hub('onnx/model_q4.onnx', COMMIT), 'https://huggingface.co/api/models/org/model/tree/main/onnx']);
    expect(pinned.pinned('org/model', 'main')).toBe(COMMIT);
  });

  it('keeps the first commit even if a later answer names another (a push mid-download)', async () => {
    const first = fakeHub(COMMIT);
    const pinned = createPinnedFetch(first.base);
    await pinned.fetch(hub('config.json'));
    const later = fakeHub(OTHER);
    const again = createPinnedFetch(later.base);
    again.pin('org/model', 'main', pinned.pinned('org/model', 'main')!);
    await again.fetch(hub('tokenizer.json'));
    expect(later.asked).toEqual([hub('tokenizer.json', COMMIT)]);
    expect(again.pinned('org/model', 'main')).toBe(COMMIT);
  });

  it('leaves requests alone when the host names no commit, and never pins a revision that is already a commit', async () => {
    const silent = fakeHub(null);
    const unpinned = createPinnedFetch(silent.base);
    await unpinned.fetch(hub('config.json'));
    await unpinned.fetch(hub('tokenizer.json'));
    expect(silent.asked).toEqual([hub('config.json'), hub('tokenizer.json')]);

    const { asked, base } = fakeHub(OTHER);
    const byCommit = createPinnedFetch(base);
    await byCommit.fetch(hub('config.json', COMMIT));
    await byCommit.fetch(hub('onnx/model.onnx', COMMIT));
    expect(asked).toEqual([hub('config.json', COMMIT), hub('onnx/model.onnx', COMMIT)]);
  });

  it('a catalog revision that is a commit also holds for files asked for on main (the tokenizer)', async () => {
    const { asked, base } = fakeHub(OTHER);
    const pinned = createPinnedFetch(base);
    pinned.pin('org/model', 'main', COMMIT);
    await pinned.fetch(hub('tokenizer_config.json'));
    expect(asked).toEqual([hub('tokenizer_config.json', COMMIT)]);
  });
});

describe('revision pinning, concurrent requests', () => {
  it('requests made before the first answer arrives wait for it and go to its commit too', async () => {
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base: typeof fetch = async (input) => {
      asked.push(String(input));
      if (asked.length === 1) await gate;
      return new Response('{}', { status: 200, headers: { 'x-repo-commit': COMMIT } });
    };
    const pinned = createPinnedFetch(base);
    const all = Promise.all([pinned.fetch(hub('config.json')), pinned.fetch(hub('tokenizer.json')), pinned.fetch(hub('tokenizer_config.json'))]);
    // The behaviour is that nothing happens while the first answer is held (the gate holds it forever), so a short real
    // wait is the test: one that lets every promise chain and timer of a wrongly eager fetch run first.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toEqual([hub('config.json')]);
    release();
    await all;
    expect(asked).toEqual([hub('config.json'), hub('tokenizer.json', COMMIT), hub('tokenizer_config.json', COMMIT)]);
  });
});

describe('revision pins across workers', () => {
  it('a later worker sends even its first request to the stored commit, until the model is deleted', async () => {
    const store = createStore(`pins-${Math.random()}`, 'pins');
    const first = fakeHub(COMMIT);
    await createPinnedFetch(first.base, store).fetch(hub('config.json'));
    // The pin is stored in IndexedDB without holding up the fetch: wait for the record itself.
    await expect.poll(() => values(store)).toEqual([COMMIT]);

    const later = fakeHub(OTHER);
    await createPinnedFetch(later.base, store).fetch(hub('onnx/model_q4.onnx'));
    expect(later.asked).toEqual([hub('onnx/model_q4.onnx', COMMIT)]);

    await forgetPins('org/model', store);
    const fresh = fakeHub(OTHER);
    await createPinnedFetch(fresh.base, store).fetch(hub('config.json'));
    expect(fresh.asked).toEqual([hub('config.json')]);
  });
});

describe('a pinned commit that is gone', () => {
  it('says the model changed on the Hub instead of mixing it with the branch’s newer files', async () => {
    const asked: string[] = [];
    const base: typeof fetch = async (input) => {
      asked.push(String(input));
      return String(input).includes(COMMIT)
        ? new Response('Revision not found', { status: 404, headers: { 'x-error-code': 'RevisionNotFound' } })
        : new Response('{}', { status: 200, headers: { 'x-repo-commit': OTHER } });
    };
    const pinned = createPinnedFetch(base);
    pinned.pin('org/model', 'main', COMMIT);
    await expect(pinned.fetch(hub('onnx/model_q8.onnx'))).rejects.toMatchObject({ code: 'model-not-found', message: expect.stringMatching(/changed on the Hub.*Delete it under Storage/) });
    expect(asked).toEqual([hub('onnx/model_q8.onnx', COMMIT)]);
    // A file that is simply not in the repo is still an ordinary 404.
    const missing: typeof fetch = async () => new Response('Entry not found', { status: 404, headers: { 'x-error-code': 'EntryNotFound' } });
    const other = createPinnedFetch(missing);
    other.pin('org/model', 'main', COMMIT);
    expect((await other.fetch(hub('preprocessor_config.json'))).status).toBe(404);
  });
});
