import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../models/catalog';
import { downloadTracker, loadPayloadFor } from './model-slice';

const file = (name: string, loaded: number, total: number) => ({ file: name, loaded, total, done: loaded === total });

describe('downloadTracker', () => {
  it('has no rate until a second’s evidence, then gives the total’s and each unfinished file’s', () => {
    const track = downloadTracker();
    expect(track({ files: [file('a', 0, 1000), file('b', 0, 4000)], loaded: 0, total: 5000 }, 0)).toMatchObject({ bytesPerSecond: null, fileBytesPerSecond: { a: null, b: null } });
    track({ files: [file('a', 1000, 1000), file('b', 400, 4000)], loaded: 1400, total: 5000 }, 2000);
    const last = track({ files: [file('a', 1000, 1000), file('b', 2000, 4000)], loaded: 3000, total: 5000 }, 4000);
    expect(last).toEqual({ files: [file('a', 1000, 1000), file('b', 2000, 4000)], loaded: 3000, total: 5000, bytesPerSecond: 750, fileBytesPerSecond: { b: 500 } });
  });

  it('each tracker keeps its own samples', () => {
    const first = downloadTracker();
    first({ files: [], loaded: 0, total: 10 }, 0);
    expect(downloadTracker()({ files: [], loaded: 10, total: 10 }, 5000).bytesPerSecond).toBeNull();
  });
});

describe('loadPayloadFor', () => {
  it('names the variant’s per-session dtypes only when the model has them', () => {
    const smolvlm = CATALOG.find((m) => m.id === 'smolvlm-256m-instruct')!;
    expect(loadPayloadFor(smolvlm, { device: 'webgpu', dtype: 'q4', reason: '' })).toMatchObject({ repo: smolvlm.repo, dtype: 'q4', sessions: { vision_encoder: 'q4' } });
    const qwen = CATALOG.find((m) => m.id === 'qwen3-0.6b')!;
    expect(loadPayloadFor(qwen, { device: 'wasm', dtype: 'q8', reason: '' })).not.toHaveProperty('sessions');
  });
});
