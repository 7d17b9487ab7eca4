// Sizes the catalog leaves open, filled in from the Hub's API listing before a download, so "will it fit" has figures to weigh.

import type { ListedFile } from '../storage/common/hub-listing';
import { repoPrefix } from '../storage/ui/model-inventory';
import type { ModelSpec } from '../domain/model';

export function hasUnknownSizes(spec: ModelSpec): boolean {
  return Object.values(spec.dtypes).some((variant) => variant.files.some((f) => f.bytes === null));
}

/** The same spec with every unknown file size the listing states; sizes it does not state stay null. */
export async function withListedSizes(spec: ModelSpec, lookup: (url: string) => Promise<ListedFile | undefined>): Promise<ModelSpec> {
  const prefix = repoPrefix(spec);
  const dtypes: ModelSpec['dtypes'] = {};
  for (const [dtype, variant] of Object.entries(spec.dtypes) as [keyof ModelSpec['dtypes'], NonNullable<ModelSpec['dtypes'][keyof ModelSpec['dtypes']]>][]) {
    const files = await Promise.all(variant.files.map(async (f) => (f.bytes !== null ? f : { ...f, bytes: (await lookup(prefix + f.path))?.bytes ?? null })));
    dtypes[dtype] = { ...variant, files };
  }
  return { ...spec, dtypes };
}
