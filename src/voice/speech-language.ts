// Which language an answer is in, and whether the voice model can speak it: read-aloud never reads one language with
// another language's voice.

/** Below this many letters a text's language is not guessed: trigram statistics on a few words are noise. */
const MIN_LETTERS = 12;
/** The best guess must beat the runner-up by this factor, or the language stays unknown. */
const MIN_LEAD = 1.3;

export interface LanguageGuess {
  lang: string;
  accuracy: number;
}

/** The detector's verdict from its ranked guesses (tinyld's `detectAll`): a clear winner's code, else undefined. */
export function pickTextLanguage(text: string, guesses: readonly LanguageGuess[]): string | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const [best, second] = guesses;
  if (letters < MIN_LETTERS || !best?.lang) return undefined;
  if (second && best.accuracy < second.accuracy * MIN_LEAD) return undefined;
  return best.lang;
}

/**
 * The language (ISO 639-1) a text is written in, or undefined when unsure. tinyld's light model (about 34 KB gzipped) is
 * loaded on first use, not with the app.
 */
export async function detectTextLanguage(text: string): Promise<string | undefined> {
  const { detectAll } = await import('tinyld/light');
  return pickTextLanguage(text, detectAll(text));
}

/** The answer's language: what its text shows; failing that, the language the person spoke the question in. */
export async function answerLanguage(text: string, spokenLanguage?: string): Promise<string | undefined> {
  return (await detectTextLanguage(text)) ?? spokenLanguage;
}

export type VoiceChoice = { speak: true; language: string | undefined } | { speak: false; language: string };

/**
 * Whether the voice can read a text in `language`: yes when it speaks that language, or when the language is unknown
 * (then the voice's own, as before); no otherwise, so Spanish is never read with an English voice.
 */
export function chooseVoiceLanguage(language: string | undefined, voiceLanguages: readonly string[]): VoiceChoice {
  const base = language?.toLowerCase().split('-')[0];
  if (!base) return { speak: true, language: undefined };
  return voiceLanguages.includes(base) ? { speak: true, language: base } : { speak: false, language: base };
}
