// The composer's attachments before sending: previews, remove buttons, errors, and the way out when the model cannot take one.

import { useId, useState } from 'react';
import { onEnter } from '../on-enter';
import { useSensa } from '../../store-context';
import { RECOGNIZER, findModel } from '../../../models/catalog';
import { describeError, errorMessage } from '../../../i18n/errors';
import { formatBytes, percent } from '../../../shared/format';
import { describeSeconds } from '../../../media/limits';
import { noticesFor, problemsFor, type Problem } from '../../attachment-routing';
import { SpokenLanguage } from './SpokenLanguage';
import { partsForAttachments, partsNotice } from '../../lazy-parts';
import { missingParts } from '../../../shared/model-parts';
import { MAX_SCANNED_PAGES, type DraftItem } from '../../store';
import { AttachmentPreview, attachmentFacts } from './AttachmentPreview';
import { useChatSlots } from '../slots';
import { useTranslation } from '../../../i18n/react';

/** A locked PDF's way in: its password, typed here and used for one read. */
function PasswordForm({ draftId, name }: { draftId: string; name: string }) {
  const unlock = useSensa((s) => s.unlockDocument);
  const [password, setPassword] = useState('');
  const id = useId();
  const { t } = useTranslation('chat');
  const submit = () => {
    if (password) void unlock(draftId, password);
  };
  return (
    // Not a <form>: the tray sits inside the composer's form, and forms do not nest.
    <div className="attachment-password" role="group" aria-label={t('tray.unlock', { name })} onKeyDown={onEnter(submit)}>
      <label htmlFor={id}>{t('tray.password', { name })}</label>
      {/* autoComplete off: a document's password is not this site's, and the browser should not offer to save it. */}
      <input id={id} type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="button" className="button small primary" disabled={!password} onClick={submit}>
        {t('tray.open')}
      </button>
    </div>
  );
}

/** A document with scanned pages: they have no text to read, but a model that sees can look at them. */
function ScannedPages({ item }: { item: Extract<DraftItem, { status: 'ready' }> }) {
  const attachScannedPages = useSensa((s) => s.attachScannedPages);
  const { t } = useTranslation('chat');
  const scanned = item.attachment.scannedPages ?? 0;
  if (item.attachment.kind !== 'document' || scanned === 0) return null;
  const count = Math.min(scanned, MAX_SCANNED_PAGES);
  if (item.scanning === 'added') return <span className="attachment-facts">{t('tray.scannedAdded', { count })}</span>;
  if (item.scanning === true) {
    return (
      <span className="attachment-facts" role="status">
        {t('tray.scannedDrawing', { count })}
      </span>
    );
  }
  return (
    <>
      <button type="button" className="button small" onClick={() => void attachScannedPages(item.id)}>
        {count === 1 || count === scanned ? t('tray.scannedAdd', { count }) : t('tray.scannedAddFirst', { count })}
      </button>
      {item.scanning && (
        <span className="attachment-error" role="alert">
          {errorMessage(item.scanning.error)}
        </span>
      )}
    </>
  );
}

/** What other features offer on a ready audio or video attachment (the app fills the slot: Caption). */
function MediaActions({ item }: { item: Extract<DraftItem, { status: 'ready' }> }) {
  const { DraftMediaActions } = useChatSlots();
  const draftFile = useSensa((s) => s.draftFile);
  const kind = item.attachment.kind;
  if (!DraftMediaActions || (kind !== 'audio' && kind !== 'video')) return null;
  return <DraftMediaActions name={item.name} kind={kind} file={() => draftFile(item.id)} />;
}

function TrayItem({ item }: { item: DraftItem }) {
  const remove = useSensa((s) => s.removeAttachment);
  const { t } = useTranslation('chat');
  return (
    <li className={`attachment draft ${item.status}`} data-status={item.status} aria-label={t('tray.item', { name: item.name })}>
      {item.status === 'ready' && <AttachmentPreview attachment={item.attachment} />}
      {item.status === 'preparing' && <span className="attachment-thumb placeholder" aria-hidden="true" />}
      <span className="attachment-body">
        <span className="attachment-name">{item.name}</span>
        {item.status === 'preparing' && (
          <span className="attachment-facts" role="status">
            {item.progress ?? t('tray.checking')}
          </span>
        )}
        {item.status === 'ready' && <span className="attachment-facts">{attachmentFacts(item.attachment)}</span>}
        {item.status === 'ready' && <ScannedPages item={item} />}
        {item.status === 'ready' && <MediaActions item={item} />}
        {item.status === 'error' && (
          <span className="attachment-error" role="alert">
            {errorMessage(item.error)}
          </span>
        )}
        {item.status === 'error' && item.error.code === 'password-required' && <PasswordForm draftId={item.id} name={item.name} />}
        {item.status === 'ready' && item.attachment.transcript !== undefined && (
          <>
            <span className="transcript" aria-label={t('tray.transcriptOf', { name: item.name })} lang={item.attachment.transcriptLanguage}>
              {t('tray.quoted', { text: item.attachment.transcript || t('tray.noSpeech') })}
            </span>
            <SpokenLanguage code={item.attachment.transcriptLanguage} />
          </>
        )}
        {item.status === 'ready' && item.transcribing && (
          <span className="attachment-facts" role="status">
            {item.transcribing === true
              ? t('tray.transcribing')
              : t('tray.downloadingRecognizer', { size: formatBytes(item.transcribing.loaded), percent: percent(item.transcribing.loaded, item.transcribing.total) })}
          </span>
        )}
        {item.status === 'ready' && item.transcribeError && (
          <span className="attachment-error" role="alert">
            {describeError(item.transcribeError).title}: {errorMessage(item.transcribeError)}
          </span>
        )}
      </span>
      <button type="button" className="button ghost small remove" onClick={() => remove(item.id)} aria-label={t('tray.remove', { name: item.name })}>
        {t('tray.removeMark')}
      </button>
    </li>
  );
}

