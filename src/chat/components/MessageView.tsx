// One message: the person's text (editable), or an answer rendered as safe markdown with its thinking, status and figures.

import { lazy, memo, Suspense, useCallback, useMemo, useState } from 'react';
import { describeError } from '../../shared/errors';
import { formatMs } from '../../shared/format';
import { findModel } from '../../models/catalog';
import { remoteMarker } from '../../models/remote/endpoint';
import { Markdown } from '../markdown/LazyMarkdown';
import type { AnswerCitations } from '../markdown/Markdown';
import { CopyButton } from './CopyButton';
import { splitThinking } from '../thinking';
import type { Message } from '../../domain/conversation';
import type { EncoderRuns } from '../../domain/turn';
import { SentAttachments } from './attachments/SentAttachments';
import { useChatSlots } from './slots';
import { AnswerSources, CitationChip, passageFor } from '../../documents/components/Sources';
const PassageView = lazy(() => import('../../documents/components/PassageView').then((m) => ({ default: m.PassageView })));
// Tool calls and drawings are in few answers: their code loads with the first such answer (keeps the app shell small).
const ToolCalls = lazy(() => import('./ToolCalls').then((m) => ({ default: m.ToolCalls })));
const DrawingAnswer = lazy(() => import('./drawing/DrawingAnswer').then((m) => ({ default: m.DrawingAnswer })));

/** How often the answer ran the model's encoders: never, for a follow-up whose pictures and sounds the cache holds. */
function encoderLine(runs: EncoderRuns): string {
  const ran = [runs.vision ? `vision encoder ×${runs.vision}` : '', runs.audio ? `audio encoder ×${runs.audio}` : ''].filter(Boolean);
  return ran.length > 0 ? ran.join(', ') : 'no encoder run';
}

interface Props {
  message: Message;
  busy: boolean;
  canRegenerate: boolean;
  onRetry: (id: string) => void;
  onEdit: (id: string, text: string) => void;
}

export const MessageView = memo(function MessageView({ message, busy, canRegenerate, onRetry, onEdit }: Props) {
  if (message.role === 'user') return <UserMessage message={message} busy={busy} onEdit={onEdit} />;
  if (message.drawing)
    return (
      <Suspense fallback={null}>
        <DrawingAnswer message={message} />
      </Suspense>
    );
  return <AssistantMessage message={message} busy={busy} canRegenerate={canRegenerate} onRetry={onRetry} onEdit={onEdit} />;
});

function AssistantMessage({ message, busy, canRegenerate, onRetry }: Props) {
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
    <article className="message assistant" aria-label="Sensa answered" aria-busy={streaming} data-status={message.status}>
      {thinking !== null && (
        <details className="thinking" open={thinkingOpen}>
          <summary>{thinkingOpen ? 'Thinking…' : 'Thought process'}</summary>
          <div className="thinking-text" data-testid="thinking">
            {thinking}
          </div>
        </details>
      )}
      {message.toolCalls && message.toolCalls.length > 0 && (
        <Suspense fallback={null}>
          <ToolCalls messageId={message.id} calls={message.toolCalls} />
        </Suspense>
      )}
      {callStart !== -1 && <p className="message-note">Calling a tool…</p>}
      <div className="answer" data-testid="answer">
        {/* Footnote ids are the answer's own: another answer's "[^1]" must not lead here. */}
        <Markdown text={answer} idPrefix={`user-content-${message.id}-`} citations={citations} />
        {streaming && !thinkingOpen && <span className="caret" aria-hidden="true" />}
      </div>
      {retrieval && !streaming && <AnswerSources retrieval={retrieval} answer={answer} onOpen={open} />}
      {openPassage && (
        <Suspense fallback={null}>
          <PassageView passage={openPassage} onClose={() => setOpenCitation(null)} />
        </Suspense>
      )}
      {message.status === 'stopped' && <p className="message-note">Stopped.</p>}
      {message.status === 'interrupted' && <p className="message-note">Interrupted: the page closed while this answer was being written.</p>}
      {message.status === 'error' && message.error && (
        <div className="error-inline" role="alert">
          <strong>{describeError(message.error).title}.</strong> {message.error.message}
          <button type="button" className="button small" onClick={() => onRetry(message.id)} disabled={busy}>
            Retry
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
                  <strong className="remote-marker">{remoteMarker(record.host ?? 'a server')}</strong>
                </>
              ) : (
                <>
                  {findModel(record.modelId)?.name ?? record.modelId} · {record.dtype} · {record.device === 'webgpu' ? 'WebGPU' : 'WASM'}
                </>
              )}
              {record.tokens ? ` · ${record.tokens} tokens` : ''}
              {record.timeToFirstTokenMs ? ` · first token ${formatMs(record.timeToFirstTokenMs)}` : ''}
              {record.tokensPerSecond ? ` · ${record.tokensPerSecond.toFixed(1)} tok/s` : ''}
              {record.promptTokens ? ` · prompt ${record.promptTokens} tokens${record.reusedTokens ? ` (${record.reusedTokens} from cache)` : ''}` : ''}
              {record.encoderRuns ? ` · ${encoderLine(record.encoderRuns)}` : ''}
            </p>
          )}
          <div className="message-actions">
            <CopyButton text={answer} label="Copy" />
            {AnswerActions && <AnswerActions messageId={message.id} text={answer} />}
            {canRegenerate && (
              <button type="button" className="button small" onClick={() => onRetry(message.id)} disabled={busy}>
                Regenerate
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
}

function UserMessage({ message, busy, onEdit }: { message: Message; busy: boolean; onEdit: Props['onEdit'] }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    return (
      <article className="message user" aria-label="You said">
        <form
          className="edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            onEdit(message.id, draft);
            setDraft(null);
          }}
        >
          <textarea aria-label="Edit message" value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus rows={3} />
          <div className="message-actions">
            <button type="button" className="button small" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="submit" className="button small primary" disabled={busy || (!draft.trim() && !message.attachments?.length)}>
              Save and answer again
            </button>
          </div>
        </form>
      </article>
    );
  }
  return (
    <article className="message user" aria-label="You said">
      {message.attachments && message.attachments.length > 0 && <SentAttachments attachments={message.attachments} />}
      {message.content && <div className="bubble">{message.content}</div>}
      <div className="message-actions">
        <CopyButton text={message.content} label="Copy" />
        <button type="button" className="button small" onClick={() => setDraft(message.content)} disabled={busy}>
          Edit
        </button>
      </div>
    </article>
  );
}
