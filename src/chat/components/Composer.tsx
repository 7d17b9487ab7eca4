// Where the person writes and attaches: Enter sends, Shift+Enter breaks the line, Stop ends an answer at once; files come by picker, paste, camera or microphone.

import { Suspense, useEffect, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { lazyPart } from './lazy-part';
import { useSensa, useSensaStore } from '../store-context';
import { findModel } from '../../models/catalog';
import { problemsFor } from '../attachment-routing';
import { MEDIA_LIMITS, describeSeconds } from '../../media/limits';
const AttachmentTray = lazyPart(() => import('./attachments/AttachmentTray').then((m) => m.AttachmentTray));
// Camera, recorder and the attachment tray load after the first paint (keeps the app shell small).
const CameraCapture = lazyPart(() => import('./attachments/CameraCapture').then((m) => m.CameraCapture));
const Recorder = lazyPart(() => import('./attachments/Recorder').then((m) => m.Recorder));
import { useChatSlots } from './slots';
import { DocumentRebuildProgress, PartsProgress } from './PartsProgress';
import { BookMarked, Palette, Paperclip } from 'lucide-react';
import { drawPrompt } from '../store/drawing-slice';
import { IMAGE_MODEL } from '../../models/catalog';
import { DrawMemoryNote } from './drawing/DrawMemoryNote';
// Presets and the document library load after the first paint (keeps the app shell small).
const PresetControls = lazyPart(() => import('./presets/PresetControls').then((m) => m.PresetControls));
const LibraryButton = lazyPart(() => import('../../documents/components/Library').then((m) => m.LibraryButton));
import { DOCUMENT_ACCEPT } from '../../documents/detect';
import { useTranslation } from '../../i18n/react';
import { formatBytes, formatNumber } from '../../shared/format';

/** What the file picker offers; anything else dropped or pasted is still checked and refused clearly. */
const ACCEPT = `image/*,audio/*,video/*,.svg,.wav,.mp3,.m4a,.ogg,.opus,.webm,.flac,${DOCUMENT_ACCEPT}`;

export function Composer() {
  const { t } = useTranslation('chat');
  const { ComposerTools, ComposerPanel } = useChatSlots();
  const [text, setText] = useState('');
  const [starters, setStarters] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const answering = useSensa((s) => s.generating !== null);
  const drawing = useSensa((s) => s.drawing !== null);
  const generating = answering || drawing;
  const drawMode = useSensa((s) => s.drawMode);
  const setDrawMode = useSensa((s) => s.setDrawMode);
  const draw = useSensa((s) => s.draw);
  const stopDrawing = useSensa((s) => s.stopDrawing);
  const model = useSensa((s) => s.model);
  const enableThinking = useSensa((s) => s.preferences.enableThinking);
  const draft = useSensa((s) => s.draft);
  const send = useSensa((s) => s.send);
  const stop = useSensa((s) => s.stop);
  const addAttachments = useSensa((s) => s.addAttachments);
  const attachStoredDocument = useSensa((s) => s.attachStoredDocument);
  // Escape (stop) is a global shortcut, see app/shortcuts.ts.
  const setPreference = useSensa((s) => s.setPreference);
  // Text shared from another app (src/app/launch.ts) joins whatever is already being written.
  const store = useSensaStore();
  useEffect(() => {
    const take = (state: { prefill: string | null }) => {
      if (state.prefill === null) return;
      const shared = store.getState().takePrefill();
      if (shared) setText((current) => (current.trim() ? `${current}\n${shared}` : shared));
    };
    take(store.getState());
    return store.subscribe(take);
  }, [store]);

  const ready = model.phase === 'ready';
  const spec = ready ? findModel(model.modelId) : undefined;
  // Only where Sensa can show the thinking: a model whose thoughts it cannot parse is asked to answer directly.
  const reasoning = spec?.thinking !== undefined;
  const attachments = draft.flatMap((d) => (d.status === 'ready' ? [d.attachment] : []));
  const draftSettled = draft.every((d) => d.status === 'ready');
  const blocked = !draftSettled || (spec ? problemsFor(spec, attachments).length > 0 : false);
  // A picture prompt needs no chat model: the image model loads on first use.
  const picturePrompt = IMAGE_MODEL ? (drawMode ? text.trim() || null : drawPrompt(text)) : null;
  const canSend = picturePrompt !== null ? !generating : ready && !generating && !blocked && (text.trim() !== '' || attachments.length > 0);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    const value = text;
    setText('');
    if (picturePrompt !== null) void draw(picturePrompt);
    else void send(value);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  // A pasted screenshot arrives as a file; pasted text keeps its normal behaviour.
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    void addAttachments(files);
  };

  return (
    <>
    {ComposerPanel && <ComposerPanel />}
    <form className="composer" onSubmit={submit} aria-label={t('composer.label')}>
      <PartsProgress />
      <DocumentRebuildProgress />
      {IMAGE_MODEL && (drawMode || picturePrompt !== null) && <DrawMemoryNote />}
      <div className="composer-box">
        <Suspense fallback={null}>
          <AttachmentTray />
        </Suspense>
        {starters && (
          <div className="composer-starters" aria-label={t('composer.starters')}>
            <Suspense fallback={null}>
              <PresetControls
                kind="starter"
                current={text}
                onUse={(filled) => {
                  setText(filled);
                  setStarters(false);
                  input.current?.focus();
                }}
              />
            </Suspense>
          </div>
        )}
        <textarea
          ref={input}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={drawMode ? t('composer.placeholderDraw') : ready ? t('composer.placeholder') : t('composer.placeholderNoModel')}
          aria-label={t('composer.message')}
          rows={1}
        />
        <div className="composer-actions">
          <div className="composer-tools">
            <input
              ref={picker}
              type="file"
              accept={ACCEPT}
              multiple
              hidden
              aria-label={t('composer.attachFiles')}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                if (files.length > 0) void addAttachments(files);
              }}
            />
            <button type="button" className="button ghost small" onClick={() => picker.current?.click()} title={t('composer.attachTitle', { size: formatBytes(200e6), megapixels: formatNumber(MEDIA_LIMITS.maxImagePixels / 1_000_000), audio: describeSeconds(MEDIA_LIMITS.maxAudioSeconds), video: describeSeconds(MEDIA_LIMITS.maxVideoSeconds) })}>
              <Paperclip size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('composer.attach')}</span>
            </button>
            <Suspense fallback={null}>
              <LibraryButton onAttach={attachStoredDocument} />
            </Suspense>
            <button type="button" className="button ghost small" aria-expanded={starters} onClick={() => setStarters(!starters)} title={t('composer.promptsTitle', { example: '{{variables}}' })}>
              <BookMarked size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('composer.prompts')}</span>
            </button>
            <Suspense fallback={null}>
              <CameraCapture disabled={false} />
              <Recorder disabled={false} />
            </Suspense>
            {IMAGE_MODEL && (
              <button
                type="button"
                className="button ghost small"
                aria-pressed={drawMode}
                onClick={() => setDrawMode(!drawMode)}
                aria-label={t('composer.picture')}
                title={t('composer.pictureTitle', { name: IMAGE_MODEL.name })}
              >
                <Palette size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('composer.picture')}</span>
              </button>
            )}
            {ComposerTools && <ComposerTools />}
          </div>
          {reasoning && (
            <label className="toggle">
              <input type="checkbox" checked={enableThinking} onChange={(e) => setPreference('enableThinking', e.target.checked)} />
              {t('composer.thinkFirst')}
            </label>
          )}
          {generating ? (
            <button type="button" className="button stop" onClick={drawing ? stopDrawing : stop} aria-keyshortcuts="Escape">
              {t('composer.stop')}
            </button>
          ) : (
            <button type="submit" className="button primary" disabled={!canSend}>
              {picturePrompt !== null ? t('composer.draw') : t('composer.send')}
            </button>
          )}
        </div>
      </div>
    </form>
    </>
  );
}
