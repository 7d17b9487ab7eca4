// Saved prompts in use: choosing one (its {{variables}} asked for first), saving the current text as one, deleting.

import { useId, useState } from 'react';
import { onEnter } from '../on-enter';
import { fillPrompt, variablesIn, type PresetKind, type PromptPreset } from '../../../presets/prompt-presets';
import { usePresets } from './use-presets';
import { useTranslation } from '../../../i18n/react';

const fillContext = () => ({ now: new Date(), locale: navigator.language || 'en' });

/** One input per variable of the chosen preset; "Use" hands back the filled text. */
function VariableForm({ preset, onUse, onCancel }: { preset: PromptPreset; onUse: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation('presets');
  const names = variablesIn(preset.text);
  const [values, setValues] = useState<Record<string, string>>({});
  const id = useId();
  const submit = () => onUse(fillPrompt(preset.text, values, fillContext()));
  return (
    // Not a <form>: these controls sit inside the composer's form, and forms do not nest.
    <div className="preset-variables" role="group" aria-label={t('presets.fillIn', { name: preset.name })} onKeyDown={onEnter(submit)}>
      {names.map((name, i) => (
        <label key={name} htmlFor={`${id}-${i}`}>
          {name}
          <input id={`${id}-${i}`} value={values[name] ?? ''} onChange={(e) => setValues({ ...values, [name]: e.target.value })} autoFocus={i === 0} />
        </label>
      ))}
      <span className="preset-actions">
        <button type="button" className="button small primary" onClick={submit}>
          {t('presets.use')}
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          {t('presets.cancel')}
        </button>
      </span>
    </div>
  );
}


/**
 * The saved prompts of one kind, for `current` (the text they replace): pick one to use, save `current` under a
 * name, or delete the one picked.
 */
export function PresetControls({ kind, current, onUse }: { kind: PresetKind; current: string; onUse: (text: string) => void }) {
  const { t } = useTranslation('presets');
  const { presets, save, remove } = usePresets(kind);
  const [chosenId, setChosenId] = useState('');
  const [asking, setAsking] = useState<PromptPreset | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const selectId = useId();
  const nameId = useId();
  const chosen = presets.find((p) => p.id === chosenId);

  const choose = (id: string) => {
    setChosenId(id);
    setSaved(null);
    const preset = presets.find((p) => p.id === id);
    if (!preset) return;
    if (variablesIn(preset.text).length > 0) setAsking(preset);
    else onUse(fillPrompt(preset.text, {}, fillContext()));
  };
  const submitName = () => {
    const reason = save(name, current);
    setProblem(reason);
    if (reason === null) {
      setSaved(t('presets.savedNamed', { name: name.trim() }));
      setNaming(false);
      setName('');
    }
  };

  return (
    <div className="preset-controls">
      <label htmlFor={selectId}>{t(`presets.${kind}.saved`)}</label>
      <select id={selectId} value={chosenId} onChange={(e) => choose(e.target.value)} disabled={presets.length === 0}>
        <option value="">{presets.length === 0 ? t(`presets.${kind}.none`) : t('presets.choose')}</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {chosen && (
        <button
          type="button"
          className="button small"
          onClick={() => {
            remove(chosen.id);
            setChosenId('');
            setSaved(t('presets.deletedNamed', { name: chosen.name }));
          }}
        >
          {t('presets.delete', { name: chosen.name })}
        </button>
      )}
      {!naming && (
        <button type="button" className="button small" disabled={current.trim() === ''} onClick={() => setNaming(true)}>
          {t(`presets.${kind}.saveAs`)}
        </button>
      )}
      {naming && (
        <div className="preset-name" role="group" aria-label={t(`presets.${kind}.saveAsLabel`)} onKeyDown={onEnter(submitName)}>
          <label htmlFor={nameId}>{t('presets.name')}</label>
          <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={80} />
          <button type="button" className="button small primary" onClick={submitName}>
            {t('presets.save')}
          </button>
          <button type="button" className="button small" onClick={() => (setNaming(false), setProblem(null))}>
            {t('presets.cancel')}
          </button>
        </div>
      )}
      {problem && (
        <p className="error-inline" role="alert">
          {problem}
        </p>
      )}
      {saved && (
        <p className="preset-saved" role="status">
          {saved}
        </p>
      )}
      {asking && (
        <VariableForm
          preset={asking}
          onUse={(text) => {
            onUse(text);
            setAsking(null);
          }}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
