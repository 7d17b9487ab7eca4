import { describe, expect, it } from 'vitest';
import type { Capabilities } from './capabilities';
import type { ModelSpec } from '../domain/model';
import { CATALOG } from './catalog';
import { checkFit, checkTogether } from './fit';

const GPU: Capabilities = { webgpu: true, shaderF16: false, adapter: 'x', maxBufferSize: 2e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null };
const base = CATALOG[0]!;
const model = (id: string, name: string, q4: number | null): ModelSpec => ({ ...base, id, name, dtypes: { q4: { files: [{ path: 'onnx/model_q4.onnx', bytes: q4 }] } } });
const big = model('big', 'Big', 3e9);
const small = model('small', 'Small', 5e8);
const q4 = { device: 'webgpu', dtype: 'q4', reason: '' } as const;

describe('will it fit', () => {
  it('fits with room to spare', () => {
    expect(checkFit(small, q4, GPU, { usage: 0, quota: 1e10 }, 0, [small, big])).toMatchObject({ verdict: 'fits', message: 'Fits: needs 500 MB of 10.0 GB free.' });
  });
  it('says when it will not fit, and names the largest option that would', () => {
    const verdict = checkFit(big, q4, GPU, { usage: 1e9, quota: 2e9 }, 0, [small, big]);
    expect(verdict.verdict).toBe('wont-fit');
    expect(verdict.message).toBe('Needs 3.0 GB but only 1.0 GB is free for this site. Small (q4, 500 MB) would fit.');
  });
  it('counts what is already stored', () => {
    expect(checkFit(big, q4, GPU, { usage: 0, quota: 1e9 }, 3e9, [big]).message).toBe('Already stored on this device.');
  });
  it('warns when a weight file dwarfs the GPU buffer limit', () => {
    expect(checkFit(big, q4, { ...GPU, maxBufferSize: 2.5e8 }, { usage: 0, quota: 1e11 }, 0, [big]).verdict).toBe('tight');
  });
  it('is honest when the size or the quota is unknown', () => {
    expect(checkFit(model('u', 'U', null), q4, GPU, { usage: 0, quota: 1 }, 0, []).verdict).toBe('unknown');
    expect(checkFit(small, q4, GPU, null, 0, []).verdict).toBe('unknown');
  });
});

describe('the image model beside the chat model', () => {
  const painter = model('painter', 'Painter', 1.5e9);
  it('has nothing to say without a chat model loaded', () => {
    expect(checkTogether({ spec: painter, dtype: 'q4' }, null, 4)).toBeNull();
  });
  it('says they will not fit together on a device reporting too little memory, and what to unload', () => {
    // (1.5 + 3.0) GB x 1.3 = 5.85 GB, shown as 5.8 against half of 4 GB.
    expect(checkTogether({ spec: painter, dtype: 'q4' }, { spec: big, dtype: 'q4' }, 4)).toEqual({
      verdict: 'wont-fit',
      message: 'Painter and Big together need about 5.8 GB of memory; this device reports 4 GB. Unload Big to draw.',
    });
  });
  it('stays quiet when both fit, or when the browser caps its figure at 8 GB', () => {
    expect(checkTogether({ spec: small, dtype: 'q4' }, { spec: small, dtype: 'q4' }, 4)).toBeNull();
    expect(checkTogether({ spec: painter, dtype: 'q4' }, { spec: big, dtype: 'q4' }, 8)).toBeNull();
  });
  it('is honest when a size is unknown (Janus-Pro today) and still offers the way out', () => {
    const verdict = checkTogether({ spec: model('janus', 'Janus', null), dtype: 'q4' }, { spec: small, dtype: 'q4' }, null);
    expect(verdict?.verdict).toBe('unknown');
    expect(verdict?.message).toContain("Janus's size is not known yet");
    expect(verdict?.message).toContain('unload Small first');
  });
});
