// The switches for tools: on or off for every chat (in the model panel), and for the open chat (in its header).

import type { SensaState } from '../store';
import { useSensa } from '../store-context';
import { activeConversation } from '../store';
import { useTranslation } from '../../i18n/react';

/** The loaded model's tool support, known once it is loaded: its chat template either renders tools or not. */
function loadedToolSupport(state: SensaState): 'yes' | 'no' | 'unknown' {
  if (state.model.phase !== 'ready') return 'unknown';
  return state.model.result.toolFormat ? 'yes' : 'no';
}

export function ToolSettings() {
  const { t } = useTranslation('tools');
  const on = useSensa((s) => s.preferences.tools);
  const setPreference = useSensa((s) => s.setPreference);
  const support = useSensa(loadedToolSupport);
  return (
    <details className="generation-settings tool-settings">
      <summary>{on ? t('settings.title') : t('settings.titleOff')}</summary>
      <label className="checkbox">
        <input type="checkbox" checked={on} onChange={(e) => setPreference('tools', e.target.checked)} /> {t('settings.allow')}
      </label>
      <p className="settings-note">
        {t('settings.note')}
        {support === 'yes' && ` ${t('settings.supported')}`}
        {support === 'no' && ` ${t('settings.unsupported')}`}
      </p>
    </details>
  );
}

/** Shown only where tools could be offered: switched on globally and the loaded model has them. */
export function ChatToolSwitch() {
  const { t } = useTranslation('tools');
  const conversation = useSensa(activeConversation);
  const globalOn = useSensa((s) => s.preferences.tools);
  const support = useSensa(loadedToolSupport);
  const setChatTools = useSensa((s) => s.setChatTools);
  const revoke = useSensa((s) => s.revokeToolAllowance);
  if (!globalOn || support !== 'yes') return null;
  const allowed = conversation.allowedTools ?? [];
  return (
    <>
      <label className="checkbox chat-tools">
        <input type="checkbox" checked={!conversation.toolsOff} onChange={(e) => setChatTools(conversation.id, e.target.checked)} /> {t('chatSwitch')}
      </label>
      {allowed.map((name) => (
        <button
          key={name}
          type="button"
          className="button small chat-tools"
          onClick={() => revoke(conversation.id, name)}
          aria-label={t('allowance.label', { name })}
          title={t('allowance.title', { name })}
        >
          {t('allowance.button', { name })}
        </button>
      ))}
    </>
  );
}
