// Under each answer: Read aloud, and while it reads, pause, resume, stop, pace and voice.

import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useVoiceStore } from '../store-context';
import { VOICE_MODEL } from '../../models/catalog';
import { describeError } from '../../shared/errors';
import type { VoiceState } from '../voice-store';
import { Volume2 } from 'lucide-react';
import { languageName } from '../../shared/language-name';

const SPEEDS = [0.8, 1, 1.2, 1.5] as const;

function Controls({ store, messageId, text }: { store: StoreApi<VoiceState>; messageId: string; text: string }) {
  const reading = useStore(store, (s) => s.readingMessageId === messageId);
  const player = useStore(store, (s) => s.player);
  const synthesizing = useStore(store, (s) => s.synthesizing);
  const error = useStore(store, (s) => (s.readingMessageId === null ? s.error : null));
  const preferences = useStore(store, (s) => s.preferences);
  const unavailable = useStore(store, (s) => (s.unavailable?.messageId === messageId ? s.unavailable.language : null));
  const actions = store.getState();
  if (!reading) {
    return (
      <>
        <button type="button" className="button small" onClick={() => actions.readAloud(messageId, text)} disabled={!text.trim()}>
          <Volume2 size={16} aria-hidden="true" focusable="false" /> Read aloud
        </button>
        {error && (
          <span className="attachment-error" role="alert">
            {describeError(error).title}: {error.message}
          </span>
        )}
        {unavailable && VOICE_MODEL && (
          <span className="read-aloud-unavailable" role="status">
            Read-aloud is not available in {languageName(unavailable)}: {VOICE_MODEL.name} speaks{' '}
            {(VOICE_MODEL.speechLanguages ?? []).map((code) => languageName(code)).join(', ')} only.
          </span>
        )}
      </>
    );
  }
  return (
    <span className="read-aloud" role="group" aria-label="Reading aloud" data-player={player}>
      <span className="speaking-state" role="status">
        {player === 'playing' ? 'Speaking…' : player === 'paused' ? 'Paused' : synthesizing ? 'Preparing the voice…' : 'Speaking…'}
      </span>
      {player === 'paused' ? (
        <button type="button" className="button small" onClick={() => actions.resume()}>
          Resume
        </button>
      ) : (
        <button type="button" className="button small" onClick={() => actions.pause()} disabled={player !== 'playing'}>
          Pause
        </button>
      )}
      <button type="button" className="button small" onClick={() => actions.stop()}>
        Stop reading
      </button>
      <label className="toggle">
        Pace
        <select value={preferences.speed} onChange={(e) => actions.setSpeed(Number(e.target.value))} aria-label="Reading pace">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      {VOICE_MODEL?.voices && VOICE_MODEL.voices.length > 1 && (
        <label className="toggle">
          Voice
          <select value={preferences.voiceId} onChange={(e) => actions.setVoice(e.target.value)} aria-label="Voice">
            {VOICE_MODEL.voices.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </span>
  );
}

export function ReadAloudControls({ messageId, text }: { messageId: string; text: string }) {
  const store = useVoiceStore();
  if (!store || !VOICE_MODEL) return null;
  return <Controls store={store} messageId={messageId} text={text} />;
}
