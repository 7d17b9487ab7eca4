// "Caption": pick a video or recording beside the attach buttons, then watch it with captions being written,
// search and edit them, and export WebVTT or SRT.

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { Captions } from 'lucide-react';
import { describeError, errorMessage } from '../../i18n/errors';
import { exportName, searchCues, toSrt, toWebVtt } from '../format';
import { captionStoreFor, type CaptionState } from '../caption-store';
import { TRANSLATION_LANGUAGES, type TranslatedCue, type TranslationLanguage } from '../translate';
import type { Cue } from '../../domain/caption';
import { useCaptionDeps } from './context';
import { useTranslation } from '../../i18n/react';

/** The app's captions store, made when this chunk first renders (its code stays out of the app shell). */
function useCaptionsStore(): StoreApi<CaptionState> | null {
  const deps = useCaptionDeps();
  return deps ? captionStoreFor(deps) : null;
}

function clockText(seconds: number): string {
  const s = Math.floor(seconds);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m % 60)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Status({ store }: { store: StoreApi<CaptionState> }) {
  const phase = useStore(store, (s) => s.phase);
  const done = useStore(store, (s) => s.doneSeconds);
  const total = useStore(store, (s) => s.totalSeconds);
  const dl = useStore(store, (s) => s.download);
  const error = useStore(store, (s) => s.error);
  const speed = useStore(store, (s) => s.speed);
  const count = useStore(store, (s) => s.cues.length);
  const { t } = useTranslation('captions');
  let text = '';
  if (phase === 'reading') text = t('status.reading');
  else if (phase === 'loading') text = dl ? t('status.loadingPercent', { percent: Math.round((100 * dl.loaded) / Math.max(1, dl.total)) }) : t('status.loading');
  else if (phase === 'captioning') text = t('status.captioning', { done: clockText(done), total: clockText(total) });
  else if (phase === 'done') text = t('status.done', { count, total: clockText(total), speed: speed ? t('status.speed', { speed: speed.toFixed(1) }) : '' });
  else if (phase === 'stopped') text = t('status.stopped', { count, done: clockText(done), total: clockText(total) });
  const running = phase === 'reading' || phase === 'loading' || phase === 'captioning';
  return (
    <div className="captions-status">
      <p role="status" aria-live="polite">
        {text}
      </p>
      {running && <progress aria-label={t('status.progress')} max={Math.max(1, total)} value={phase === 'captioning' ? done : undefined} />}
      {phase === 'error' && error && (
        <p role="alert" className="error">
          {describeError(error).title}: {errorMessage(error)}
        </p>
      )}
    </div>
  );
}

interface CueRowProps {
  cue: Cue;
  index: number;
  translated: { cue: TranslatedCue; index: number } | undefined;
  language: TranslationLanguage | undefined;
  editCue: CaptionState['editCue'];
  editTranslatedCue: CaptionState['editTranslatedCue'];
  onSeek: (seconds: number) => void;
}

/**
 * One caption and its translation. Memoized: each window of a long clip adds cues, and rendering every earlier row
 * again (hundreds of inputs for a 10-minute clip) on each window is wasted main-thread work; unchanged rows keep
 * their cue objects, so only new or edited rows render.
 */
const CueRow = memo(function CueRow({ cue, index, translated, language, editCue, editTranslatedCue, onSeek }: CueRowProps) {
  const { t } = useTranslation('captions');
  return (
    <li>
      <button type="button" className="button ghost small" onClick={() => onSeek(cue.start)} aria-label={t('cue.play', { time: clockText(cue.start) })}>
        {t('cue.range', { start: clockText(cue.start), end: clockText(cue.end) })}

      </button>
      <input aria-label={t('cue.caption', { time: clockText(cue.start) })} value={cue.text} onChange={(e) => editCue(index, e.target.value)} />
      {translated && language && (
        <input
          lang={language.code}
          className="captions-translated"
          aria-label={t('cue.translated', { language: language.name, time: clockText(cue.start) })}
          value={translated.cue.text}
          onChange={(e) => editTranslatedCue(translated.index, e.target.value)}
        />
      )}
    </li>
  );
});

