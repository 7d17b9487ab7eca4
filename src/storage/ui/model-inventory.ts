// What the model cache holds per catalog model and variant: size, when it was stored, whether every file is there.

import type { ModelSpec } from '../../domain/model';
import type { Dtype } from '../../domain/model';

export interface CachedFile {
  url: string;
  bytes: number;
  storedAt: number;
}

export interface CachedModel {
  modelId: string;
  name: string;
  /** Variants with at least one weight file cached, and whether each is complete. */
  variants: { dtype: Dtype; complete: boolean }[];
  bytes: number;
  files: string[];
  lastStoredAt: number;
}

/** The Hub URL prefix under which transformers.js fetches (and we cache) a repo's files. */
export function repoPrefix(spec: Pick<ModelSpec, 'repo' | 'revision'>): string {
  return `https://huggingface.co/${spec.repo}/resolve/${encodeURIComponent(spec.revision)}/`;
}

export function inventory(files: readonly CachedFile[], catalog: readonly ModelSpec[]): CachedModel[] {
  const models: CachedModel[] = [];
  for (const spec of catalog) {
    const prefix = repoPrefix(spec);
    const mine = files.filter((f) => f.url.startsWith(prefix));
    if (mine.length === 0) continue;
    const paths = new Set(mine.map((f) => f.url.slice(prefix.length)));
    const hasConfig = paths.has('config.json') && paths.has('tokenizer.json');
    const variants = (Object.entries(spec.dtypes) as [Dtype, { files: { path: string }[] }][])
      .filter(([, v]) => v.files.some((f) => paths.has(f.path)))
      .map(([dtype, v]) => ({ dtype, complete: hasConfig && v.files.every((f) => paths.has(f.path)) }));
    models.push({
      modelId: spec.id,
      name: spec.name,
      variants,
      bytes: mine.reduce((sum, f) => sum + f.bytes, 0),
      files: mine.map((f) => f.url),
      lastStoredAt: Math.max(...mine.map((f) => f.storedAt)),
    });
  }
  return models;
}
