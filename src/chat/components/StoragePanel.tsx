// Storage: how much this site uses of its quota, whether the browser keeps it, and each cached model with Delete.

import { useState } from 'react';
import { useSensa } from '../store-context';
import { CATALOG, findModel } from '../../models/catalog';
import { formatBytes } from '../../shared/format';
import { inventory } from '../../storage/ui/model-inventory';
import { forgetPins } from '../../storage/common/revision-pin';
import { modelFiles, useStorageSnapshot } from './storage-snapshot';

export function StoragePanel() {
  const [open, setOpen] = useState(false);
  const { snapshot, refresh } = useStorageSnapshot(open);
  const lastUsed = useSensa((s) => s.preferences.modelLastUsed);
  const facts = snapshot && { ...snapshot, models: inventory(snapshot.files, CATALOG) };

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
                    <small>
                      {lastUsed[m.modelId] ? `last used ${new Date(lastUsed[m.modelId] ?? 0).toLocaleString()}` : 'not used yet'} · stored{' '}
                      {new Date(m.lastStoredAt).toLocaleDateString()}
                    </small>
                  </span>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Delete ${m.name} from this device`}
                    onClick={() => {
                      const repo = findModel(m.modelId)?.repo;
                      void modelFiles
                        .deleteMany(m.files)
                        .then(() => (repo ? forgetPins(repo) : undefined))
                        .catch(() => undefined)
                        .then(refresh);
                    }}
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