function CueList({ store, onSeek }: { store: StoreApi<CaptionState>; onSeek: (seconds: number) => void }) {
  const cues = useStore(store, (s) => s.cues);
  const editCue = useStore(store, (s) => s.editCue);
  const translation = useStore(store, (s) => s.translation);
  const editTranslatedCue = useStore(store, (s) => s.editTranslatedCue);
  const [query, setQuery] = useState('');
  const { t } = useTranslation('captions');
  const shown = useMemo(() => searchCues(cues, query), [cues, query]);
  // Each source cue's translation, by the source's index.
  const translatedBySource = useMemo(() => new Map((translation?.cues ?? []).map((cue, index) => [cue.source, { cue, index }])), [translation?.cues]);
  return (
    <div className="captions-transcript">
      <input type="search" aria-label={t('search')} placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      <ol className="captions-cues" aria-label={t('list')}>
        {shown.map(({ cue, index }) => (
          <CueRow
            key={index}
            cue={cue}
            index={index}
            translated={translatedBySource.get(index)}
            language={translation?.language}
            editCue={editCue}
            editTranslatedCue={editTranslatedCue}
            onSeek={onSeek}
          />
        ))}
      </ol>
      {cues.length > 0 && shown.length === 0 && <p>{t('noMatch', { query })}</p>}
    </div>
  );
}

function Player({ store, video, showTranslated }: { store: StoreApi<CaptionState>; video: React.RefObject<HTMLVideoElement | null>; showTranslated: boolean }) {
  const media = useStore(store, (s) => s.media);
  const cues = useStore(store, (s) => s.cues);
  const translation = useStore(store, (s) => s.translation);
  const translatedCues = translation?.cues;
  const { t } = useTranslation('captions');
  const trackUrl = useMemo(() => URL.createObjectURL(new Blob([toWebVtt(cues)], { type: 'text/vtt' })), [cues]);
  const translatedUrl = useMemo(
    () => (translatedCues && translatedCues.length > 0 ? URL.createObjectURL(new Blob([toWebVtt(translatedCues)], { type: 'text/vtt' })) : null),
    [translatedCues],
  );
  useEffect(() => () => URL.revokeObjectURL(trackUrl), [trackUrl]);
  useEffect(() => () => (translatedUrl ? URL.revokeObjectURL(translatedUrl) : undefined), [translatedUrl]);
  // One track shows at a time; the other is "hidden", which still loads its cues (a "disabled" track loads none) and
  // keeps it in the player's own captions menu.
  useEffect(() => {
    const translated = showTranslated && translatedUrl !== null;
    const tracks = video.current?.querySelectorAll('track') ?? [];
    for (const el of tracks) el.track.mode = (el.kind === 'subtitles') === translated ? 'showing' : 'hidden';
  }, [video, trackUrl, translatedUrl, showTranslated]);
  if (!media) return null;
  return (
    <video ref={video} className={media.kind === 'audio' ? 'captions-player audio' : 'captions-player'} src={media.url} controls playsInline aria-label={t('player.label', { name: media.name })}>
      {/* A new track per change of the cues: the browser reads a track's file once. */}
      <track key={trackUrl} kind="captions" src={trackUrl} srcLang="en" label={t('list')} default />
      {translation && translatedUrl && (
        <track key={translatedUrl} kind="subtitles" src={translatedUrl} srcLang={translation.language.code} label={t('player.translatedTrack', { language: translation.language.name })} />
      )}
    </video>
  );
}

