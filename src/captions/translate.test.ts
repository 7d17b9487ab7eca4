// Translating cue by cue: each cue's own text goes alone, times and order are kept, answers are cleaned to the
// translation, Stop keeps what is done, and a failure says so after reporting the progress so far.
import { describe, expect, it } from 'vitest';
import type { Cue } from '../domain/caption';
import type { ChatTurn } from '../domain/turn';
import { cleanTranslation, translateCues, translationLanguage, translationTurns } from './translate';

const spanish = translationLanguage('es')!;
const cues: Cue[] = [
  { start: 0.5, end: 2.5, text: 'good morning' },
  { start: 3, end: 5, text: '   ' },
  { start: 5.5, end: 7.25, text: 'see you\ntomorrow' },
];

describe('translation prompt', () => {
  it('names the language and sends the cue text alone as the person’s turn', () => {
    const turns = translationTurns(spanish, 'good morning');
    expect(turns).toHaveLength(2);
    expect(turns[0]).toMatchObject({ role: 'system' });
    expect(turns[0]?.content).toContain('Spanish');
    expect(turns[1]).toEqual({ role: 'user', content: 'good morning' });
  });
});

describe('cleanTranslation', () => {
  it.each([
    ['buenos días', 'buenos días'],
    ['  buenos días \n', 'buenos días'],
    ['<think>\nThe user wants Spanish.\n</think>\n\nbuenos días', 'buenos días'],
    ['<think>still thinking when the tokens ran out', null],
    ['Translation: buenos días', 'buenos días'],
    ['Traducción (es): "buenos días"', 'buenos días'],
    ['“buenos días”', 'buenos días'],
    ['«buenos días»', 'buenos días'],
    ['buenos días\n\nNote: "días" is plural.', 'buenos días'],
    ['buenos días\nand a second line the cue never had', 'buenos días'],
    ['', null],
    ['   \n  ', null],
  ])('%j → %j', (answer, want) => {
    expect(cleanTranslation(answer, 'good morning')).toBe(want);
  });

  it('keeps as many lines as the cue had', () => {
    expect(cleanTranslation('hasta\nmañana\nextra', 'see you\ntomorrow')).toBe('hasta\nmañana');
  });

  it('leaves quotes that are part of the text', () => {
    expect(cleanTranslation('dijo "hola" y se fue', 'he said "hi" and left')).toBe('dijo "hola" y se fue');
  });
});

describe('translateCues', () => {
  it('one request per cue with text, in order; the translations keep each cue’s times and index', async () => {
    const asked: ChatTurn[][] = [];
    const progress: number[] = [];
    const out = await translateCues(cues, {
      language: spanish,
      signal: new AbortController().signal,
      generate: async (turns) => {
        asked.push(turns);
        return `«${turns[1]?.content.toUpperCase()}»`;
      },
      onProgress: (p) => progress.push(p.done),
    });
    expect(asked.map((t) => t[1]?.content)).toEqual(['good morning', 'see you\ntomorrow']);
    expect(out).toEqual({
      done: 3,
      total: 3,
      stopped: false,
      cues: [
        { start: 0.5, end: 2.5, text: 'GOOD MORNING', source: 0 },
        { start: 5.5, end: 7.25, text: 'SEE YOU\nTOMORROW', source: 2 },
      ],
    });
    expect(progress).toEqual([1, 2, 3]);
  });

  it('an answer that cleans to nothing keeps the source text, so the track has no gap', async () => {
    const out = await translateCues(cues.slice(0, 1), { language: spanish, signal: new AbortController().signal, generate: async () => '<think>' });
    expect(out.cues).toEqual([{ start: 0.5, end: 2.5, text: 'good morning', source: 0 }]);
  });

  it('Stop during a cue keeps the cues before it', async () => {
    const controller = new AbortController();
    let calls = 0;
    const out = await translateCues(cues, {
      language: spanish,
      signal: controller.signal,
      generate: async () => {
        calls += 1;
        if (calls === 2) {
          controller.abort();
          throw new Error('aborted');
        }
        return 'buenos días';
      },
    });
    expect(out).toMatchObject({ stopped: true, done: 2, cues: [{ text: 'buenos días', source: 0 }] });
  });

  it('a failure rejects after the progress so far was reported', async () => {
    const seen: number[] = [];
    await expect(
      translateCues(cues, {
        language: spanish,
        signal: new AbortController().signal,
        generate: async (turns) => {
          if (turns[1]?.content.startsWith('see')) throw new Error('An answer is already being generated.');
          return 'buenos días';
        },
        onProgress: (p) => seen.push(p.cues.length),
      }),
    ).rejects.toThrow('already being generated');
    expect(seen).toEqual([1, 1]);
  });
});
