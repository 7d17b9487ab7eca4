// The code settings in the model panel. A file of its own so that the panel (in the app's first chunk) does not pull in
// the code runner and its sandbox client, which only answers with code blocks need (the Markdown chunk).

import { useId } from 'react';
import { MEMORY_LIMIT_RANGE, TIME_LIMIT_RANGE, setCodeSettings, useCodeSettings } from './settings';

/** The limits every run gets, in the settings panel. */
export function CodeSettingsPanel() {
  const settings = useCodeSettings();
  const baseId = useId();
  return (
    <details className="generation-settings">
      <summary>Code settings</summary>
      <p className="hint">
        Code blocks run in a sandbox with no network and no access to your chats. Python is Pyodide&apos;s core with its
        standard library; packages such as numpy or matplotlib are not included, so plots can&apos;t be drawn.
      </p>
      <div className="settings-grid">
        <label htmlFor={`${baseId}-time`}>
          <span>Time limit (seconds)</span>
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
          <span>Memory limit (MiB)</span>
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
