import { describe, expect, it } from 'vitest';
import { matchShortcut } from './shortcuts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('shortcuts', () => {
  it('maps the keys', () => {
    expect(matchShortcut(key('O', { ctrlKey: true, shiftKey: true }))).toBe('newChat');
    expect(matchShortcut(key('o', { metaKey: true, shiftKey: true }))).toBe('newChat');
    expect(matchShortcut(key('Escape', { shiftKey: true }))).toBe('focusComposer');
    expect(matchShortcut(key('Escape'))).toBe('stop');
    expect(matchShortcut(key('o', { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(key('k', { ctrlKey: true }))).toBe('searchChats');
    expect(matchShortcut(key('K', { metaKey: true }))).toBe('searchChats');
    expect(matchShortcut(key('k'))).toBeNull();
  });

  it('describes what the camera sees on Alt+Shift+D, also where Alt turns D into another character', () => {
    expect(matchShortcut(key('D', { altKey: true, shiftKey: true }))).toBe('describe');
    expect(matchShortcut({ ...key('Î', { altKey: true, shiftKey: true }), code: 'KeyD' })).toBe('describe');
    expect(matchShortcut(key('d', { altKey: true }))).toBeNull();
    expect(matchShortcut(key('D', { altKey: true, shiftKey: true, ctrlKey: true }))).toBeNull();
  });
});
