import { describe, expect, it } from 'vitest';
import { checkPreset, fillPrompt, readPresets, variablesIn } from './prompt-presets';

const context = { now: new Date(2026, 11, 2, 14, 5), locale: 'en-GB' };

describe('prompt presets', () => {
  it('asks for each of the person’s variables once, in order, and never for the built-in ones', () => {
    expect(variablesIn('Explain {{topic}} to a {{ reading level }} reader on {{date}}; {{topic}} again. {{Time}}')).toEqual(['topic', 'reading level']);
    // Code with braces is not a variable.
    expect(variablesIn('const x = {{}}; f({{ a: 1 }});')).toEqual([]);
  });

  it('fills built-ins from the clock and locale, and the rest from what was typed', () => {
    const text = 'Today is {{date}} at {{time}}. Answer in {{language}} about {{topic}}.';
    expect(fillPrompt(text, { topic: 'tides' }, context)).toBe('Today is 2 December 2026 at 14:05. Answer in British English about tides.');
    expect(fillPrompt('{{language}}', {}, { ...context, locale: 'es' })).toBe('español');
  });

  it('leaves a variable the person did not fill visible rather than dropping it', () => {
    expect(fillPrompt('Summarise {{what}} briefly.', { what: '' }, context)).toBe('Summarise {{what}} briefly.');
  });

  it('refuses a preset with no name or no text, and reads back only well-formed ones', () => {
    expect(checkPreset('', 'x')).toEqual({ ok: false, reason: 'Give the prompt a name.' });
    expect(checkPreset('Tutor', '  ')).toEqual({ ok: false, reason: 'There is no text to save.' });
    expect(checkPreset('Tutor', 'Be patient.')).toEqual({ ok: true });
    const good = { id: 'a', kind: 'starter', name: 'Plan', text: 'Plan {{trip}}' };
    expect(readPresets([good, { id: 'b', kind: 'other', name: 'x', text: 'y' }, null, 'junk', { id: 1 }])).toEqual([good]);
    expect(readPresets('not a list')).toEqual([]);
  });
});
