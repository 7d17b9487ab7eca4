import { describe, expect, it } from 'vitest';
import { CATALOG, downloadBytes } from './catalog';
import { type ModelSpec } from '../domain/model';
import { hasUnknownSizes, withListedSizes } from './listed-sizes';

describe('sizes from the Hub listing', () => {
  // Qwen3's catalog sizes are all known now; the same model with them forgotten stands in for one that is not.
  const catalogQwen = CATALOG.find((m) => m.id === 'qwen3-0.6b')!;
  const qwen: ModelSpec = {
    ...catalogQwen,
    dtypes: Object.fromEntries(
      Object.entries(catalogQwen.dtypes).map(([dtype, variant]) => [dtype, { ...variant, files: variant.files.map((f) => ({ ...f, bytes: null })) }]),
    ),
  };

  it('fills each unknown size the listing states, asking by the file URL, and keeps known ones', async () => {
    expect(hasUnknownSizes(qwen)).toBe(true);
    const asked: string[] = [];
    const listed = await withListedSizes(qwen, async (url) => {
      asked.push(url);
      return url.endsWith('/onnx/model_q4.onnx') ? { bytes: 570_000_000, sha256: null } : undefined;
    });
    expect(asked).toContain('https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX/resolve/main/onnx/model_q4.onnx');
    expect(downloadBytes(listed, 'q4')).toBe(570_000_000);
    // Not listed: still unknown, never guessed.
    expect(downloadBytes(listed, 'q8')).toBeNull();
    expect(hasUnknownSizes(listed)).toBe(true);
    expect(listed.dtypes).not.toBe(qwen.dtypes);
    expect(downloadBytes(qwen, 'q4')).toBeNull();
  });

  it('asks nothing for a model whose sizes are all known', async () => {
    const known = CATALOG.find((m) => !hasUnknownSizes(m))!;
    const asked: string[] = [];
    await withListedSizes(known, async (url) => {
      asked.push(url);
      return undefined;
    });
    expect(asked).toEqual([]);
  });
});
