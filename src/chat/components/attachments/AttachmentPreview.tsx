// How an attachment looks, in the composer and in the conversation: a thumbnail, a waveform with its length, or a strip of video frames.

import { describeSeconds } from '../../../media/limits';
import { formatBytes } from '../../../shared/format';
import type { Attachment } from '../../../domain/conversation';
import { useMediaUrls } from './use-media';
import { DocumentIcon, documentFacts } from '../../../documents/components/DocumentCard';
import { useTranslation } from '../../../i18n/react';
import { tr } from '../../../i18n/i18n';

export function Waveform({ peaks, label }: { peaks: readonly number[]; label: string }) {
  const width = peaks.length * 3;
  return (
    <svg className="waveform" viewBox={`0 0 ${width} 24`} role="img" aria-label={label} preserveAspectRatio="none">
      {peaks.map((p, i) => {
        const h = Math.max(1, p * 22);
        return <rect key={i} x={i * 3} y={12 - h / 2} width={2} height={h} rx={1} />;
      })}
    </svg>
  );
}

export function AttachmentPreview({ attachment }: { attachment: Attachment }) {
  // A document's text lives in the library, not the media store; it is shown as what it is, never rendered.
  if (attachment.kind === 'document') return <DocumentIcon name={attachment.name} />;
  return <MediaPreview attachment={attachment} />;
}

function MediaPreview({ attachment }: { attachment: Attachment }) {
  const { thumbnail, images, missing } = useMediaUrls(attachment.id, attachment.kind === 'video');
  const { kind, name } = attachment;
  const { t } = useTranslation('chat');
  if (missing) return <span className="attachment-missing">{t('preview.missing', { name })}</span>;
  if (kind === 'image') {
    return thumbnail ? <img className="attachment-thumb" src={thumbnail} alt={t('preview.picture', { name })} /> : <span className="attachment-thumb placeholder" aria-hidden="true" />;
  }
  if (kind === 'video') {
    return (
      <span className="frame-strip" role="img" aria-label={t('preview.video', { name, frames: attachment.frames ?? 0, length: describeSeconds(attachment.durationSeconds ?? 0) })}>
        {images.map((url, i) => (
          <img key={url} src={url} alt="" data-frame={i} />
        ))}
      </span>
    );
  }
  return <Waveform peaks={attachment.peaks ?? []} label={t('preview.audio', { name, length: describeSeconds(attachment.durationSeconds ?? 0) })}
 />;
}

/** One line under the preview: the name and what matters about the file. */
export function attachmentFacts(a: Attachment): string {
  if (a.kind === 'document') return documentFacts(a);
  const parts = [a.format.toUpperCase(), formatBytes(a.bytes)];
  if (a.kind === 'image' && a.width && a.height) parts.push(`${a.width}×${a.height}`);
  if (a.durationSeconds !== undefined) parts.push(describeSeconds(a.durationSeconds));
  if (a.kind === 'video') parts.push(tr(a.hasAudio ? 'chat:preview.framesSound' : 'chat:preview.frames', { count: a.frames ?? 0 }));
  return parts.join(' · ');
}
