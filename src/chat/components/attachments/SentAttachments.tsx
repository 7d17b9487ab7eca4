// The attachments of a sent message, kept visible in the conversation with the transcript where there is one.

import type { Attachment } from '../../../domain/conversation';
import { AttachmentPreview, attachmentFacts } from './AttachmentPreview';
import { SpokenLanguage } from './SpokenLanguage';
import { useTranslation } from '../../../i18n/react';

export function SentAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  const { t } = useTranslation('chat');
  return (
    <ul className="sent-attachments" aria-label={t('sent.list')}>
      {attachments.map((a) => (
        <li key={a.id} className={`attachment ${a.kind}`} data-kind={a.kind}>
          <AttachmentPreview attachment={a} />
          <span className="attachment-name" title={attachmentFacts(a)}>
            {a.name}
          </span>
          {a.transcript !== undefined && (
            <blockquote className="transcript" aria-label={t('tray.transcriptOf', { name: a.name })} lang={a.transcriptLanguage}>
              {a.transcript || t('sent.noSpeech')}

            </blockquote>
          )}
          {a.transcript !== undefined && <SpokenLanguage code={a.transcriptLanguage} />}
        </li>
      ))}
    </ul>
  );
}
