// Microphone recording into an attachment, with a live level meter and a timer; everything stays in the page.

import { useEffect, useRef, useState } from 'react';
import { useSensa } from '../../store-context';
import { MEDIA_LIMITS } from '../../../media/limits';
import { clockStamp } from '../../../shared/format';
import { Mic } from 'lucide-react';
import { useTranslation } from '../../../i18n/react';

type RecorderState = { phase: 'idle' } | { phase: 'recording'; startedAt: number } | { phase: 'error'; message: string };

function mediaError(error: unknown, what: string): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return `Sensa may not use the ${what}: allow it in the browser's site settings.`;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `No ${what} was found on this device.`;
  if (name === 'NotReadableError') return `The ${what} is in use by another app.`;
  return `The ${what} could not be started${error instanceof Error ? `: ${error.message}` : ''}.`;
}

export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function Recorder({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('chat');
  const addAttachments = useSensa((s) => s.addAttachments);
  const [state, setState] = useState<RecorderState>({ phase: 'idle' });
  const [level, setLevel] = useState(0);
  const [now, setNow] = useState(0);
  const stopRef = useRef<(() => void) | null>(null);

  useEffect(() => () => stopRef.current?.(), []);

  const start = async () => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      setState({ phase: 'error', message: mediaError(error, 'microphone') });
      return;
    }
    const mime = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, mime ? { mimeType: mime } : undefined);
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 512;
    audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const startedAt = performance.now();
    let frame = 0;
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      setLevel(peak);
      const elapsed = performance.now() - startedAt;
      setNow(elapsed);
      // A recording past the limit could never be sent; stop where it is still usable.
      if (elapsed >= MEDIA_LIMITS.maxAudioSeconds * 1000) finish();
      else frame = requestAnimationFrame(tick);
    };
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      cancelAnimationFrame(frame);
      stopRef.current = null;
      const seconds = (performance.now() - startedAt) / 1000;
      recorder.onstop = () => {
        for (const track of stream.getTracks()) track.stop();
        void audio.close();
        setState({ phase: 'idle' });
        setLevel(0);
        const type = recorder.mimeType || 'audio/webm';
        const file = new File(chunks, `Recording ${clockStamp()}.${type.includes('mp4') ? 'm4a' : type.includes('ogg') ? 'ogg' : 'webm'}`, { type });
        void addAttachments([file], { knownDurationSeconds: seconds });
      };
      recorder.stop();
    };
    stopRef.current = finish;
    recorder.start(250);
    setState({ phase: 'recording', startedAt });
    frame = requestAnimationFrame(tick);
  };

  if (state.phase === 'recording') {
    return (
      <span className="recorder" role="group" aria-label={t('recorder.recording')}>
        <span className="rec-dot" aria-hidden="true" />
        <meter className="level" min={0} max={1} value={level} aria-label={t('recorder.level')} />
        <span className="rec-time" aria-label={t('recorder.time')}>
          {formatClock(now)}
        </span>
        <button type="button" className="button small stop" onClick={() => stopRef.current?.()}>
          {t('recorder.stop')}
        </button>
      </span>
    );
  }
  return (
    <>
      <button type="button" className="button ghost small" onClick={() => void start()} disabled={disabled} title={t('recorder.title', { count: MEDIA_LIMITS.maxAudioSeconds / 60 })}>
        <Mic size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('recorder.record')}</span>
      </button>
      {state.phase === 'error' && (
        <span className="attachment-error" role="alert">
          {state.message}
        </span>
      )}
    </>
  );
}

export { mediaError };
