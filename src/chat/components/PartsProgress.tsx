// While the loaded model adds an encoder for the turn just sent (Gemma 4's picture or sound part): what is downloading and how far it is.

import { useSensa } from '../store-context';
import { findModel } from '../../models/catalog';
import { secondsLeft } from '../../models/download-rate';
import { describeSeconds } from '../../media/limits';
import { formatBytes, percent } from '../../shared/format';
import { partsName } from '../lazy-parts';

export function PartsProgress() {
  const download = useSensa((s) => s.partsDownload);
  if (!download) return null;
  const name = findModel(download.modelId)?.name ?? download.modelId;
  const { progress } = download;
  const total = progress ? percent(progress.loaded, progress.total) : 0;
  const rate = progress?.bytesPerSecond ?? null;
  const left = progress ? secondsLeft(progress.loaded, progress.total, rate) : null;
  return (
    <div className="load-progress parts-progress" role="status" aria-label="Model part download">
      <div className="progress-line">
        <span>
          {`${name} is adding ${partsName(download.parts)}`}
          {progress && progress.total > 0 ? `: ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}` : '…'}
        </span>
        <span>
          {rate !== null && left !== null ? `${formatBytes(rate)}/s · ${describeSeconds(left)} left · ` : ''}
          {total}%
        </span>
      </div>
      <progress max={100} value={total} aria-label="Part download" />
      {progress && progress.files.length > 0 && (
        <ul className="file-progress">
          {progress.files.map((f) => (
            <li key={f.file}>
              <span className="file-name">{f.file}</span>
              <progress max={100} value={f.done ? 100 : percent(f.loaded, f.total)} aria-label={`Download of ${f.file}`} />
              <span className="file-size">{f.done ? formatBytes(f.total) : `${percent(f.loaded, f.total)}%`}</span>
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
  if (!rebuild) return null;
  return (
    <div className="load-progress parts-progress" role="status" aria-label="Document vectors">
      <div className="progress-line">
        <span>{`Embedding “${rebuild.title}” again for this embedding model: ${rebuild.done} of ${rebuild.total} passages`}</span>
        <span>{percent(rebuild.done, rebuild.total)}%</span>
      </div>
      <progress max={100} value={percent(rebuild.done, rebuild.total)} aria-label="Passages embedded again" />
    </div>
  );
}
