// One message: the person's text, or an answer with its thinking section, status and figures.

import { memo } from 'react';
import { describeError } from '../../shared/errors';
import { formatMs } from '../../shared/format';
import { findModel } from '../../models/catalog';
import { splitThinking } from '../thinking';
import type { Message } from '../types';

interface Props {
  message: Message;
  onRetry?: (id: string) => void;
}

export const MessageView = memo(function MessageView({ message, onRetry }: Props) {
  if (message.role === 'user') {
    return (
      <article className="message user" aria-label="You said">
        <div className="bubble">{message.content}</div>
      </article>
    );
  }
  const { thinking, thinkingOpen, answer } = splitThinking(message.content);
  const streaming = message.status === 'streaming';
  const record = message.answer;
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
      <div className="answer" data-testid="answer">
        {answer}
        {streaming && !thinkingOpen && <span className="caret" aria-hidden="true" />}
      </div>
      {message.status === 'stopped' && <p className="message-note">Stopped.</p>}
      {message.status === 'interrupted' && <p className="message-note">Interrupted: the page closed while this answer was being written.</p>}
      {message.status === 'error' && message.error && (
        <div className="error-inline" role="alert">
          <strong>{describeError(message.error).title}.</strong> {message.error.message}
          {onRetry && (
            <button type="button" className="button small" onClick={() => onRetry(message.id)}>
              Retry
            </button>
          )}
        </div>
      )}
      {record && !streaming && message.status !== 'error' && (
        <p className="message-meta" data-testid="answer-meta">
          {findModel(record.modelId)?.name ?? record.modelId} · {record.dtype} · {record.device === 'webgpu' ? 'WebGPU' : 'WASM'}
          {record.tokens ? ` · ${record.tokens} tokens` : ''}
          {record.timeToFirstTokenMs ? ` · first token ${formatMs(record.timeToFirstTokenMs)}` : ''}
          {record.tokensPerSecond ? ` · ${record.tokensPerSecond.toFixed(1)} tok/s` : ''}
        </p>
      )}
    </article>
  );
});
