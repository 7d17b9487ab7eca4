// The switches for tools: on or off for every chat (in the model panel), and for the open chat (in its header).

import type { SensaState } from '../store';
import { useSensa } from '../store-context';
import { activeConversation } from '../store';

/** The loaded model's tool support, known once it is loaded: its chat template either renders tools or not. */
function loadedToolSupport(state: SensaState): 'yes' | 'no' | 'unknown' {
  if (state.model.phase !== 'ready') return 'unknown';
  return state.model.result.toolFormat ? 'yes' : 'no';
}

export function ToolSettings() {
  const on = useSensa((s) => s.preferences.tools);
  const setPreference = useSensa((s) => s.setPreference);
  const support = useSensa(loadedToolSupport);
  return (
    <details className="generation-settings tool-settings">
      <summary>Tools{on ? '' : ' (off)'}</summary>
      <label className="checkbox">
        <input type="checkbox" checked={on} onChange={(e) => setPreference('tools', e.target.checked)} /> Let models call tools
      </label>
      <p className="settings-note">
        Models whose chat template has tools (Qwen3 here) may check the time, search your other chats, read a document
        attached in the chat, and run JavaScript or Python in the code sandbox. Each tool asks you before its first use
        in a chat. Everything runs on this device.
        {support === 'yes' && ' The loaded model can call tools.'}
        {support === 'no' && ' The loaded model has no tool support, so it gets none.'}
      </p>
    </details>
  );
}

/** Shown only where tools could be offered: switched on globally and the loaded model has them. */
export function ChatToolSwitch() {
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
        <input type="checkbox" checked={!conversation.toolsOff} onChange={(e) => setChatTools(conversation.id, e.target.checked)} /> Tools in this chat
      </label>
      {allowed.map((name) => (
        <button
          key={name}
          type="button"
          className="button small chat-tools"
          onClick={() => revoke(conversation.id, name)}
          aria-label={`Ask again before ${name} runs in this chat`}
          title={`${name} is allowed in this chat without asking. Click to be asked again.`}
        >
          {name} allowed ✕
        </button>
      ))}
    </>
  );
}