function ProblemLine({ problem, draftIdOf }: { problem: Problem; draftIdOf: (attachmentId: string) => string | undefined }) {
  const selectModel = useSensa((s) => s.selectModel);
  const loadModel = useSensa((s) => s.loadModel);
  const transcribe = useSensa((s) => s.transcribeAttachment);
  const { t } = useTranslation('chat');
  const current = useSensa((s) => (s.model.phase === 'ready' ? findModel(s.model.modelId)?.name : undefined)) ?? t('problem.thisModel');
  const switchTo = (id: string) => {
    selectModel(id);
    void loadModel();
  };
  const switchButtons = (alternatives: { id: string; name: string }[]) =>
    alternatives.map((m) => (
      <button key={m.id} type="button" className="button small" onClick={() => switchTo(m.id)}>
        {t('problem.switchTo', { name: m.name })}
      </button>
    ));
  switch (problem.kind) {
    case 'cannot-see':
      return (
        <p className="attachment-problem" role="alert">
          {t('problem.cannotSee', { model: current, name: problem.name })} {switchButtons(problem.alternatives)}
        </p>
      );
    case 'cannot-hear':
    case 'too-long-to-hear': {
      const draftId = draftIdOf(problem.attachmentId);
      return (
        <p className="attachment-problem" role="alert">
          {problem.kind === 'cannot-hear'
            ? t('problem.cannotHear', { model: current, name: problem.name })
            : t('problem.tooLong', { model: current, name: problem.name, limit: describeSeconds(problem.limitSeconds) })}{' '}
          {RECOGNIZER && draftId && (
            <button type="button" className="button small primary" onClick={() => void transcribe(draftId)}>
              {t('problem.transcribe', { name: RECOGNIZER.name })}
            </button>
          )}{' '}
          {problem.kind === 'cannot-hear' && switchButtons(problem.alternatives)}
        </p>
      );
    }
    case 'too-many-clips':
      return (
        <p className="attachment-problem" role="alert">
          {t('problem.tooManyClips', { model: current, count: problem.limit, has: problem.count })}
        </p>
      );
    case 'too-many-images':
      return (
        <p className="attachment-problem" role="alert">
          {t('problem.tooManyImages', { model: current, limit: problem.limit, count: problem.count })}
        </p>
      );
  }
}

export function AttachmentTray() {
  const draft = useSensa((s) => s.draft);
  const model = useSensa((s) => s.model);
  const { t } = useTranslation('chat');
  if (draft.length === 0) return null;
  const spec = model.phase === 'ready' ? findModel(model.modelId) : undefined;
  const attachments = draft.flatMap((d) => (d.status === 'ready' ? [d.attachment] : []));
  const problems = spec ? problemsFor(spec, attachments) : [];
  const notices = spec ? noticesFor(spec, attachments) : [];
  // Said before sending: a text-first model (Gemma 4) downloads the encoder for this the first time.
  const lazy = model.phase === 'ready' ? missingParts(spec ? partsForAttachments(spec, attachments) : [], model.result.lazyParts) : [];
  const partsNote = spec && model.phase === 'ready' && model.choice.dtype !== null && lazy.length > 0 ? partsNotice(spec, model.choice.dtype, lazy) : null;
  const draftIdOf = (attachmentId: string) => draft.find((d) => d.status === 'ready' && d.attachment.id === attachmentId)?.id;
  return (
    <div className="attachment-tray">
      <ul aria-label={t('tray.list')}>

        {draft.map((item) => (
          <TrayItem key={item.id} item={item} />
        ))}
      </ul>
      {problems.map((p, i) => (
        <ProblemLine key={i} problem={p} draftIdOf={draftIdOf} />
      ))}
      {notices.map((n) => (
        <p key={n} className="attachment-notice" role="note">
          {n}
        </p>
      ))}
      {partsNote && (
        <p className="attachment-notice" role="note" data-testid="parts-notice">
          {partsNote}
        </p>
      )}
    </div>
  );
}
