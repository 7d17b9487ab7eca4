import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../domain/conversation';
import { emptyConversation, mergeStored } from './conversations-slice';

const chat = (id: string, updatedAt: number): Conversation => ({
  id, title: id, createdAt: 0, updatedAt, systemPrompt: '',
  messages: [{ id: `${id}-m`, role: 'user', content: 'hi', status: 'done', createdAt: 0 }],
});

describe('mergeStored', () => {
  it('opens the most recent stored conversation in place of an untouched empty chat', () => {
    const blank = emptyConversation();
    const merged = mergeStored({ conversations: { [blank.id]: blank }, activeConversationId: blank.id }, [chat('old', 1), chat('new', 5)]);
    expect(merged.activeConversationId).toBe('new');
    expect(Object.keys(merged.conversations).sort()).toEqual(['new', 'old']);
  });

  it('stays on a chat typed into before the load finished, keeping it beside the stored ones', () => {
    const typed = chat('typed', 0);
    const merged = mergeStored({ conversations: { typed }, activeConversationId: 'typed' }, [chat('stored', 9)]);
    expect(merged.activeConversationId).toBe('typed');
    expect(Object.keys(merged.conversations).sort()).toEqual(['stored', 'typed']);
  });

  it('with nothing stored, keeps the empty chat open', () => {
    const blank = emptyConversation('Be brief.');
    expect(mergeStored({ conversations: { [blank.id]: blank }, activeConversationId: blank.id }, [])).toEqual({ conversations: { [blank.id]: blank }, activeConversationId: blank.id });
  });
});
