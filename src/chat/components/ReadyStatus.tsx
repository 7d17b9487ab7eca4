// The loaded model, where it runs and how it loaded; loads with the first model (keeps the app shell small).

import { useSensa } from '../store-context';
import { findModel } from '../../models/catalog';
import { formatBytes, formatMs } from '../../shared/format';
import { threadsLabel } from './threads-label';
import { remoteMarker } from '../../models/remote/endpoint';
import { useTranslation } from '../../i18n/react';

export function ReadyStatus() {
  const { t } = useTranslation('models');
  const model = useSensa((s) => s.model);
  if (model.phase !== 'ready') return null;
  const notStored = model.result.notStored;
  return (
    <>
      <p className="model-status" role="status">
        <span className="dot ready" aria-hidden="true" />{' '}
        {model.choice.device === 'remote' ? (
          <>
            {t('ready.remote', { name: findModel(model.modelId)?.remote?.model ?? '' })} <strong className="remote-marker">{remoteMarker(model.choice.host)}</strong>
          </>
        ) : (
          <>
            {t('ready.local', { name: findModel(model.modelId)?.name ?? '', dtype: model.choice.dtype, device: t(`panel.${model.choice.device}`) })}
            {model.result.threads !== undefined && `, ${threadsLabel(model.result.threads)}`} ·{' '}
            {model.result.downloadedFiles === 0 ? t('ready.fromCache') : t('ready.downloaded', { count: model.result.downloadedFiles })} · {formatMs(model.result.loadMs)}
          </>
        )}
      </p>
      {notStored && (
        <p className="model-fit wont-fit" role="alert" data-testid="not-stored">
          {t('ready.notStored', { count: notStored.files, size: formatBytes(notStored.bytes) })}
        </p>
      )}
    </>
  );
}
