import { describe, expect, it } from 'vitest';
import { speechInput } from './speech-tags';

describe('speechInput', () => {
  it("wraps a sentence in its language's tag, as the Supertonic 2 model card does", () => {
    expect(speechInput('This is really cool!', 'en')).toBe('<en>This is really cool!</en>');
    expect(speechInput('La manzana es roja.', 'es')).toBe('<es>La manzana es roja.</es>');
    expect(speechInput('안녕하세요.', 'ko')).toBe('<ko>안녕하세요.</ko>');
  });

  it('leaves the text alone without a language', () => {
    expect(speechInput('Hello.')).toBe('Hello.');
  });

  it('refuses what is not a language code, so no markup can be smuggled into the tag', () => {
    expect(() => speechInput('Hi.', 'es-ES')).toThrow(/ISO 639/);
    expect(() => speechInput('Hi.', 'en><x')).toThrow(/ISO 639/);
  });
});
