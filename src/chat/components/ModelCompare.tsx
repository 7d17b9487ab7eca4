// Model comparison: one prompt, two models on this device, answers side by side (stacked on a phone) with their rates.
// A dialog, opened from the model panel, so it adds one link to the panel and nothing above the message box.

import { useEffect, useId, useRef, useState } from 'react';
import { CHAT_MODELS, findModel } from '../../models/catalog';
import { splitThinking } from '../thinking';
import { useSensa } from '../store-context';
import type { CompareAnswer } from '../store/compare-slice';
import { useTranslation } from '../../i18n/react';

/** Each phase's words, by key in the `models` namespace. */
const PHASE_KEYS: Record<CompareAnswer['phase'], string> = {
  waiting: 'compare.phase.waiting',
  loading: 'compare.phase.loading',
  answering: 'compare.phase.answering',
  done: 'compare.phase.done',
  stopped: 'compare.phase.stopped',
  failed: 'compare.phase.failed',
};

/** Mounted once by the app, outside the model panel: loading the models folds the panel, and must not close this. */
export function ModelCompareDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = useSensa((s) => s.compareOpen);
  const setCompareOpen = useSensa((s) => s.setCompareOpen);
  const { t } = useTranslation('models');
  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) el.showModal();
    if (!open && el?.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="model-guide model-compare" aria-label={t('compare.open')} onClose={() => setCompareOpen(false)}>
      {open && <CompareBody close={() => setCompareOpen(false)} />}
    </dialog>
  );
}

function CompareBody({ close }: { close: () => void }) {
  const comparison = useSensa((s) => s.comparison);
  const compare = useSensa((s) => s.compare);
  const stopCompare = useSensa((s) => s.stopCompare);
  const { t } = useTranslation('models');
  const busy = useSensa((s) => s.generating !== null || s.model.phase === 'loading');
  const local = CHAT_MODELS.filter((m) => !m.remote);
  const [first, setFirst] = useState(local[0]?.id ?? '');
  const [second, setSecond] = useState(local[1]?.id ?? local[0]?.id ?? '');
  const [prompt, setPrompt] = useState('');
  const ids = { first: useId(), second: useId(), prompt: useId(), note: useId() };
  const running = comparison?.running ?? false;
  const canRun = !running && !busy && prompt.trim() !== '' && first !== '' && second !== '' && first !== second;

  return (
    <div className="model-guide-body">
      <div className="model-guide-head">
        <h2>{t('compare.open')}</h2>
        <button type="button" className="button ghost small" onClick={close}>
          {t('compare.close')}
        </button>
      </div>
      <p className="model-measured" id={ids.note}>
        {t('compare.note')}
      </p>
      <form
        className="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canRun) void compare(prompt.trim(), [first, second]);
        }}
      >
        <div className="model-guide-filters">
          <label htmlFor={ids.first}>{t('compare.first')}</label>
          <select id={ids.first} value={first} onChange={(e) => setFirst(e.target.value)} disabled={running}>
            {local.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <label htmlFor={ids.second}>{t('compare.second')}</label>
          <select id={ids.second} value={second} onChange={(e) => setSecond(e.target.value)} disabled={running}>
            {local.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        {first === second && <p className="model-tier-reason">{t('compare.different')}</p>}
        <label htmlFor={ids.prompt} className="visually-hidden">
          {t('compare.promptLabel')}
        </label>
        <textarea id={ids.prompt} rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} placeholder={t('compare.promptPlaceholder')} aria-describedby={ids.note} disabled={running} />
        <div className="compare-actions">
          {running ? (
            <button type="button" className="button secondary" onClick={stopCompare}>
              {t('compare.stop')}
            </button>
          ) : (
            <button type="submit" className="button primary" disabled={!canRun}>
              {t('compare.run')}
            </button>
          )}
          {busy && !running && <span className="model-tier-reason">{t('compare.wait')}</span>}
        </div>
      </form>
      {comparison && (
        <div className="compare-answers" data-testid="compare-answers">
          {comparison.answers.map((answer, index) => {
            const name = findModel(answer.modelId)?.name ?? answer.modelId;
            const { thinking, answer: text } = splitThinking(answer.text);
            return (
              <section key={index} className="compare-answer" aria-label={t('compare.answerOf', { name })} data-testid="compare-answer">
                <h3>{name}</h3>
                <p className="model-tier-size" data-testid="compare-status">
                  {t(PHASE_KEYS[answer.phase])}
                  {answer.tokensPerSecond !== null && <span data-testid="compare-rate">{t('compare.rate', { rate: answer.tokensPerSecond.toFixed(1) })}</span>}
                  {answer.tokens > 0 && t('compare.tokens', { n: answer.tokens })}
                </p>
                {answer.problem && (
                  <p className="model-fit wont-fit" role="alert">
                    {answer.problem}
                  </p>
                )}
                {thinking !== null && (
                  <details className="compare-thinking">
                    <summary>{t('compare.thought')}</summary>

                    <p data-testid="compare-thinking">{thinking}</p>
                  </details>
                )}
                <p className="compare-text" data-testid="compare-text">
                  {text}
                </p>
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
