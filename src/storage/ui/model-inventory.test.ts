import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../models/catalog';
import { inventory, repoPrefix } from './model-inventory';

const llama = CATALOG.find((m) => m.architecture === 'llama')!;
const at = (path: string, bytes: number, storedAt = 1) => ({ url: repoPrefix(llama) + path, bytes, storedAt });

describe('model inventory', () => {
  it('sums a model’s cached files and calls a variant complete only with config, tokenizer and every weight file', () => {
    const [model] = inventory([at('config.json', 10), at('tokenizer.json', 100), at('onnx/model_q4.onnx', 1000, 5)], CATALOG);
    expect(model).toMatchObject({ modelId: llama.id, bytes: 1110, lastStoredAt: 5, variants: [{ dtype: 'q4', complete: true }] });
    const [partial] = inventory([at('onnx/model_fp16.onnx', 5)], CATALOG);
    expect(partial?.variants).toEqual([{ dtype: 'fp16', complete: false }]);
  });
  it('ignores files of repos that are not in the catalog', () => {
    expect(inventory([{ url: 'https://huggingface.co/x/y/resolve/main/config.json', bytes: 1, storedAt: 1 }], CATALOG)).toEqual([]);
  });
});
