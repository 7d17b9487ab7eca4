import { describe, expect, it } from 'vitest';
import { searchConversations } from './search';
import type { Conversation } from '../domain/conversation';

const conv = (id: string, title: string, texts: string[], updatedAt: number): Conversation => ({
  id, title, updatedAt, createdAt: 0, systemPrompt: '',
  messages: texts.map((content, i) => ({ id: `${id}-${i}`, role: i % 2 ? 'assistant' : 'user', content, status: 'done', createdAt: 0 })),
});

describe('conversation search', () => {
  const all = [conv('a', 'Trip', ['Where to in Lisbon?'], 1), conv('b', 'Code', ['Explain a Python LISBON decorator'], 2)];
  it('lists every conversation, newest first, without a query', () => {
    expect(searchConversations(all, ' ').map((h) => h.conversation.id)).toEqual(['b', 'a']);
  });
  it('matches message text case-insensitively and cuts a snippet around it', () => {
    const hits = searchConversations(all, 'lisbon');
    expect(hits.map((h) => h.conversation.id)).toEqual(['b', 'a']);
    expect(hits[1]?.snippet).toEqual({ before: 'Where to in ', match: 'Lisbon', after: '?' });
  });
  it('finds nothing when nothing matches', () => {
    expect(searchConversations(all, 'tokyo')).toEqual([]);
  });
  it('finds a conversation by what was heard in a voice memo or by a file name', () => {
    const spoken = conv('v', 'Untitled', [''], 3);
    spoken.messages[0] = {
      ...spoken.messages[0]!,
      attachments: [{ id: 'x', kind: 'audio', name: 'memo.webm', format: 'webm', bytes: 1, transcript: 'buy oat milk tomorrow' }],
    };
    expect(searchConversations([...all, spoken], 'oat milk')[0]?.snippet).toEqual({ before: 'buy ', match: 'oat milk', after: ' tomorrow' });
    expect(searchConversations([...all, spoken], 'memo.webm').map((h) => h.conversation.id)).toEqual(['v']);
  });
  it('finds a drawn picture by its prompt, also past the 40 characters its file name keeps', () => {
    const drew = conv('d', 'Untitled', ['', ''], 4);
    const prompt = 'a lighthouse on a cliff at dusk, seen from a small boat with a red sail';
    drew.messages[1] = {
      ...drew.messages[1]!,
      drawing: { modelId: 'janus', device: 'wasm', dtype: 'q4', prompt, seed: 7, guidance: 5, count: 1 },
      attachments: [{ id: 'p', kind: 'image', name: `${prompt.slice(0, 40)} (seed 7).png`, format: 'png', bytes: 1 }],
    };
    expect(searchConversations([...all, drew], 'red sail').map((h) => h.conversation.id)).toEqual(['d']);
  });
});
