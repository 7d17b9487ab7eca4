import { describe, expect, it } from 'vitest';
import { createHubListing, parseTree } from './hub-listing';

const SHA = 'a'.repeat(64);

describe('Hub API listing', () => {
  it('reads sizes, and sha256s for LFS files only', () => {
    const files = parseTree([
      { type: 'file', path: 'config.json', size: 120, oid: 'b'.repeat(40) },
      { type: 'file', path: 'onnx/model_q4.onnx', size: 134, oid: 'c'.repeat(40), lfs: { oid: SHA, size: 5_000_000, pointerSize: 134 } },
      { type: 'directory', path: 'onnx', size: 0 },
      { nonsense: true },
    ]);
    expect([...files.entries()]).toEqual([
      ['config.json', { bytes: 120, sha256: null }],
      ['onnx/model_q4.onnx', { bytes: 5_000_000, sha256: SHA }],
    ]);
    expect(parseTree({ error: 'not a list' }).size).toBe(0);
  });

  it('asks for each folder once, and again after a failure', async () => {
    const asked: string[] = [];
    let fail = true;
    const lookup = createHubListing(async (url) => {
      asked.push(url);
      if (fail) throw new Error('offline');
      return [{ type: 'file', path: 'onnx/a.onnx', size: 1, lfs: { oid: SHA, size: 10 } }];
    });
    const file = 'https://huggingface.co/org/model/resolve/main/onnx/a.onnx';
    expect(await lookup(file)).toBeUndefined();
    fail = false;
    await new Promise((r) => setTimeout(r, 0));
    expect(await lookup(file)).toEqual({ bytes: 10, sha256: SHA });
    expect(await lookup('https://huggingface.co/org/model/resolve/main/onnx/b.onnx')).toBeUndefined();
    expect(asked).toEqual(['https://huggingface.co/api/models/org/model/tree/main/onnx', 'https://huggingface.co/api/models/org/model/tree/main/onnx']);
    expect(await lookup('https://example.com/x.onnx')).toBeUndefined();
  });
});
