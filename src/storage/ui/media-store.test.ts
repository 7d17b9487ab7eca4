import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createMediaStore } from './media-store';

const picture = () => ({ images: [new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' })] });

describe('media store pruning', () => {
  it('keeps what is referenced and fresh drafts, and drops unreferenced imports at once', async () => {
    const media = createMediaStore(createStore(`media-prune-${Math.random()}`, 'media'));
    await media.put('kept', picture());
    await media.put('draft', picture());
    await media.put('old', { ...picture(), storedAt: 1 });
    await media.putImported(new Map([['imported-kept', picture()], ['imported-orphan', picture()]]));

    const removed = await media.prune(new Set(['kept', 'imported-kept']), Date.now() - 60_000);

    expect(removed).toBe(2);
    expect(await media.get('old')).toBeUndefined();
    expect(await media.get('imported-orphan')).toBeUndefined();
    for (const id of ['kept', 'draft', 'imported-kept']) expect(await media.get(id), id).toBeDefined();
    const bytes = new Uint8Array(await ((await media.get('imported-kept'))?.images[0] ?? new Blob()).arrayBuffer());
    expect([...bytes]).toEqual([1, 2, 3]);
  });
});
