// Translating captions with the loaded chat model: one request per cue, each cue's times kept, its answer cleaned to
// the translation alone. Pure apart from the `generate` it is handed, so the loop is tested without a model.
//
// Why one cue per request rather than numbered batches: small on-device models (Qwen3 0.6B, Gemma 3 270M) drop or
// merge numbered lines, and a lost number means a cue with no translation or the wrong one; one cue per request
// cannot misalign, needs no parsing of numbers, and lets Stop end between two cues. The cost is the chat template's
// few dozen tokens per cue, read again each time.

import type { Cue } from '../domain/caption';
import type { ChatTurn } from '../domain/turn';

export interface TranslationLanguage {
  /** BCP 47, for the track's `srclang` and the export's file name. */
  code: string;
  /** In English, as the model is told it. */
  name: string;
}

/** Languages offered; any chat model here has seen these widely. The order is the menu's. */
export const TRANSLATION_LANGUAGES: readonly TranslationLanguage[] = [
  { code: 'es', name: 'Spanish' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'it', name: 'Italian' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'nl', name: 'Dutch' },
  { code: 'pl', name: 'Polish' },
  { code: 'uk', name: 'Ukrainian' },
  { code: 'ru', name: 'Russian' },
  { code: 'tr', name: 'Turkish' },
  { code: 'ar', name: 'Arabic' },
  { code: 'hi', name: 'Hindi' },
  { code: 'zh', name: 'Chinese' },
  { code: 'ja', name: 'Japanese' },
  { code: 'ko', name: 'Korean' },
  { code: 'vi', name: 'Vietnamese' },
  { code: 'id', name: 'Indonesian' },
  { code: 'en', name: 'English' },
];

export function translationLanguage(code: string): TranslationLanguage | undefined {
  return TRANSLATION_LANGUAGES.find((l) => l.code === code);
}

/** The turns for one cue: the instruction as a system turn, the cue's text alone as the person's turn. */
export function translationTurns(language: TranslationLanguage, text: string): ChatTurn[] {
  return [
    {
      role: 'system',
      content: `You translate subtitles into ${language.name}. Reply with the ${language.name} translation of the user's text only: no notes, no quotes, no explanations.`,
    },
    { role: 'user', content: text },
  ];
}

const LABEL = /^\s*(?:translation|translated text|traducción|traduction|übersetzung)\s*(?:\([^)]*\))?\s*:\s*/i;
const QUOTES: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ['“', '”'],
  ['«', '»'],
  ['„', '“'],
  ["'", "'"],
];

/**
 * The translation alone from a model's answer: reasoning blocks (`<think>…</think>`, closed or not) dropped, a
 * leading "Translation:" label and quotes around the whole answer removed, and no more lines than the cue had (a
 * model that adds a note after a blank line loses the note). Null when nothing is left.
 */
export function cleanTranslation(answer: string, source: string): string | null {
  let text = answer.replace(/<think>[\s\S]*?(?:<\/think>|$)/g, '').trim();
  text = text.replace(LABEL, '').trim();
  for (const [open, close] of QUOTES) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
      text = text.slice(open.length, -close.length).trim();
      break;
    }
  }
  const sourceLines = Math.max(1, source.split(/\r\n|\r|\n/).filter((l) => l.trim()).length);
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim());
  // A blank line ends the translation: what follows it is commentary.
  const blank = lines.indexOf('');
  const kept = (blank >= 0 ? lines.slice(0, blank) : lines).slice(0, sourceLines);
  const result = kept.join('\n').trim();
  return result.length > 0 ? result : null;
}

export interface TranslationProgress {
  /** Cues finished so far (translated or with nothing to translate), of `total`. */
  done: number;
  total: number;
  /** The translated cues so far, in order, each with its source cue's index, start and end. */
  cues: TranslatedCue[];
}

export interface TranslatedCue extends Cue {
  /** The index of the cue it translates, in the captions as they were when the translation started. */
  source: number;
}

export interface TranslateOptions {
  language: TranslationLanguage;
  /** Answers one cue's turns; rejects on Stop (the signal) or failure. */
  generate(turns: ChatTurn[], signal: AbortSignal): Promise<string>;
  signal: AbortSignal;
  onProgress?(progress: TranslationProgress): void;
}

export interface TranslationOutcome extends TranslationProgress {
  stopped: boolean;
}

/**
 * Translates cue by cue, in order. A cue with no text is skipped; a cue whose answer cleans to nothing keeps its
 * source text (better a line in the original language than a gap), so the second track has the same cues at the
 * same times. Stop ends between cues (or inside one, if `generate` honours the signal) and keeps what is done.
 * Any other failure rejects, with the progress so far already reported.
 */
export async function translateCues(cues: readonly Cue[], options: TranslateOptions): Promise<TranslationOutcome> {
  const out: TranslatedCue[] = [];
  const total = cues.length;
  let done = 0;
  for (const [index, cue] of cues.entries()) {
    if (options.signal.aborted) return { done, total, cues: out, stopped: true };
    const source = cue.text.trim();
    if (source) {
      let answer: string;
      try {
        answer = await options.generate(translationTurns(options.language, source), options.signal);
      } catch (error) {
        if (options.signal.aborted) return { done, total, cues: out, stopped: true };
        throw error;
      }
      if (options.signal.aborted) return { done, total, cues: out, stopped: true };
      out.push({ start: cue.start, end: cue.end, text: cleanTranslation(answer, source) ?? source, source: index });
    }
    done += 1;
    options.onProgress?.({ done, total, cues: [...out] });
  }
  return { done, total, cues: out, stopped: false };
}
