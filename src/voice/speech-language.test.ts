// The answer-language rule and the voice choice, with the real detector (tinyld's light model) where text is involved.
import { describe, expect, it } from 'vitest';
import { answerLanguage, chooseVoiceLanguage, detectTextLanguage, pickTextLanguage } from './speech-language';
import { languageName } from '../shared/language-name';

describe('detectTextLanguage', () => {
  it('names Spanish, French and English sentences', async () => {
    expect(await detectTextLanguage('Hola, ¿cómo estás? Me gustaría una manzana, por favor.')).toBe('es');
    expect(await detectTextLanguage('Bonjour, je voudrais une pomme, s’il vous plaît.')).toBe('fr');
    expect(await detectTextLanguage('You said forever and forever and forever')).toBe('en');
  });

  it('says nothing for too little text', async () => {
    expect(await detectTextLanguage('apple')).toBeUndefined();
    expect(await detectTextLanguage('¿Qué tal?')).toBeUndefined();
  });
});

describe('pickTextLanguage', () => {
  it('needs a clear lead over the runner-up', () => {
    const text = 'Dijiste manzana sobre todo.';
    expect(pickTextLanguage(text, [{ lang: 'es', accuracy: 0.05 }, { lang: 'it', accuracy: 0.042 }])).toBeUndefined();
    expect(pickTextLanguage(text, [{ lang: 'es', accuracy: 0.3 }, { lang: 'it', accuracy: 0.07 }])).toBe('es');
    expect(pickTextLanguage(text, [])).toBeUndefined();
  });
});

describe('answerLanguage', () => {
  it('prefers the text, then the spoken question’s language', async () => {
    expect(await answerLanguage('Hola, ¿cómo estás? Me gustaría una manzana, por favor.', 'en')).toBe('es');
    expect(await answerLanguage('apple', 'es')).toBe('es');
    expect(await answerLanguage('apple')).toBeUndefined();
  });
});

describe('chooseVoiceLanguage', () => {
  it('speaks a language the voice has, refuses one it lacks, and reads unknown text with its own', () => {
    expect(chooseVoiceLanguage('en', ['en'])).toEqual({ speak: true, language: 'en' });
    expect(chooseVoiceLanguage('es', ['en'])).toEqual({ speak: false, language: 'es' });
    expect(chooseVoiceLanguage('es-MX', ['en', 'es'])).toEqual({ speak: true, language: 'es' });
    expect(chooseVoiceLanguage(undefined, ['en'])).toEqual({ speak: true, language: undefined });
  });

  it('names languages for the person', () => {
    expect(languageName('es', 'en')).toBe('Spanish');
    expect(languageName('es', 'es')).toBe('español');
  });
});
