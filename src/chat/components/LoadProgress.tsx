// A model's download and preparation progress, per file; loads with the first model load (keeps the app shell small).

import { useSensa } from '../store-context';
import { formatBytes, formatPercent, percent } from '../../shared/format';
import { describeSeconds } from '../../media/limits';
import { secondsLeft } from '../../models/download-rate';
import { useTranslation } from '../../i18n/react';

export function LoadProgress() {
  const { t } = useTranslation('models');
  const model = useSensa((s) => s.model);
  if (model.phase !== 'loading') return null;
  const progress = model.progress;
  const total = progress ? percent(progress.loaded, progress.total) : 0;
  const rate = progress?.bytesPerSecond ?? null;
  const left = progress ? secondsLeft(progress.loaded, progress.total, rate) : null;
  return (
    <div className="load-progress" aria-label={t('progress.label')}>
      <div className="progress-line">
        <span>
          {model.choice.device === 'remote' ? t('progress.asking', { host: model.choice.host }) : model.stage === 'warming-up' ? t('progress.preparing') : progress ? t('progress.downloading', { loaded: formatBytes(progress.loaded), total: formatBytes(progress.total) }) : t('progress.starting')}
        </span>
        <span>
          {model.stage !== 'warming-up' && rate !== null && (
            <span className="download-rate" data-testid="download-rate">
              {t('progress.rate', { size: formatBytes(rate) })}{left !== null ? ` · ${t('progress.left', { time: describeSeconds(left) })}` : ''} ·{' '}
            </span>
          )}
          {formatPercent(total)}
        </span>
      </div>
      <progress max={100} value={total} aria-label={t('progress.total')} />
      {progress && progress.files.length > 0 && (
        <ul className="file-progress">
          {progress.files.map((f) => {
            const fileRate = f.done ? null : (progress.fileBytesPerSecond?.[f.file] ?? null);
            const fileLeft = secondsLeft(f.loaded, f.total, fileRate);
            return (
              <li key={f.file}>
                <span className="file-name">{f.file}</span>
                <progress max={100} value={f.done ? 100 : percent(f.loaded, f.total)} aria-label={t('progress.file', { file: f.file })} />
                <span className="file-size">
                  {f.done ? formatBytes(f.total) : formatPercent(percent(f.loaded, f.total))}
                  {fileRate !== null && (
                    <span className="file-rate" data-testid="file-rate">
                      {' '}
                      · {t('progress.rate', { size: formatBytes(fileRate) })}{fileLeft !== null ? ` · ${t('progress.left', { time: describeSeconds(fileLeft) })}` : ''}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
