// Storage: how much this site uses of its quota, whether the browser keeps it, and each cached model with Delete.

import { useCallback, useEffect, useState } from 'react';
import { useSensa } from '../../app/store-context';
import { CATALOG } from '../../models/catalog';
import { formatBytes } from '../../shared/format';
import { createModelFileCache } from '../../storage/model-file-cache';
import { inventory, type CachedModel } from '../../storage/model-inventory';

interface StorageFacts {
  models: CachedModel[];
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

const cache = createModelFileCache();

async function readFacts(): Promise<StorageFacts> {
  const [files, estimate, persisted] = await Promise.all([
    cache.list(),
    navigator.storage?.estimate?.().catch(() => null) ?? Promise.resolve(null),
    navigator.storage?.persisted?.().catch(() => null) ?? Promise.resolve(null),
  ]);
  return { models: inventory(files, CATALOG), usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

export function StoragePanel() {
  const [open, setOpen] = useState(false);
  const [facts, setFacts] = useState<StorageFacts | null>(null);
  const modelPhase = useSensa((s) => s.model.phase);
  const refresh = useCallback(() => void readFacts().then(setFacts), []);

  useEffect(() => {
    if (open) refresh();
  }, [open, modelPhase, refresh]);

  return (
    <details className="storage" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Storage</summary>
      {facts && (
        <div className="storage-body">
          <p>
            {facts.usage !== null && facts.quota !== null
              ? `Using ${formatBytes(facts.usage)} of ${formatBytes(facts.quota)} this browser allows.`
              : 'This browser does not report its storage quota.'}
          </p>
          <p>
            {facts.persisted
              ? 'The browser keeps this data even when space runs low.'
              : 'The browser may clear this data when space runs low.'}{' '}
            {facts.persisted === false && (
              <button type="button" className="button small" onClick={() => void navigator.storage.persist().then(refresh)}>
                Keep it
              </button>
            )}
          </p>
          {facts.models.length === 0 ? (
            <p>No models are stored.</p>
          ) : (
            <ul aria-label="Stored models">
              {facts.models.map((m) => (
                <li key={m.modelId}>
                  <span>
                    <strong>{m.name}</strong> · {formatBytes(m.bytes)} · {m.variants.map((v) => `${v.dtype}${v.complete ? '' : ' (incomplete)'}`).join(', ')}
                    <br />
                    <small>stored {new Date(m.lastStoredAt).toLocaleDateString()}</small>
                  </span>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Delete ${m.name} from this device`}
                    onClick={() => void cache.deleteMany(m.files).then(refresh)}
                  >
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}
