import { describe, expect, it } from 'vitest';
import { directionOf, pickLanguage } from './languages';

describe('pickLanguage', () => {
  it('takes the first preferred language Sensa has, exact tag or base language', () => {
    expect(pickLanguage(['sv-SE', 'de-AT', 'en'])).toBe('de');
    expect(pickLanguage(['pt-PT'])).toBe('pt-BR');
    expect(pickLanguage(['ar-EG'])).toBe('ar');
    expect(pickLanguage(['zh-Hans-CN'])).toBe('zh-CN');
    expect(pickLanguage(['zh-TW', 'ja-JP'])).toBe('ja');
    expect(pickLanguage(['ko'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
  it('knows Arabic is written right to left', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('hi')).toBe('ltr');
  });
});
