// One read of what this origin stores (model files, quota, persistence), refreshed when a model finishes loading.

import { useCallback, useEffect, useState } from 'react';
import { useSensa } from '../store-context';
import { createModelFileCache } from '../../storage/common/model-file-cache';
import type { CachedFile } from '../../storage/ui/model-inventory';

export interface StorageSnapshot {
  files: CachedFile[];
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

export const modelFiles = createModelFileCache();

async function read(): Promise<StorageSnapshot> {
  const [files, estimate, persisted] = await Promise.all([
    modelFiles.list(),
    navigator.storage?.estimate?.().catch(() => null) ?? Promise.resolve(null),
    navigator.storage?.persisted?.().catch(() => null) ?? Promise.resolve(null),
  ]);
  return { files, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

export function useStorageSnapshot(active = true): { snapshot: StorageSnapshot | null; refresh: () => void } {
  const [snapshot, setSnapshot] = useState<StorageSnapshot | null>(null);
  const modelPhase = useSensa((s) => s.model.phase);
  const refresh = useCallback(() => void read().then(setSnapshot), []);
  useEffect(() => {
    if (active) refresh();
  }, [active, modelPhase, refresh]);
  return { snapshot, refresh };
}
