// Where the person writes: Enter sends, Shift+Enter breaks the line, Stop ends an answer at once.

import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useSensa } from '../../app/store-context';
import { findModel } from '../../models/catalog';

export function Composer() {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const generating = useSensa((s) => s.generating !== null);
  const model = useSensa((s) => s.model);
  const enableThinking = useSensa((s) => s.preferences.enableThinking);
  const send = useSensa((s) => s.send);
  const stop = useSensa((s) => s.stop);
  // Escape (stop) is a global shortcut, see app/shortcuts.ts.
  const setPreference = useSensa((s) => s.setPreference);

  const ready = model.phase === 'ready';
  const reasoning = ready && findModel(model.modelId)?.reasoning === true;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!ready || generating || !text.trim()) return;
    const value = text;
    setText('');
    void send(value);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Compose">
      <div className="composer-box">
        <textarea
          ref={input}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={ready ? 'Message Sensa…' : 'Load a model to start chatting'}
          aria-label="Message"
          rows={1}
        />
        <div className="composer-actions">
          {reasoning && (
            <label className="toggle">
              <input type="checkbox" checked={enableThinking} onChange={(e) => setPreference('enableThinking', e.target.checked)} />
              Think first
            </label>
          )}
          {generating ? (
            <button type="button" className="button stop" onClick={stop} aria-keyshortcuts="Escape">
              Stop
            </button>
          ) : (
            <button type="submit" className="button primary" disabled={!ready || !text.trim()}>
              Send
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
