// A catalog model's summary in the UI's language. The English is catalog.json's own (shown at once); the translations
// live in the lazily loaded `catalog` namespace, keyed by model id (src/i18n/locales/<lng>/catalog.json).

import { tr } from '../i18n/i18n';
import type { ModelSpec } from '../domain/model';

/** Model ids have dots (`qwen3-0.6b`), so the id is one flat key, not a path. A model not in the catalog keeps its own words. */
export function modelSummary(spec: Pick<ModelSpec, 'id' | 'summary'>): string {
  return tr(spec.id, { ns: 'catalog', keySeparator: false, nsSeparator: false, defaultValue: spec.summary });
}
