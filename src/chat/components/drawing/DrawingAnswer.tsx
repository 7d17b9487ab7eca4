// An answer of the image model: progress while it draws, then the pictures with their seed, guidance, count, Regenerate, Download and "Ask about this picture".

import { useState } from 'react';
import { Download, MessageSquareText, RefreshCw } from 'lucide-react';
import { describeError, errorMessage } from '../../../i18n/errors';
import { formatMs } from '../../../shared/format';
import { findModel } from '../../../models/catalog';
import type { Attachment, Message } from '../../../domain/conversation';
import { useSensa } from '../../store-context';
import { useMediaUrls } from '../attachments/use-media';
import { MAX_PICTURES } from '../../store/drawing-slice';
import { useTranslation } from '../../../i18n/react';

/** Time left from the pace so far; null until a few tokens give a pace. */
export function timeLeftMs(done: number, total: number, elapsedMs: number): number | null {
  if (done < 2 || total <= done) return null;
  return (elapsedMs / done) * (total - done);
}

function DrawingProgressBar({ messageId }: { messageId: string }) {
  const progress = useSensa((s) => (s.drawing?.messageId === messageId ? s.drawing : null));
  const { t } = useTranslation('drawing');
  if (!progress) return null;
  if (progress.total === null) {
    const download = progress.download;
    return (
      <p className="message-note" role="status">
        {download && download.total > 0 && download.loaded < download.total ? t('drawing.downloading', { percent: Math.round((download.loaded / download.total) * 100) }) : t('drawing.preparing')}
      </p>
    );
  }
  const left = timeLeftMs(progress.done, progress.total, progress.elapsedMs);
  return (
    <div className="drawing-progress">
      <progress max={progress.total} value={progress.done} aria-label={t('drawing.progress')} />
      <span role="status">
        {t('drawing.tokens', { done: progress.done, total: progress.total })}
        {left !== null ? t('drawing.left', { time: formatMs(left) }) : ''}
      </span>
    </div>
  );
}

function Picture({ attachment, prompt }: { attachment: Attachment; prompt: string }) {
  const { thumbnail, missing } = useMediaUrls(attachment.id);
  const askAboutPicture = useSensa((s) => s.askAboutPicture);
  const { t } = useTranslation('drawing');
  if (missing) return <p className="message-note">{t('drawing.missing')}</p>;
  return (
    <figure className="drawn-picture">
      {thumbnail ? <img src={thumbnail} alt={t('drawing.alt', { prompt })} width={attachment.width} height={attachment.height} data-attachment={attachment.id} /> : <span className="attachment-thumb placeholder" aria-hidden="true" />}
      <figcaption className="drawn-actions">
        {thumbnail && (
          <a className="button ghost small" href={thumbnail} download={attachment.name}>
            <Download size={16} aria-hidden="true" focusable="false" /> {t('drawing.download')}
          </a>
        )}
        <button type="button" className="button ghost small" onClick={() => askAboutPicture(attachment)}>
          <MessageSquareText size={16} aria-hidden="true" focusable="false" /> {t('drawing.ask')}
        </button>
      </figcaption>
    </figure>
  );
}

export function DrawingAnswer({ message }: { message: Message }) {
  const record = message.drawing;
  const busy = useSensa((s) => s.drawing !== null || s.generating !== null);
  const redraw = useSensa((s) => s.redraw);
  const { t } = useTranslation('drawing');
  const [seed, setSeed] = useState(String(record?.seed ?? 0));
  const [guidance, setGuidance] = useState(String(record?.guidance ?? 5));
  const [count, setCount] = useState(String(record?.count ?? 1));
  if (!record) return null;
  const model = findModel(record.modelId);
  const pictures = (message.attachments ?? []).filter((a) => a.kind === 'image');
  const seedValue = Number(seed);
  const guidanceValue = Number(guidance);
  const valid = Number.isInteger(seedValue) && seedValue >= 0 && seedValue <= 0x7fffffff && Number.isFinite(guidanceValue) && guidanceValue >= 1 && guidanceValue <= 20;
  return (
    <article className="message assistant drawing" aria-label={t('drawing.label')} aria-busy={message.status === 'streaming'} data-status={message.status}>
      {message.status === 'streaming' && <DrawingProgressBar messageId={message.id} />}
      {message.status === 'stopped' && <p className="message-note">{t('drawing.stopped')}</p>}
      {message.status === 'interrupted' && <p className="message-note">{t('drawing.interrupted')}</p>}
      {message.status === 'error' && message.error && (
        <div className="error-inline" role="alert">
          <strong>{t('drawing.errorTitle', { title: describeError(message.error).title })}</strong> {errorMessage(message.error)}
        </div>
      )}
      {pictures.length > 0 && (
        <div className="drawn-pictures">
          {pictures.map((a) => (
            <Picture key={a.id} attachment={a} prompt={record.prompt} />
          ))}
        </div>
      )}
      {message.status !== 'streaming' && (
        <form
          className="drawing-controls"
          aria-label={t('drawing.settings')}
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) void redraw(message.id, { seed: seedValue, guidance: guidanceValue, count: Number(count) });
          }}
        >
          <label>
            {t('drawing.seed')} <input inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} aria-describedby={`seed-note-${message.id}`} size={10} />
          </label>
          <label>
            {t('drawing.guidance')} <input type="number" min={1} max={20} step={0.5} value={guidance} onChange={(e) => setGuidance(e.target.value)} />
          </label>
          <label>
            {t('drawing.pictures')}{' '}
            <select value={count} onChange={(e) => setCount(e.target.value)}>
              {Array.from({ length: MAX_PICTURES }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button ghost small" disabled={busy || !valid}>
            <RefreshCw size={16} aria-hidden="true" focusable="false" /> {t('chat:message.regenerate')}
          </button>
          <span id={`seed-note-${message.id}`} className="message-figures">
            {t('drawing.seedNote', { model: model?.name ?? record.modelId, device: record.device === 'webgpu' ? t('drawing.webgpu') : t('drawing.cpu'), dtype: record.dtype })}
            {record.ms !== undefined ? t('drawing.time', { time: formatMs(record.ms) }) : ''}
            {record.imageTokensPerSecond ? t('drawing.rate', { rate: record.imageTokensPerSecond.toFixed(1) }) : ''}

          </span>
        </form>
      )}
    </article>
  );
}
