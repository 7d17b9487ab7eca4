// The code settings in the model panel. A file of its own so that the panel (in the app's first chunk) does not pull in
// the code runner and its sandbox client, which only answers with code blocks need (the Markdown chunk).

import { useId } from 'react';
import { MEMORY_LIMIT_RANGE, TIME_LIMIT_RANGE, setCodeSettings, useCodeSettings } from './settings';
import { useTranslation } from '../i18n/react';

/** The limits every run gets, in the settings panel. */
export function CodeSettingsPanel() {
  const { t } = useTranslation('tools');
  const settings = useCodeSettings();
  const baseId = useId();
  return (
    <details className="generation-settings">
      <summary>{t('code.title')}</summary>
      <p className="hint">
        {t('code.hint')}
      </p>
      <div className="settings-grid">
        <label htmlFor={`${baseId}-time`}>
          <span>{t('code.time')}</span>
          <input
            id={`${baseId}-time`}
            type="number"
            min={TIME_LIMIT_RANGE.min}
            max={TIME_LIMIT_RANGE.max}
            value={settings.timeLimitSeconds}
            onChange={(event) => {
              const value = event.target.valueAsNumber;
              if (Number.isFinite(value) && value >= TIME_LIMIT_RANGE.min && value <= TIME_LIMIT_RANGE.max) setCodeSettings({ timeLimitSeconds: value });
            }}
          />
        </label>
        <label htmlFor={`${baseId}-memory`}>
          <span>{t('code.memory')}</span>
          <input
            id={`${baseId}-memory`}
            type="number"
            min={MEMORY_LIMIT_RANGE.min}
            max={MEMORY_LIMIT_RANGE.max}
            value={settings.memoryLimitMiB}
            onChange={(event) => {
              const value = event.target.valueAsNumber;
              if (Number.isFinite(value) && value >= MEMORY_LIMIT_RANGE.min && value <= MEMORY_LIMIT_RANGE.max) setCodeSettings({ memoryLimitMiB: value });
            }}
          />
        </label>
      </div>
    </details>
  );
}