function Translation({ store, showTranslated, setShowTranslated }: { store: StoreApi<CaptionState>; showTranslated: boolean; setShowTranslated: (show: boolean) => void }) {
  const phase = useStore(store, (s) => s.phase);
  const count = useStore(store, (s) => s.cues.length);
  const media = useStore(store, (s) => s.media);
  const translation = useStore(store, (s) => s.translation);
  const { translate, stopTranslation } = store.getState();
  const [code, setCode] = useState(TRANSLATION_LANGUAGES[0]?.code ?? 'es');
  const { t } = useTranslation('captions');
  if (!(phase === 'done' || phase === 'stopped') || count === 0) return null;
  const running = translation?.phase === 'translating';
  const name = translation?.language.name ?? '';
  let text = '';
  if (translation?.phase === 'translating') text = t('translate.translating', { language: name, model: translation.modelName, done: translation.done, total: translation.total });
  else if (translation?.phase === 'done') text = t('translate.done', { language: name, model: translation.modelName, count: translation.cues.length });
  else if (translation?.phase === 'stopped') text = t('translate.stopped', { language: name, done: translation.cues.length, total: translation.total });
  const exportAs = (kind: 'vtt' | 'srt') => {
    const current = store.getState().translation;
    if (!current) return;
    const file = exportName(media?.name ?? 'captions', kind).replace(/\.(vtt|srt)$/, `.${current.language.code}.$1`);
    if (kind === 'vtt') download(toWebVtt(current.cues), file, 'text/vtt');
    else download(toSrt(current.cues), file, 'application/x-subrip');
  };
  return (
    <section className="captions-translation" aria-labelledby="captions-translation-title">
      <h3 id="captions-translation-title">{t('translate.title')}</h3>
      <div className="captions-actions">
        <select aria-label={t('translate.into')} value={code} disabled={running} onChange={(e) => setCode(e.target.value)}>
          {TRANSLATION_LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
        {running ? (
          <button type="button" className="button stop" onClick={stopTranslation}>
            {t('translate.stop')}
          </button>
        ) : (
          <button type="button" className="button small" onClick={() => void translate(code)}>
            {t('translate.start')}
          </button>
        )}
      </div>
      <p role="status" aria-live="polite">
        {text}
      </p>
      {running && <progress aria-label={t('translate.progress')} max={Math.max(1, translation.total)} value={translation.done} />}
      {translation?.phase === 'error' && translation.error && (
        <p role="alert" className="error">
          {describeError(translation.error).title}: {errorMessage(translation.error)}
        </p>
      )}
      {translation && !running && translation.cues.length > 0 && (
        <div className="captions-actions">
          <label>
            <input type="checkbox" checked={showTranslated} onChange={(e) => setShowTranslated(e.target.checked)} /> {t('translate.show', { language: name })}
          </label>
          <button type="button" className="button small" onClick={() => exportAs('vtt')}>
            {t('translate.vtt', { language: name })}
          </button>
          <button type="button" className="button small" onClick={() => exportAs('srt')}>
            {t('translate.srt', { language: name })}
          </button>
        </div>
      )}
      <p className="captions-note">{t('translate.note')}</p>
    </section>
  );
}

function CaptionsDialog({ store }: { store: StoreApi<CaptionState> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [showTranslated, setShowTranslated] = useState(false);
  const { t } = useTranslation('captions');
  // Stable, so the memoized caption rows do not all render again whenever the dialog does.
  const seek = useCallback((seconds: number) => {
    if (video.current) video.current.currentTime = seconds;
  }, []);
  const media = useStore(store, (s) => s.media);
  const phase = useStore(store, (s) => s.phase);
  const { stop, close } = store.getState();
  const open = phase !== 'idle';
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  const running = phase === 'reading' || phase === 'loading' || phase === 'captioning';
  const exportAs = (kind: 'vtt' | 'srt') => {
    const { cues } = store.getState();
    const name = exportName(media?.name ?? 'captions', kind);
    if (kind === 'vtt') download(toWebVtt(cues), name, 'text/vtt');
    else download(toSrt(cues), name, 'application/x-subrip');
  };
  return (
    <dialog ref={dialog} className="captions-dialog" aria-labelledby="captions-title" onClose={close}>
      <header>
        <h2 id="captions-title">{media ? t('dialog.titleFor', { name: media.name }) : t('dialog.title')}</h2>
        <button type="button" className="button ghost small" onClick={close}>
          {t('common:close')}
        </button>
      </header>
      <Player store={store} video={video} showTranslated={showTranslated} />
      <Status store={store} />
      <div className="captions-actions">
        {running && (
          <button type="button" className="button stop" onClick={stop}>
            {t('dialog.stop')}
          </button>
        )}
        <button type="button" className="button small" disabled={running || phase === 'error'} onClick={() => exportAs('vtt')}>
          {t('dialog.vtt')}
        </button>
        <button type="button" className="button small" disabled={running || phase === 'error'} onClick={() => exportAs('srt')}>
          {t('dialog.srt')}
        </button>
      </div>
      <p className="captions-note">{t('dialog.note')}</p>
      <Translation store={store} showTranslated={showTranslated} setShowTranslated={setShowTranslated} />
      <CueList store={store} onSeek={seek} />
    </dialog>
  );
}

/** "Caption" on a video or recording already attached in the composer: captions that file, in the same dialog. */
export function CaptionDraftAction({ name, file }: { name: string; kind: 'audio' | 'video'; file: () => File | undefined }) {
  const store = useCaptionsStore();
  const [missing, setMissing] = useState(false);
  const { t } = useTranslation('captions');
  if (!store) return null;
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-label={t('draft.label', { name })}
        title={t('draft.title')}
        onClick={() => {
          const picked = file();
          setMissing(!picked);
          if (picked) void store.getState().start(picked);
        }}
      >
        <Captions size={14} aria-hidden="true" focusable="false" /> {t('button')}
      </button>
      {missing && (
        <span className="attachment-error" role="alert">
          {t('draft.missing', { name })}
        </span>
      )}
    </>
  );
}

/** The composer's "Caption" button and the dialog it opens. Absent when the app has no captions store. */
export function CaptionsTool() {
  const store = useCaptionsStore();
  const picker = useRef<HTMLInputElement>(null);
  const { t } = useTranslation('captions');
  if (!store) return null;
  return (
    <>
      <input
        ref={picker}
        type="file"
        accept="video/*,audio/*"
        hidden
        aria-label={t('picker')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void store.getState().start(file);
        }}
      />
      <button type="button" className="button ghost small" onClick={() => picker.current?.click()} title={t('tool.title')}>
        <Captions size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('button')}</span>

      </button>
      <CaptionsDialog store={store} />
    </>
  );
}
