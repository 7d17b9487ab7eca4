import { describe, expect, it } from 'vitest';
import { conversationDocuments, withDocumentPassages } from './prompt';
import type { Conversation } from '../domain/conversation';
import type { ChatTurn } from '../domain/turn';
import type { DocumentService } from './service';

const conversation = (attachments: string[][]): Conversation => ({
  id: 'c',
  title: 't',
  createdAt: 0,
  updatedAt: 0,
  systemPrompt: '',
  messages: attachments.map((ids, i) => ({
    id: `m${i}`,
    role: 'user',
    content: `q${i}`,
    status: 'done',
    createdAt: i,
    attachments: ids.map((documentId) => ({ id: `a-${documentId}-${i}`, kind: 'document', documentId, name: documentId, format: 'pdf', bytes: 1 })),
  })),
});

describe('document passages in the prompt', () => {
  it('collects every document of the conversation once, oldest first', () => {
    expect(conversationDocuments(conversation([['a'], [], ['b', 'a']]))).toEqual(['a', 'b']);
  });

  it('asks the service with the newest question and rewrites only the newest user turn', async () => {
    const asked: [string, readonly string[], number][] = [];
    const service = {
      retrieve: async (question: string, ids: readonly string[], budget: number) => {
        asked.push([question, ids, budget]);
        return { passages: [{ citation: 1, documentId: 'a', title: 'A', page: 41, start: 0, end: 5, text: 'Fact.', score: 0.9 }], mode: 'retrieved' as const, embeddedTexts: 1, pagesRead: 0 };
      },
    } as unknown as DocumentService;
    const turns: ChatTurn[] = [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'Where is it?' },
    ];
    const retrieval = await withDocumentPassages(service, conversation([['a'], ['b']]), turns, 500);
    expect(asked).toEqual([['Where is it?', ['a', 'b'], 500]]);
    expect(retrieval?.passages).toHaveLength(1);
    expect(turns[0]?.content).toBe('first');
    expect(turns[2]?.content).toContain('[1] (A, page 41)\nFact.');
    expect(turns[2]?.content.endsWith('Where is it?')).toBe(true);
  });

  it('leaves a conversation without documents alone', async () => {
    const turns: ChatTurn[] = [{ role: 'user', content: 'hi' }];
    const service = { retrieve: () => Promise.reject(new Error('not called')) } as unknown as DocumentService;
    expect(await withDocumentPassages(service, conversation([[]]), turns, 500)).toBeUndefined();
    expect(turns[0]?.content).toBe('hi');
  });
});
