// The tools an answer called, each as a fold (name, arguments, result, time taken), and the question asked before a
// tool's first run in a chat: Allow once / Allow in this chat / Deny.

import { formatMs } from '../../shared/format';
import type { ToolCallRecord } from '../../domain/tool-call';
import { TOOL_PURPOSE } from '../../tools/definitions';
import { useSensa } from '../store-context';

const STATUS_LABEL: Record<ToolCallRecord['status'], string> = {
  asking: 'waiting for you',
  running: 'running…',
  ran: 'done',
  denied: 'declined',
  failed: 'failed',
  'unknown-tool': 'no such tool',
  stopped: 'stopped',
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
  const name = String(record.call?.name ?? '?');
  const status = STATUS_LABEL[record.status] ?? String(record.status);
  const finished = record.status !== 'asking' && record.status !== 'running';
  return (
    <details className="tool-call" data-testid="tool-call" data-status={record.status} open={record.status === 'asking'}>
      <summary>
        Tool <code>{name}</code> · {status}
        {finished && record.status !== 'denied' && record.status !== 'unknown-tool' ? ` · ${formatMs(record.elapsedMs)}` : ''}
      </summary>
      <div className="tool-call-body">
        <div className="tool-call-label">Arguments</div>
        <pre data-testid="tool-arguments">{argumentsText(record)}</pre>
        {finished && (
          <>
            <div className="tool-call-label">Result (sent to the model)</div>
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
  if (request?.messageId !== messageId || request.callId !== callId) return null;
  return (
    <div className="tool-consent" role="group" aria-label={`Allow ${name}?`}>
      <p>
        The model wants to {TOOL_PURPOSE[name] ?? `use ${name}`}. Allow it?
      </p>
      <div className="message-actions">
        <button type="button" className="button small primary" onClick={() => answer('allow-once')}>
          Allow once
        </button>
        <button type="button" className="button small" onClick={() => answer('allow-chat')}>
          Allow in this chat
        </button>
        <button type="button" className="button small" onClick={() => answer('deny')}>
          Deny
        </button>
      </div>
    </div>
  );
}
