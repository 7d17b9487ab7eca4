import { describe, expect, it } from 'vitest';
import { SHARED_FILES_FIELD, isEmptyShare, parseSharedForm } from './share-target';

describe('the share target', () => {
  it('reads the shared form: fields trimmed, every file under the files field, empty files dropped', () => {
    const form = new FormData();
    form.set('title', '  Holiday  ');
    form.set('text', 'Look at this');
    form.append(SHARED_FILES_FIELD, new File([new Uint8Array([1, 2, 3])], 'beach.png', { type: 'image/png' }));
    form.append(SHARED_FILES_FIELD, new File(['memo'], 'memo.m4a', { type: 'audio/mp4' }));
    form.append(SHARED_FILES_FIELD, new File([], 'empty.txt', { type: 'text/plain' }));
    form.append('other', new File(['x'], 'ignored.png'));
    const share = parseSharedForm(form);
    expect(share.title).toBe('Holiday');
    expect(share.text).toBe('Look at this');
    expect(share.url).toBe('');
    expect(share.files.map((f) => [f.name, f.type, f.size])).toEqual([
      ['beach.png', 'image/png', 3],
      ['memo.m4a', 'audio/mp4', 4],
    ]);
    expect(isEmptyShare(share)).toBe(false);
    expect(isEmptyShare(parseSharedForm(new FormData()))).toBe(true);
  });

});
