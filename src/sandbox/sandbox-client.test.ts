import { describe, expect, it } from 'vitest';
import { codeLanguage } from './sandbox-client';

describe('codeLanguage', () => {
  it('reads the fence names models write for JavaScript and Python', () => {
    expect(['js', 'JavaScript', 'mjs'].map(codeLanguage)).toEqual(['javascript', 'javascript', 'javascript']);
    expect(['py', 'python', 'Python3'].map(codeLanguage)).toEqual(['python', 'python', 'python']);
  });

  it('offers no Run for other languages or a bare fence', () => {
    expect(['ts', 'bash', 'html', '', undefined].map(codeLanguage)).toEqual([null, null, null, null, null]);
  });
});
