// Per-model answer settings (temperature, top-p, top-k, length, repetition penalty), starting from the catalog's defaults.

import { useId } from 'react';
import { useSensa } from '../store-context';
import { findModel } from '../../models/catalog';
import { type ModelDefaults } from '../../domain/model';
import { settingsFor } from '../store';

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
      <summary>Answer settings{changed ? ' (changed)' : ''}</summary>
      <div className="settings-grid">
        {FIELDS.map((field) => {
          const id = `${baseId}-${field.key}`;
          return (
            <label key={field.key} htmlFor={id}>
              <span>{field.label}</span>
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
        {current.temperature === 0 ? 'Temperature 0 answers greedily: the same prompt gives the same answer.' : 'Defaults come from the model’s authors.'}{' '}
        {changed && (
          <button type="button" className="button small" onClick={() => setGeneration(modelId, null)}>
            Reset to defaults
          </button>
        )}
      </p>
    </details>
  );
}
