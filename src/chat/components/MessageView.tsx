// One message: the person's text (editable), or an answer rendered as safe markdown with its thinking, status and figures.

import { memo, Suspense, useCallback, useMemo, useState } from 'react';
import { lazyPart } from './lazy-part';
import { describeError, errorMessage } from '../../i18n/errors';
import { formatMs, formatNumber } from '../../shared/format';
import { findModel } from '../../models/catalog';
import { remoteMarker } from '../../models/remote/endpoint';
import { Markdown } from '../markdown/LazyMarkdown';
import type { AnswerCitations } from '../markdown/Markdown';
import { CopyButton } from './CopyButton';
import { SpokenLanguage } from './attachments/SpokenLanguage';
import { splitThinking } from '../thinking';
import type { Message } from '../../domain/conversation';
import type { EncoderRuns } from '../../domain/turn';
import { SentAttachments } from './attachments/SentAttachments';
import { useChatSlots } from './slots';
import { CitationChip, passageFor } from '../../documents/components/Sources';
const AnswerSources = lazyPart(() => import('../../documents/components/AnswerSources').then((m) => m.AnswerSources));
import { useTranslation } from '../../i18n/react';
import { tr } from '../../i18n/i18n';
const PassageView = lazyPart(() => import('../../documents/components/PassageView').then((m) => m.PassageView));
// Tool calls and drawings are in few answers: their code loads with the first such answer (keeps the app shell small).
const ToolCalls = lazyPart(() => import('./ToolCalls').then((m) => m.ToolCalls));
const DrawingAnswer = lazyPart(() => import('./drawing/DrawingAnswer').then((m) => m.DrawingAnswer));
import { BranchNav } from './BranchNav';
import type { Fork } from '../../domain/branches';

/** How often the answer ran the model's encoders: never, for a follow-up whose pictures and sounds the cache holds. */
function encoderLine(runs: EncoderRuns): string {
  const ran = [runs.vision ? tr('chat:meta.vision', { count: runs.vision }) : '', runs.audio ? tr('chat:meta.audio', { count: runs.audio }) : ''].filter(Boolean);
  return ran.length > 0 ? ran.join(', ') : tr('chat:meta.noEncoder');
}

interface Props {
  message: Message;
  busy: boolean;
  canRegenerate: boolean;
  onRetry: (id: string) => void;
  onEdit: (id: string, text: string) => void;
  /** Where the message has other versions: which one this is (flat, so memo skips it while another message streams). */
  versionPosition?: number;
  versionCount?: number;
  previousVersionId?: string;
  nextVersionId?: string;
  onViewVersion: (id: string, versionId: string) => void;
}

export const MessageView = memo(function MessageView(props: Props) {
  const { message } = props;
  if (message.role === 'user') return <UserMessage {...props} />;
  if (message.drawing)
    return (
      <Suspense fallback={null}>
        <DrawingAnswer message={message} />
      </Suspense>
    );
  return <AssistantMessage {...props} />;
});

function Versions({ message, busy, versionPosition, versionCount, previousVersionId, nextVersionId, onViewVersion }: Props) {
  if (!versionPosition || !versionCount) return null;
  const fork: Fork = { position: versionPosition, count: versionCount, previousId: previousVersionId, nextId: nextVersionId };
  return <BranchNav fork={fork} disabled={busy} onView={(versionId) => onViewVersion(message.id, versionId)} />;
}

