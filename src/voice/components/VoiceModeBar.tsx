// Voice mode's face: one button to start (or live mode, with the camera), then a clear state (listening, hearing, thinking, speaking) and the measured delays.

import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useVoiceModeStore, useVoiceStore } from '../store-context';
import { useSensa } from '../../chat/store-context';
import { formatMs, formatNumber } from '../../shared/format';
import { END_OF_SPEECH_CHOICES_MS } from '../end-of-speech';
import type { LiveCamera, VoiceModeState } from '../voice-mode';
import type { VoiceState } from '../voice-store';
import type { LiveAdvice } from '../live/live-checks';
import { Headphones, SwitchCamera, Video } from 'lucide-react';
import { useTranslation } from '../../i18n/react';

/** What live mode advises (no model that sees, a device too slow), with the smallest seeing model one press away. */
function Advice({ advice }: { advice: LiveAdvice }) {
  const { t } = useTranslation('voice');
  const selectModel = useSensa((s) => s.selectModel);
  const suggest = advice.suggest;
  return (
    <span className="live-advice" role="alert">
      {advice.message}{' '}
      {suggest && (
        <button
          type="button"
          className="button small"
          onClick={() => {
            selectModel(suggest.id);
            document.querySelector<HTMLElement>('.model-panel button.primary')?.focus();
          }}
        >
          {t('bar.choose', { name: suggest.name })}
        </button>
      )}
    </span>
  );
}

/** The camera's picture, small, and a visible "camera on" mark: the person always knows the camera is running. */
function LiveCameraView({ store, live }: { store: StoreApi<VoiceModeState>; live: LiveCamera }) {
  const { t } = useTranslation('voice');
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    v.srcObject = live.stream;
    void v.play().catch(() => undefined);
    return () => {
      v.srcObject = null;
    };
  }, [live.stream]);
  return (
    <span className="live-camera">
      <video ref={video} muted playsInline className="live-preview" aria-label={live.facing === 'user' ? t('bar.previewFront') : t('bar.previewBack')} />
      <span className="camera-on" data-testid="camera-on">
        <span className="camera-dot" aria-hidden="true" /> {t('bar.cameraOn')}
      </span>
      {live.canSwitch && (
        <button type="button" className="button small" onClick={() => void store.getState().switchCamera()}>
          <SwitchCamera size={14} aria-hidden="true" focusable="false" /> {live.facing === 'user' ? t('bar.useBack') : t('bar.useFront')}
        </button>
      )}
    </span>
  );
}

/** How long a silence ends the person's turn: changed while talking, it applies from the next chunk of audio on. */
function EndOfSpeechWait({ voice }: { voice: StoreApi<VoiceState> }) {
  const { t } = useTranslation('read');
  const wait = useStore(voice, (s) => s.preferences.endOfSpeechMs);
  return (
    <label className="toggle" title={t('listen.waitTitle')}>
      {/* Hidden on a phone, like the tools' names: the select keeps its accessible name. */}
      <span className="tool-label">{t('listen.wait')}</span>
      <select value={wait} onChange={(e) => voice.getState().setEndOfSpeech(Number(e.target.value))} aria-label={t('listen.waitLabel')}>
        {END_OF_SPEECH_CHOICES_MS.map((ms) => {
          const seconds = formatNumber(ms / 1000, { minimumFractionDigits: 1 });
          return (
            <option key={ms} value={ms}>
              {t('listen.seconds', { seconds })}
            </option>
          );
        })}
      </select>
    </label>
  );
}

function Bar({ store }: { store: StoreApi<VoiceModeState> }) {
  const { t } = useTranslation('voice');
  const phase = useStore(store, (s) => s.phase);
  const error = useStore(store, (s) => s.error);
  const latency = useStore(store, (s) => s.latency);
  const live = useStore(store, (s) => s.live);
  const advice = useStore(store, (s) => s.advice);
  const voice = useVoiceStore();
  const { start, end } = store.getState();
  if (phase === 'off') {
    return (
      <>
        <button type="button" className="button ghost small" onClick={() => void start()} title={t('mode.voiceTitle')}>
          <Headphones size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('mode.voice')}</span>
        </button>
        <button type="button" className="button ghost small" onClick={() => void start({ camera: true })} title={t('mode.liveTitle')}>
          <Video size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('mode.live')}</span>
        </button>
        {advice && <Advice advice={advice} />}
        {error && (
          <span className="attachment-error" role="alert">
            {error}
          </span>
        )}
      </>
    );
  }
  const name = live ? t('mode.live') : t('mode.voice');
  return (
    <div className={live ? 'voice-mode live' : 'voice-mode'} role="group" aria-label={name} data-phase={phase}>
      {live && <LiveCameraView store={store} live={live} />}
      <span className={`voice-orb ${phase}`} aria-hidden="true" />
      <span className="voice-phase" role="status">
        {t(`phase.${phase}`)}
      </span>
      {(latency.toFirstToken !== null || latency.toFirstAudio !== null) && (
        <span className="voice-latency" data-testid="voice-latency">
          {latency.toFirstToken !== null && t('bar.firstWord', { time: formatMs(latency.toFirstToken) })}
          {latency.toFirstAudio !== null && t('bar.firstSound', { time: formatMs(latency.toFirstAudio) })}
          {latency.bargeInSilenced !== null && t('bar.interrupted', { time: formatMs(latency.bargeInSilenced) })}
          {live && latency.withFrames > 0 && t('bar.frames', { count: latency.withFrames })}
        </span>
      )}
      {advice && <Advice advice={advice} />}
      {error && (
        <span className="attachment-error" role="alert">
          {error}
        </span>
      )}
      {voice && <EndOfSpeechWait voice={voice} />}
      <button type="button" className="button small" onClick={end}>
        {live ? t('bar.endLive') : t('bar.endVoice')}
      </button>
    </div>
  );
}

export function VoiceModeBar() {
  const store = useVoiceModeStore();
  if (!store) return null;
  return <Bar store={store} />;
}
