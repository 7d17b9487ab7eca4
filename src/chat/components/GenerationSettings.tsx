// Per-model answer settings (temperature, top-p, top-k, length, repetition penalty), starting from the catalog's defaults.

import { useId } from 'react';
import { useSensa } from '../store-context';
import { findModel } from '../../models/catalog';
import { type ModelDefaults } from '../../domain/model';
import { settingsFor } from '../store';
import { useTranslation } from '../../i18n/react';

interface Field {
  key: keyof ModelDefaults;
  label: string;
  min: number;
  max: (contextLength: number) => number;
  step: number;
}

const FIELDS: readonly Field[] = [
  { key: 'temperature', label: 'Temperature', min: 0, max: () => 2, step: 0.05 },
  { key: 'topP', label: 'Top-p', min: 0, max: () => 1, step: 0.01 },
  { key: 'topK', label: 'Top-k', min: 0, max: () => 200, step: 1 },
  { key: 'maxNewTokens', label: 'Max new tokens', min: 1, max: (context) => context, step: 1 },
  { key: 'repetitionPenalty', label: 'Repetition penalty', min: 1, max: () => 2, step: 0.01 },
];

export function GenerationSettings() {
  const { t } = useTranslation('chat');
  const baseId = useId();
  const modelId = useSensa((s) => s.selectedModelId);
  const preferences = useSensa((s) => s.preferences);
  const setGeneration = useSensa((s) => s.setGeneration);
  const spec = findModel(modelId);
  if (!spec) return null;
  const current = settingsFor(spec, preferences);
  const changed = preferences.generation[modelId] !== undefined;

  return (
    <details className="generation-settings">
      <summary>{changed ? t('generation.titleChanged') : t('generation.title')}</summary>
      <div className="settings-grid">
        {FIELDS.map((field) => {
          const id = `${baseId}-${field.key}`;
          return (
            <label key={field.key} htmlFor={id}>
              <span>{t(`generation.field.${field.key}`)}</span>
              <input
                id={id}
                type="number"
                min={field.min}
                max={field.max(spec.contextLength)}
                step={field.step}
                value={current[field.key]}
                onChange={(e) => {
                  const value = e.target.valueAsNumber;
                  // Half-typed or out-of-range values are ignored rather than saved as NaN.
                  if (Number.isFinite(value) && value >= field.min && value <= field.max(spec.contextLength)) {
                    setGeneration(modelId, { [field.key]: value });
                  }
                }}
              />
            </label>
          );
        })}
      </div>
      <p className="settings-note">
        {current.temperature === 0 ? t('generation.greedy') : t('generation.defaults')}{' '}
        {changed && (
          <button type="button" className="button small" onClick={() => setGeneration(modelId, null)}>
            {t('generation.reset')}
          </button>
        )}
      </p>
    </details>
  );
}
