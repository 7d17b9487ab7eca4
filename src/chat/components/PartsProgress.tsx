// While the loaded model adds an encoder for the turn just sent (Gemma 4's picture or sound part): what is downloading and how far it is.

import { useSensa } from '../store-context';
import { findModel } from '../../models/catalog';
import { secondsLeft } from '../../models/download-rate';
import { describeSeconds } from '../../media/limits';
import { formatBytes, percent } from '../../shared/format';
import { partsName } from '../lazy-parts';
import { useTranslation } from '../../i18n/react';

export function PartsProgress() {
  const download = useSensa((s) => s.partsDownload);
  const { t } = useTranslation('chat');
  if (!download) return null;
  const name = findModel(download.modelId)?.name ?? download.modelId;
  const { progress } = download;
  const total = progress ? percent(progress.loaded, progress.total) : 0;
  const rate = progress?.bytesPerSecond ?? null;
  const left = progress ? secondsLeft(progress.loaded, progress.total, rate) : null;
  return (
    <div className="load-progress parts-progress" role="status" aria-label={t('parts.label')}>
      <div className="progress-line">
        <span>
          {t('parts.adding', { name, parts: partsName(download.parts) })}
          {progress && progress.total > 0 ? t('parts.bytes', { loaded: formatBytes(progress.loaded), total: formatBytes(progress.total) }) : t('parts.ellipsis')}
        </span>
        <span>
          {rate !== null && left !== null ? t('parts.rate', { rate: formatBytes(rate), left: describeSeconds(left) }) : ''}
          {t('parts.percent', { percent: total })}
        </span>
      </div>
      <progress max={100} value={total} aria-label={t('parts.progress')} />
      {progress && progress.files.length > 0 && (
        <ul className="file-progress">
          {progress.files.map((f) => (
            <li key={f.file}>
              <span className="file-name">{f.file}</span>
              <progress max={100} value={f.done ? 100 : percent(f.loaded, f.total)} aria-label={t('parts.file', { file: f.file })} />
              <span className="file-size">{f.done ? formatBytes(f.total) : t('parts.percent', { percent: percent(f.loaded, f.total) })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** While a document made with another embedding model is embedded again before this answer: which, and how far. */
export function DocumentRebuildProgress() {
  const rebuild = useSensa((s) => s.documentRebuild);
  const { t } = useTranslation('chat');
  if (!rebuild) return null;
  return (
    <div className="load-progress parts-progress" role="status" aria-label={t('parts.vectors')}>
      <div className="progress-line">
        <span>{t('parts.reembedding', { title: rebuild.title, done: rebuild.done, total: rebuild.total })}</span>
        <span>{t('parts.percent', { percent: percent(rebuild.done, rebuild.total) })}</span>
      </div>
      <progress max={100} value={percent(rebuild.done, rebuild.total)} aria-label={t('parts.reembedded')}
 />
    </div>
  );
}
