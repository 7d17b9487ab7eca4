// Storage: how much this site uses of its quota, whether the browser keeps it, and each cached model with Delete.

import { useState } from 'react';
import { useSensa } from '../store-context';
import { CATALOG, findModel } from '../../models/catalog';
import { formatBytes, formatDate } from '../../shared/format';
import { inventory } from '../../storage/ui/model-inventory';
import { forgetPins } from '../../storage/common/revision-pin';
import { modelFiles, useStorageSnapshot } from './storage-snapshot';
import { useTranslation } from '../../i18n/react';

export function StoragePanel() {
  const { t } = useTranslation('chat');
  const [open, setOpen] = useState(false);
  const { snapshot, refresh } = useStorageSnapshot(open);
  const lastUsed = useSensa((s) => s.preferences.modelLastUsed);
  const facts = snapshot && { ...snapshot, models: inventory(snapshot.files, CATALOG) };

  return (
    <details className="storage" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('storage.title')}</summary>
      {facts && (
        <div className="storage-body">
          <p>
            {facts.usage !== null && facts.quota !== null
              ? t('storage.using', { used: formatBytes(facts.usage), quota: formatBytes(facts.quota) })
              : t('storage.noQuota')}
          </p>
          <p>
            {facts.persisted
              ? t('storage.persisted')
              : t('storage.notPersisted')}{' '}
            {facts.persisted === false && (
              <button type="button" className="button small" onClick={() => void navigator.storage.persist().then(refresh)}>
                {t('storage.keep')}
              </button>
            )}
          </p>
          {facts.models.length === 0 ? (
            <p>{t('storage.none')}</p>
          ) : (
            <ul aria-label={t('storage.models')}>
              {facts.models.map((m) => (
                <li key={m.modelId}>
                  <span>
                    <strong>{m.name}</strong> · {formatBytes(m.bytes)} · {m.variants.map((v) => (v.complete ? v.dtype : t('storage.incomplete', { dtype: v.dtype }))).join(', ')}
                    <br />
                    <small>
                      {lastUsed[m.modelId] ? t('storage.lastUsed', { date: formatDate(lastUsed[m.modelId] ?? 0) }) : t('storage.notUsed')} ·{' '}
                      {t('storage.stored', { date: formatDate(m.lastStoredAt, { dateStyle: 'medium' }) })}
                    </small>
                  </span>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('storage.deleteModel', { name: m.name })}
                    onClick={() => {
                      const repo = findModel(m.modelId)?.repo;
                      void modelFiles
                        .deleteMany(m.files)
                        .then(() => (repo ? forgetPins(repo) : undefined))
                        .catch(() => undefined)
                        .then(refresh);
                    }}
                  >
                    {t('storage.delete')}
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
