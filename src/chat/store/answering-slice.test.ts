import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../models/catalog';
import { settingsFor } from './answering-slice';

describe('settingsFor', () => {
  const qwen = CATALOG.find((m) => m.id === 'qwen3-0.6b')!;
  const llama = CATALOG.find((m) => m.id === 'llama-3.2-1b-instruct')!;

  it('puts the person’s changes for that model over its defaults, and no other model’s', () => {
    const generation = { [qwen.id]: { temperature: 0 }, [llama.id]: { maxNewTokens: 3 } };
    expect(settingsFor(qwen, { enableThinking: true, generation })).toEqual({ ...qwen.defaults, temperature: 0, enableThinking: true });
  });

  it('thinks only when the model can and the person wants it', () => {
    expect(settingsFor(qwen, { enableThinking: false, generation: {} }).enableThinking).toBe(false);
    expect(settingsFor(llama, { enableThinking: true, generation: {} }).enableThinking).toBe(false);
  });
});
