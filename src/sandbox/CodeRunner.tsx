// The Run button under a JavaScript or Python block, and what the run printed, returned or why it ended.

import { useEffect, useRef, useState } from 'react';
import './code-runner.css';
import { missingPackageNote } from './missing-package';
import { runCode, type CodeLanguage, type RunOutput, type RunResult } from './sandbox-client';
import { runLimits, useCodeSettings } from './settings';
import { useTranslation } from '../i18n/react';
import { tr } from '../i18n/i18n';

const LANGUAGE_NAMES: Record<CodeLanguage, string> = { javascript: 'JavaScript', python: 'Python' };

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

type Phase = { kind: 'idle' } | { kind: 'loading' } | { kind: 'running'; since: number } | { kind: 'finished'; result: RunResult };

/** The end of a run in words; timeouts and memory name the limit, so the person knows what to change. */
export function outcomeText(result: RunResult): string {
  const { outcome } = result;
  switch (outcome.kind) {
    case 'done':
      return tr('code:outcome.done', { time: seconds(result.elapsedMs) });
    case 'error':
      return /Memory limit reached|MemoryError/.test(outcome.message) ? tr('code:outcome.memory') : tr('code:outcome.failed', { time: seconds(result.elapsedMs) });
    case 'timeout':
      return tr('code:outcome.timeout', { time: seconds(outcome.limitMs) });
    case 'stopped':
      return tr('code:outcome.stopped', { time: seconds(result.elapsedMs) });
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

export function CodeRunner({ language, code }: { language: CodeLanguage; code: string }) {
  const { t } = useTranslation('code');
  const settings = useCodeSettings();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [output, setOutput] = useState<RunOutput[]>([]);
  const [now, setNow] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const name = LANGUAGE_NAMES[language];

  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    if (phase.kind !== 'running') return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [phase.kind]);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setOutput([]);
    setPhase(language === 'python' ? { kind: 'loading' } : { kind: 'running', since: performance.now() });
    try {
      const result = await runCode(language, code, {
        limits: runLimits(settings),
        signal: controller.signal,
        onOutput: (chunk) => setOutput((previous) => [...previous, chunk]),
        onPhase: (next) => {
          if (next === 'running') {
            const since = performance.now();
            setNow(since);
            setPhase({ kind: 'running', since });
          } else setPhase({ kind: 'loading' });
        },
      });
      setPhase({ kind: 'finished', result });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setPhase({ kind: 'finished', result: { outcome: { kind: 'error', message }, output: [], elapsedMs: 0 } });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const busy = phase.kind === 'loading' || phase.kind === 'running';
  const result = phase.kind === 'finished' ? phase.result : null;
  const missing = result?.outcome.kind === 'error' ? missingPackageNote(result.outcome.message) : null;
  return (
    <div className="code-run">
      <div className="code-run-bar">
        {busy ? (
          <button type="button" className="button small" onClick={() => abort.current?.abort()} aria-label={t('code.stopLabel', { language: name })}>
            {t('code.stop')}
          </button>
        ) : (
          <button type="button" className="button small" onClick={() => void start()} aria-label={t('code.runLabel', { language: name })}>
            {result ? t('code.runAgain') : t('code.run')}
          </button>
        )}
        <span className="code-run-status" role="status">
          {phase.kind === 'loading' && t('code.loadingPython')}
          {phase.kind === 'running' && t('code.running', { time: seconds(Math.max(0, now - phase.since)) })}
          {result && outcomeText(result)}
          {result?.loadMs !== undefined && t('code.pythonLoaded', { time: seconds(result.loadMs) })}
        </span>
      </div>
      {(output.length > 0 || result) && (
        <pre className="code-run-output" aria-label={t('code.outputLabel', { language: name })}>
          {output.map((chunk, index) => (
            <span key={index} className={chunk.stream === 'stderr' ? 'stderr' : undefined}>
              {chunk.text}
            </span>
          ))}
          {result?.outcome.kind === 'done' && result.outcome.value !== undefined && <span className="value">{`→ ${result.outcome.value}\n`}</span>}
          {result?.outcome.kind === 'error' && <span className="stderr">{`${result.outcome.message}\n`}</span>}
        </pre>
      )}
      {missing && (
        <p className="code-run-note" role="note">
          {missing}
        </p>
      )}
    </div>
  );
}
