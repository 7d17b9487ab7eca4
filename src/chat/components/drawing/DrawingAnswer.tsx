// An answer of the image model: progress while it draws, then the pictures with their seed, guidance, count, Regenerate, Download and "Ask about this picture".

import { useState } from 'react';
import { Download, MessageSquareText, RefreshCw } from 'lucide-react';
import { describeError } from '../../../shared/errors';
import { formatMs } from '../../../shared/format';
import { findModel } from '../../../models/catalog';
import type { Attachment, Message } from '../../../domain/conversation';
import { useSensa } from '../../store-context';
import { useMediaUrls } from '../attachments/use-media';
import { MAX_PICTURES } from '../../store/drawing-slice';

/** Time left from the pace so far; null until a few tokens give a pace. */
export function timeLeftMs(done: number, total: number, elapsedMs: number): number | null {
  if (done < 2 || total <= done) return null;
  return (elapsedMs / done) * (total - done);
}

function DrawingProgressBar({ messageId }: { messageId: string }) {
  const progress = useSensa((s) => (s.drawing?.messageId === messageId ? s.drawing : null));
  if (!progress) return null;
  if (progress.total === null) {
    const download = progress.download;
    return (
      <p className="message-note" role="status">
        {download && download.total > 0 && download.loaded < download.total ? `Downloading the image model… ${Math.round((download.loaded / download.total) * 100)}%` : 'Getting the image model ready…'}
      </p>
    );
  }
  const left = timeLeftMs(progress.done, progress.total, progress.elapsedMs);
  return (
    <div className="drawing-progress">
      <progress max={progress.total} value={progress.done} aria-label="Drawing progress" />
      <span role="status">
        {progress.done} of {progress.total} image tokens{left !== null ? ` · about ${formatMs(left)} left` : ''}
      </span>
    </div>
  );
}

function Picture({ attachment, prompt }: { attachment: Attachment; prompt: string }) {
  const { thumbnail, missing } = useMediaUrls(attachment.id);
  const askAboutPicture = useSensa((s) => s.askAboutPicture);
  if (missing) return <p className="message-note">This picture's bytes are missing from this device.</p>;
  return (
    <figure className="drawn-picture">
      {thumbnail ? <img src={thumbnail} alt={`Drawn: ${prompt}`} width={attachment.width} height={attachment.height} data-attachment={attachment.id} /> : <span className="attachment-thumb placeholder" aria-hidden="true" />}
      <figcaption className="drawn-actions">
        {thumbnail && (
          <a className="button ghost small" href={thumbnail} download={attachment.name}>
            <Download size={16} aria-hidden="true" focusable="false" /> Download PNG
          </a>
        )}
        <button type="button" className="button ghost small" onClick={() => askAboutPicture(attachment)}>
          <MessageSquareText size={16} aria-hidden="true" focusable="false" /> Ask about this picture
        </button>
      </figcaption>
    </figure>
  );
}

export function DrawingAnswer({ message }: { message: Message }) {
  const record = message.drawing;
  const busy = useSensa((s) => s.drawing !== null || s.generating !== null);
  const redraw = useSensa((s) => s.redraw);
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
    <article className="message assistant drawing" aria-label="Sensa drew" aria-busy={message.status === 'streaming'} data-status={message.status}>
      {message.status === 'streaming' && <DrawingProgressBar messageId={message.id} />}
      {message.status === 'stopped' && <p className="message-note">Stopped. No picture was kept.</p>}
      {message.status === 'interrupted' && <p className="message-note">Interrupted: the page closed while this picture was being drawn.</p>}
      {message.status === 'error' && message.error && (
        <div className="error-inline" role="alert">
          <strong>{describeError(message.error).title}.</strong> {message.error.message}
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
          aria-label="Picture settings"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) void redraw(message.id, { seed: seedValue, guidance: guidanceValue, count: Number(count) });
          }}
        >
          <label>
            Seed <input inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} aria-describedby={`seed-note-${message.id}`} size={10} />
          </label>
          <label>
            Guidance <input type="number" min={1} max={20} step={0.5} value={guidance} onChange={(e) => setGuidance(e.target.value)} />
          </label>
          <label>
            Pictures{' '}
            <select value={count} onChange={(e) => setCount(e.target.value)}>
              {Array.from({ length: MAX_PICTURES }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button ghost small" disabled={busy || !valid}>
            <RefreshCw size={16} aria-hidden="true" focusable="false" /> Regenerate
          </button>
          <span id={`seed-note-${message.id}`} className="message-figures">
            Same seed, same picture. {model?.name ?? record.modelId} · {record.device === 'webgpu' ? 'WebGPU' : 'CPU'} {record.dtype}
            {record.ms !== undefined ? ` · ${formatMs(record.ms)}` : ''}
            {record.imageTokensPerSecond ? ` · ${record.imageTokensPerSecond.toFixed(1)} image tokens/s` : ''}
          </span>
        </form>
      )}
    </article>
  );
}
