// Voice mode's face: one button to start, then a clear state (listening, hearing, thinking, speaking) and the measured delays.

import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useVoiceModeStore } from '../store-context';
import { formatMs } from '../../shared/format';
import type { VoiceModeState, VoicePhase } from '../voice-mode';
import { Headphones } from 'lucide-react';

const PHASE_TEXT: Record<VoicePhase, string> = {
  off: '',
  starting: 'Starting the microphone…',
  listening: 'Listening',
  hearing: 'Hearing you…',
  transcribing: 'Understanding…',
  thinking: 'Thinking…',
  speaking: 'Speaking',
};

function Bar({ store }: { store: StoreApi<VoiceModeState> }) {
  const phase = useStore(store, (s) => s.phase);
  const error = useStore(store, (s) => s.error);
  const latency = useStore(store, (s) => s.latency);
  const { start, end } = store.getState();
  if (phase === 'off') {
    return (
      <>
        <button type="button" className="button ghost small" onClick={() => void start()} title="Talk hands-free; speak over Sensa to interrupt it">
          <Headphones size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">Voice mode</span>
        </button>
        {error && (
          <span className="attachment-error" role="alert">
            {error}
          </span>
        )}
      </>
    );
  }
  return (
    <div className="voice-mode" role="group" aria-label="Voice mode" data-phase={phase}>
      <span className={`voice-orb ${phase}`} aria-hidden="true" />
      <span className="voice-phase" role="status">
        {PHASE_TEXT[phase]}
      </span>
      {(latency.toFirstToken !== null || latency.toFirstAudio !== null) && (
        <span className="voice-latency" data-testid="voice-latency">
          {latency.toFirstToken !== null && `first word ${formatMs(latency.toFirstToken)}`}
          {latency.toFirstAudio !== null && ` · first sound ${formatMs(latency.toFirstAudio)}`}
          {latency.bargeInSilenced !== null && ` · interrupted in ${formatMs(latency.bargeInSilenced)}`}
        </span>
      )}
      {error && (
        <span className="attachment-error" role="alert">
          {error}
        </span>
      )}
      <button type="button" className="button small" onClick={end}>
        End voice mode
      </button>
    </div>
  );
}

export function VoiceModeBar() {
  const store = useVoiceModeStore();
  if (!store) return null;
  return <Bar store={store} />;
}
