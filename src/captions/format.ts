// Captions as files: WebVTT (for the page's <track> and for export) and SRT (for export).
// Written here rather than by a library: `subtitle` (the common npm choice) needs Node streams, and media-captions,
// the browser parser the tests use to check these files, only reads. Both formats are a few lines to write.

import type { Cue } from '../domain/caption';

function clock(seconds: number, fractionSeparator: '.' | ','): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${fractionSeparator}${pad(ms % 1000, 3)}`;
}

/**
 * One cue's text as one or more non-empty lines: an empty line would end the cue, and "-->" would read as timing.
 * Returns "" for a cue with nothing to show (it is left out).
 */
function cueLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim().replaceAll('-->', '→'))
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Cues worth writing: some text, and an end after the start. */
function writable(cues: readonly Cue[]): { cue: Cue; text: string }[] {
  return cues.map((cue) => ({ cue, text: cueLines(cue.text) })).filter(({ cue, text }) => text.length > 0 && cue.end > cue.start);
}

/** WebVTT: `<` and `&` are escaped, so text never becomes a cue tag. */
export function toWebVtt(cues: readonly Cue[]): string {
  const blocks = writable(cues).map(
    ({ cue, text }) => `${clock(cue.start, '.')} --> ${clock(cue.end, '.')}\n${text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}`,
  );
  return `WEBVTT\n\n${blocks.join('\n\n')}${blocks.length > 0 ? '\n' : ''}`;
}

/** SubRip: numbered blocks, a comma before the milliseconds. */
export function toSrt(cues: readonly Cue[]): string {
  return writable(cues)
    .map(({ cue, text }, i) => `${i + 1}\n${clock(cue.start, ',')} --> ${clock(cue.end, ',')}\n${text}\n`)
    .join('\n');
}

/** The cues whose text contains `query` (any case); all of them for an empty query. Keeps each cue's index for editing. */
export function searchCues(cues: readonly Cue[], query: string): { cue: Cue; index: number }[] {
  const q = query.trim().toLocaleLowerCase();
  return cues.map((cue, index) => ({ cue, index })).filter(({ cue }) => q === '' || cue.text.toLocaleLowerCase().includes(q));
}

/** A file name for an export: the media's name without its extension. */
export function exportName(mediaName: string, extension: 'vtt' | 'srt'): string {
  const base = mediaName.replace(/\.[^./\\]+$/, '') || 'captions';
  return `${base}.${extension}`;
}