function AssistantMessage(props: Props) {
  const { message, busy, canRegenerate, onRetry } = props;
  const { t } = useTranslation('chat');
  const { AnswerActions } = useChatSlots();
  const streaming = message.status === 'streaming';
  const split = splitThinking(message.content);
  const { thinking, thinkingOpen } = split;
  // A tool call being written is shown as its fold once it is read, not as raw JSON while it streams.
  const callStart = streaming ? split.answer.indexOf('<tool_call>') : -1;
  const answer = callStart === -1 ? split.answer : split.answer.slice(0, callStart);
  const record = message.answer;
  const retrieval = record?.retrieval;
  // One passage view for the chips in the text and the chips under it.
  const [openCitation, setOpenCitation] = useState<number | null>(null);
  const open = useCallback((citation: number) => setOpenCitation(citation), []);
  const citations = useMemo<AnswerCitations | undefined>(
    () =>
      retrieval && retrieval.passages.length > 0
        ? {
            count: retrieval.passages.length,
            render: (n) => {
              const passage = passageFor(retrieval, n);
              return passage ? <CitationChip passage={passage} onOpen={open} inline /> : `[${n}]`;
            },
          }
        : undefined,
    [retrieval, open],
  );
  const openPassage = retrieval && openCitation !== null ? passageFor(retrieval, openCitation) : undefined;
  return (
    <article className="message assistant" aria-label={t('message.answered')} aria-busy={streaming} data-status={message.status}>
      {thinking !== null && (
        <details className="thinking" open={thinkingOpen}>
          <summary>{thinkingOpen ? t('message.thinking') : t('message.thought')}</summary>
          <div className="thinking-text" data-testid="thinking" dir="auto">
            {thinking}
          </div>
        </details>
      )}
      {message.toolCalls && message.toolCalls.length > 0 && (
        <Suspense fallback={null}>
          <ToolCalls messageId={message.id} calls={message.toolCalls} />
        </Suspense>
      )}
      {callStart !== -1 && <p className="message-note">{t('message.callingTool')}</p>}
      <div className="answer" data-testid="answer" dir="auto">
        {/* Footnote ids are the answer's own: another answer's "[^1]" must not lead here. */}
        <Markdown text={answer} idPrefix={`user-content-${message.id}-`} citations={citations} />
        {streaming && !thinkingOpen && <span className="caret" aria-hidden="true" />}
      </div>
      {retrieval && !streaming && (
        <Suspense fallback={null}>
          <AnswerSources retrieval={retrieval} answer={answer} onOpen={open} />
        </Suspense>
      )}
      {openPassage && (
        <Suspense fallback={null}>
          <PassageView passage={openPassage} onClose={() => setOpenCitation(null)} />
        </Suspense>
      )}
      {message.status === 'stopped' && <p className="message-note">{t('message.stopped')}</p>}
      {message.status === 'interrupted' && <p className="message-note">{t('message.interrupted')}</p>}
      {message.status === 'error' && message.error && (
        <div className="error-inline" role="alert">
          <strong>{describeError(message.error).title}.</strong> {errorMessage(message.error)}
          <button type="button" className="button small" onClick={() => onRetry(message.id)} disabled={busy}>
            {t('common:retry')}
          </button>
        </div>
      )}
      {!streaming && message.status !== 'error' && (
        <div className="message-footer">
          {record && (
            <p
              className="message-meta"
              data-testid="answer-meta"
              // Machine-readable figures for the benchmark and for anyone scripting the page.
              data-ttft-ms={record.timeToFirstTokenMs}
              data-tokens={record.tokens}
              data-tokens-per-second={record.tokensPerSecond}
              data-prompt-tokens={record.promptTokens}
              data-reused-tokens={record.reusedTokens}
              data-vision-runs={record.encoderRuns?.vision}
              data-audio-runs={record.encoderRuns?.audio}
            >
              {record.device === 'remote' ? (
                <>
                  {findModel(record.modelId)?.remote?.model ?? record.modelId.split(':').slice(2).join(':')}{' '}
                  <strong className="remote-marker">{remoteMarker(record.host ?? t('meta.aServer'))}</strong>
                </>
              ) : (
                <>
                  {findModel(record.modelId)?.name ?? record.modelId} · {record.dtype} · {record.device === 'webgpu' ? t('meta.webgpu') : t('meta.wasm')}

                </>
              )}
              {record.tokens ? ` · ${t('meta.tokens', { count: record.tokens })}` : ''}
              {record.timeToFirstTokenMs ? ` · ${t('meta.firstToken', { time: formatMs(record.timeToFirstTokenMs) })}` : ''}
              {record.tokensPerSecond ? ` · ${t('meta.rate', { rate: formatNumber(record.tokensPerSecond, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}` : ''}
              {record.promptTokens ? ` · ${t('meta.prompt', { count: record.promptTokens })}${record.reusedTokens ? ` ${t('meta.reused', { count: record.reusedTokens })}` : ''}` : ''}
              {record.encoderRuns ? ` · ${encoderLine(record.encoderRuns)}` : ''}
            </p>
          )}
          <div className="message-actions">
            <Versions {...props} />
            <CopyButton text={answer} label={t('message.copy')} />
            {AnswerActions && <AnswerActions messageId={message.id} text={answer} />}
            {canRegenerate && (
              <button type="button" className="button small" onClick={() => onRetry(message.id)} disabled={busy}>
                {t('message.regenerate')}
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
}

function UserMessage(props: Props) {
  const { message, busy, onEdit } = props;
  const { t } = useTranslation('chat');
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    return (
      <article className="message user" aria-label={t('message.youSaid')}>
        <form
          className="edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            onEdit(message.id, draft);
            setDraft(null);
          }}
        >
          <textarea dir="auto" aria-label={t('message.edit')} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus rows={3} />
          <div className="message-actions">
            <button type="button" className="button small" onClick={() => setDraft(null)}>
              {t('common:cancel')}
            </button>
            <button type="submit" className="button small primary" disabled={busy || (!draft.trim() && !message.attachments?.length)}>
              {t('message.saveAndAnswer')}
            </button>
          </div>
        </form>
      </article>
    );
  }
  return (
    <article className="message user" aria-label={t('message.youSaid')}>
      {message.attachments && message.attachments.length > 0 && <SentAttachments attachments={message.attachments} />}
      {message.content && (
        <div className="bubble" dir="auto" lang={message.language}>
          {message.content}
        </div>
      )}
      <SpokenLanguage code={message.language} />
      <div className="message-actions">
        <Versions {...props} />
        <CopyButton text={message.content} label={t('message.copy')} />
        <button type="button" className="button small" onClick={() => setDraft(message.content)} disabled={busy}>
          {t('message.editButton')}
        </button>
      </div>
    </article>
  );
}
