// The app's chat store, composed from one slice per concern (zustand's slices pattern); this file is its public surface.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { CATALOG, findModel } from '../models/catalog';
import { rememberedVariants } from '../models/variant';
import { createMemoryMediaStore } from '../storage/ui/media-store';
import { createAnsweringSlice } from './store/answering-slice';
import { createComposerSlice } from './store/composer-slice';
import { createConversationsSlice } from './store/conversations-slice';
import { createDrawingSlice } from './store/drawing-slice';
import { createCompareSlice } from './store/compare-slice';
import { createDeviceSlice } from './store/device-slice';
import type { StoreContext, StoreDeps } from './store/context';
import { createModelSlice } from './store/model-slice';
import { migratePreferences } from './store/preferences';
import { createPreferencesSlice } from './store/preferences-slice';
import { createStartupSlice } from './store/startup-slice';
import type { SensaState } from './store/state';

export type { SensaState } from './store/state';
export type { StoreDeps } from './store/context';
export { localPreferences, migratePreferences, type Preferences, type PreferenceStorage, type Theme } from './store/preferences';
export { loadPayloadFor, type DownloadProgress, type ModelState } from './store/model-slice';
export { activeConversation, emptyConversation } from './store/conversations-slice';
export { MAX_SCANNED_PAGES, type DraftItem } from './store/composer-slice';
export { settingsFor, type PartsDownload } from './store/answering-slice';

export function createSensaStore(deps: StoreDeps): StoreApi<SensaState> {
  const catalog = deps.catalog ?? CATALOG;
  const firstModel = catalog[0];
  if (!firstModel) throw new Error('The model catalog is empty.');
  const spec = (id: string) => catalog.find((m) => m.id === id) ?? findModel(id);
  // Whatever the storage hands back is read forgivingly; a remembered variant the catalog no longer has is dropped.
  const stored = migratePreferences(deps.preferences.load());
  const ctx: StoreContext = {
    deps,
    spec,
    firstModel,
    mediaStore: deps.mediaStore ?? createMemoryMediaStore(),
    preferences: { ...stored, variants: rememberedVariants(stored.variants, spec) },
  };
  return createStore<SensaState>()((...api) => ({
    ...createPreferencesSlice(ctx)(...api),
    ...createModelSlice(ctx)(...api),
    ...createConversationsSlice(ctx)(...api),
    ...createDrawingSlice(ctx)(...api),
    ...createComposerSlice(ctx)(...api),
    ...createAnsweringSlice(ctx)(...api),
    ...createStartupSlice(ctx)(...api),
    ...createDeviceSlice(ctx)(...api),
    ...createCompareSlice(ctx)(...api),
  }));
}
