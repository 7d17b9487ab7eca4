// Under each answer: Read aloud, and while it reads, pause, resume, stop, pace and voice.

import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useVoiceStore } from '../store-context';
import { VOICE_MODEL } from '../../models/catalog';
import { describeError, errorMessage } from '../../i18n/errors';
import type { VoiceState } from '../voice-store';
import { Volume2 } from 'lucide-react';
import { languageName } from '../../shared/language-name';
import { formatLocale } from '../../shared/format';
import { useTranslation } from '../../i18n/react';

const SPEEDS = [0.8, 1, 1.2, 1.5] as const;

function Controls({ store, messageId, text }: { store: StoreApi<VoiceState>; messageId: string; text: string }) {
  const { t } = useTranslation('read');
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
          <Volume2 size={16} aria-hidden="true" focusable="false" /> {t('read.button')}
        </button>
        {error && (
          <span className="attachment-error" role="alert">
            {t('read.error', { title: describeError(error).title, message: errorMessage(error) })}
          </span>
        )}
        {unavailable && VOICE_MODEL && (
          <span className="read-aloud-unavailable" role="status">
            {t('read.unavailable', {
              language: languageName(unavailable),
              model: VOICE_MODEL.name,
              languages: new Intl.ListFormat(formatLocale(), { type: 'conjunction' }).format((VOICE_MODEL.speechLanguages ?? []).map((code) => languageName(code))),
            })}
          </span>
        )}
      </>
    );
  }
  return (
    <span className="read-aloud" role="group" aria-label={t('read.group')} data-player={player}>
      <span className="speaking-state" role="status">
        {player === 'playing' ? t('read.speaking') : player === 'paused' ? t('read.paused') : synthesizing ? t('read.preparing') : t('read.speaking')}
      </span>
      {player === 'paused' ? (
        <button type="button" className="button small" onClick={() => actions.resume()}>
          {t('read.resume')}
        </button>
      ) : (
        <button type="button" className="button small" onClick={() => actions.pause()} disabled={player !== 'playing'}>
          {t('read.pause')}
        </button>
      )}
      <button type="button" className="button small" onClick={() => actions.stop()}>
        {t('read.stop')}
      </button>
      <label className="toggle">
        {t('read.pace')}
        <select value={preferences.speed} onChange={(e) => actions.setSpeed(Number(e.target.value))} aria-label={t('read.paceLabel')}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t('read.speed', { speed: s })}
            </option>
          ))}
        </select>
      </label>
      {VOICE_MODEL?.voices && VOICE_MODEL.voices.length > 1 && (
        <label className="toggle">
          {t('read.voice')}
          <select value={preferences.voiceId} onChange={(e) => actions.setVoice(e.target.value)} aria-label={t('read.voice')}>
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
