// A camera snapshot as an attachment: a live preview in a dialog, and one press to take the picture.

import { useEffect, useRef, useState } from 'react';
import { useSensa } from '../../store-context';
import { clockStamp } from '../../../shared/format';
import { mediaError } from './Recorder';
import { Camera } from 'lucide-react';
import { useTranslation } from '../../../i18n/react';

export function CameraCapture({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('chat');
  const addAttachments = useSensa((s) => s.addAttachments);
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!stream || !video.current) return;
    video.current.srcObject = stream;
    void video.current.play().catch(() => undefined);
  }, [stream]);

  const close = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    setStream(null);
    dialog.current?.close();
  };

  useEffect(() => () => stream?.getTracks().forEach((t) => t.stop()), [stream]);

  const open = async () => {
    setError(null);
    try {
      const s = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
      setStream(s);
      dialog.current?.showModal();
    } catch (e) {
      setError(mediaError(e, 'camera'));
    }
  };

  const snap = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => {
      if (!blob) return;
      void addAttachments([new File([blob], `Photo ${clockStamp()}.png`, { type: 'image/png' })]);
      close();
    }, 'image/png');
  };

  return (
    <>
      <button type="button" className="button ghost small" onClick={() => void open()} disabled={disabled}>
        <Camera size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('camera.button')}</span>
      </button>
      {error && (
        <span className="attachment-error" role="alert">
          {error}
        </span>
      )}
      <dialog ref={dialog} className="camera-dialog" aria-label={t('camera.button')} onClose={close}>
        <video ref={video} muted playsInline aria-label={t('camera.preview')} />
        <div className="message-actions">
          <button type="button" className="button" onClick={close}>
            {t('common:cancel')}
          </button>
          <button type="button" className="button primary" onClick={snap}>
            {t('camera.take')}
          </button>
        </div>
      </dialog>
    </>
  );
}
