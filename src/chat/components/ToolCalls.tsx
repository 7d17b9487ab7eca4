// The tools an answer called, each as a fold (name, arguments, result, time taken), and the question asked before a
// tool's first run in a chat: Allow once / Allow in this chat / Deny.

import { formatMs } from '../../shared/format';
import type { ToolCallRecord } from '../../domain/tool-call';
import { toolPurpose } from '../../tools/definitions';
import { useSensa } from '../store-context';
import { useTranslation } from '../../i18n/react';

/** Each status's words, by key in the `tools` namespace. */
const STATUS_KEYS: Record<ToolCallRecord['status'], string> = {
  asking: 'calls.status.asking',
  running: 'calls.status.running',
  ran: 'calls.status.ran',
  denied: 'calls.status.denied',
  failed: 'calls.status.failed',
  'unknown-tool': 'calls.status.unknownTool',
  stopped: 'calls.status.stopped',
};

/** Stored records are read forgivingly: a damaged one shows what it has rather than breaking the chat. */
function argumentsText(record: ToolCallRecord): string {
  try {
    return JSON.stringify(record.call?.arguments ?? {}, null, 2);
  } catch {
    return String(record.call?.arguments);
  }
}

export function ToolCalls({ messageId, calls }: { messageId: string; calls: readonly ToolCallRecord[] }) {
  return (
    <div className="tool-calls">
      {calls.map((record) => (
        <ToolCallFold key={record.id} messageId={messageId} record={record} />
      ))}
    </div>
  );
}

function ToolCallFold({ messageId, record }: { messageId: string; record: ToolCallRecord }) {
  const { t } = useTranslation('tools');
  const name = String(record.call?.name ?? '?');
  const statusKey = STATUS_KEYS[record.status] as string | undefined;
  const status = statusKey ? t(statusKey) : String(record.status);
  const finished = record.status !== 'asking' && record.status !== 'running';
  return (
    <details className="tool-call" data-testid="tool-call" data-status={record.status} open={record.status === 'asking'}>
      <summary>
        {t('calls.tool')} <code>{name}</code>
        {t('calls.statusLine', { status })}
        {finished && record.status !== 'denied' && record.status !== 'unknown-tool' ? ` · ${formatMs(record.elapsedMs)}` : ''}
      </summary>
      <div className="tool-call-body">
        <div className="tool-call-label">{t('calls.arguments')}</div>
        <pre data-testid="tool-arguments">{argumentsText(record)}</pre>
        {finished && (
          <>
            <div className="tool-call-label">{t('calls.result')}</div>
            <pre data-testid="tool-result">{String(record.result ?? '')}</pre>
          </>
        )}
      </div>
      {record.status === 'asking' && <ConsentPrompt messageId={messageId} callId={record.id} name={name} />}
    </details>
  );
}

function ConsentPrompt({ messageId, callId, name }: { messageId: string; callId: string; name: string }) {
  const request = useSensa((s) => s.toolConsent);
  const answer = useSensa((s) => s.answerToolConsent);
  const { t } = useTranslation('tools');
  if (request?.messageId !== messageId || request.callId !== callId) return null;
  return (
    <div className="tool-consent" role="group" aria-label={t('consent.label', { name })}>
      <p>{t('consent.question', { purpose: toolPurpose(name) ?? t('consent.use', { name }) })}</p>
      <div className="message-actions">
        <button type="button" className="button small primary" onClick={() => answer('allow-once')}>
          {t('consent.once')}
        </button>
        <button type="button" className="button small" onClick={() => answer('allow-chat')}>
          {t('consent.chat')}
        </button>
        <button type="button" className="button small" onClick={() => answer('deny')}>
          {t('consent.deny')}

        </button>
      </div>
    </div>
  );
}
