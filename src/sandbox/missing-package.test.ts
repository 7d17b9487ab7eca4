import { describe, expect, it } from 'vitest';
import { missingPackageNote } from './missing-package';

describe('missingPackageNote', () => {
  it('explains a missing plotting package, and says plots are out', () => {
    const traceback = 'Traceback (most recent call last):\n  File "<exec>", line 1, in <module>\nModuleNotFoundError: No module named \'matplotlib\'';
    expect(missingPackageNote(traceback)).toMatch(/^matplotlib isn’t available here: .*standard library.* Plots can’t be drawn\.$/);
    expect(missingPackageNote("ModuleNotFoundError: No module named 'matplotlib.pyplot'")).toContain('Plots can’t be drawn.');
  });

  it('explains other missing packages without promising anything about plots', () => {
    const note = missingPackageNote("ModuleNotFoundError: No module named 'numpy'");
    expect(note).toContain('numpy isn’t available here');
    expect(note).not.toContain('Plots');
  });

  it('says nothing about other errors', () => {
    expect(missingPackageNote('ZeroDivisionError: division by zero')).toBeNull();
    expect(missingPackageNote('')).toBeNull();
  });
});
