// Model comparison: one prompt, two models on this device, answers side by side (stacked on a phone) with their rates.
// A dialog, opened from the model panel, so it adds one link to the panel and nothing above the message box.

import { useEffect, useId, useRef, useState } from 'react';
import { CHAT_MODELS, findModel } from '../../models/catalog';
import { splitThinking } from '../thinking';
import { useSensa } from '../store-context';
import type { CompareAnswer } from '../store/compare-slice';

const PHASE_WORDS: Record<CompareAnswer['phase'], string> = {
  waiting: 'Waiting for the first model',
  loading: 'Loading…',
  answering: 'Answering…',
  done: 'Done',
  stopped: 'Stopped',
  failed: 'Failed',
};

/** Mounted once by the app, outside the model panel: loading the models folds the panel, and must not close this. */
export function ModelCompareDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = useSensa((s) => s.compareOpen);
  const setCompareOpen = useSensa((s) => s.setCompareOpen);
  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) el.showModal();
    if (!open && el?.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="model-guide model-compare" aria-label="Compare two models" onClose={() => setCompareOpen(false)}>
      {open && <CompareBody close={() => setCompareOpen(false)} />}
    </dialog>
  );
}

function CompareBody({ close }: { close: () => void }) {
  const comparison = useSensa((s) => s.comparison);
  const compare = useSensa((s) => s.compare);
  const stopCompare = useSensa((s) => s.stopCompare);
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
        <h2>Compare two models</h2>
        <button type="button" className="button ghost small" onClick={close}>
          Close
        </button>
      </div>
      <p className="model-measured" id={ids.note}>
        Sensa holds one model at a time: it loads the first, lets it answer, then loads the second and lets it answer. The
        chat is not changed; the second model stays loaded. Each figure is tokens per second after the first token.
      </p>
      <form
        className="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canRun) void compare(prompt.trim(), [first, second]);
        }}
      >
        <div className="model-guide-filters">
          <label htmlFor={ids.first}>First</label>
          <select id={ids.first} value={first} onChange={(e) => setFirst(e.target.value)} disabled={running}>
            {local.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <label htmlFor={ids.second}>Second</label>
          <select id={ids.second} value={second} onChange={(e) => setSecond(e.target.value)} disabled={running}>
            {local.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        {first === second && <p className="model-tier-reason">Pick two different models.</p>}
        <label htmlFor={ids.prompt} className="visually-hidden">
          Prompt for both models
        </label>
        <textarea id={ids.prompt} rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} placeholder="One prompt for both models" aria-describedby={ids.note} disabled={running} />
        <div className="compare-actions">
          {running ? (
            <button type="button" className="button secondary" onClick={stopCompare}>
              Stop
            </button>
          ) : (
            <button type="submit" className="button primary" disabled={!canRun}>
              Compare
            </button>
          )}
          {busy && !running && <span className="model-tier-reason">Wait for the current answer or load to finish.</span>}
        </div>
      </form>
      {comparison && (
        <div className="compare-answers" data-testid="compare-answers">
          {comparison.answers.map((answer, index) => {
            const name = findModel(answer.modelId)?.name ?? answer.modelId;
            const { thinking, answer: text } = splitThinking(answer.text);
            return (
              <section key={index} className="compare-answer" aria-label={`Answer of ${name}`} data-testid="compare-answer">
                <h3>{name}</h3>
                <p className="model-tier-size" data-testid="compare-status">
                  {PHASE_WORDS[answer.phase]}
                  {answer.tokensPerSecond !== null && <span data-testid="compare-rate"> · {answer.tokensPerSecond.toFixed(1)} tokens/s</span>}
                  {answer.tokens > 0 && ` · ${answer.tokens} tokens`}
                </p>
                {answer.problem && (
                  <p className="model-fit wont-fit" role="alert">
                    {answer.problem}
                  </p>
                )}
                {thinking !== null && (
                  <details className="compare-thinking">
                    <summary>Thought first</summary>
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
