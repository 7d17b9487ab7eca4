import { describe, expect, it } from 'vitest';
import { missingParts, partsForTurns } from './model-parts';

describe('parts a prompt needs', () => {
  it('a text-only conversation needs no encoder', () => {
    expect(partsForTurns([{}, { media: [] }])).toEqual([]);
  });

  it('a picture anywhere in the conversation needs the vision encoder; a sound the audio encoder', () => {
    expect(partsForTurns([{ media: [{ kind: 'image' }] }, {}])).toEqual(['vision']);
    expect(partsForTurns([{ media: [{ kind: 'audio' }] }])).toEqual(['audio']);
    // A video with a soundtrack: its frames and its sound, in a stable order.
    expect(partsForTurns([{ media: [{ kind: 'audio' }, { kind: 'image' }] }])).toEqual(['vision', 'audio']);
  });

  it('only the parts still lazy are missing; a model loaded whole misses none', () => {
    expect(missingParts(['vision', 'audio'], ['audio'])).toEqual(['audio']);
    expect(missingParts(['vision'], [])).toEqual([]);
    expect(missingParts(['vision'], undefined)).toEqual([]);
  });
});
