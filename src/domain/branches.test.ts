import { describe, expect, it } from 'vitest';
import { chatReducer, type ChatAction } from '../chat/reducer';
import { allMessages, forksOf, linkPath } from './branches';
import type { Conversation, Message } from './conversation';

const empty: Conversation = { id: 'c', title: 'New chat', createdAt: 0, updatedAt: 0, systemPrompt: '', messages: [] };
let clock = 0;
const user = (id: string, content = id): Message => ({ id, role: 'user', content, status: 'done', createdAt: (clock += 1) });
const answer = (id: string, content = id): Message => ({ id, role: 'assistant', content, status: 'done', createdAt: (clock += 1) });
const run = (c: Conversation, actions: ChatAction[]) => actions.reduce((acc, a) => chatReducer(acc, a, 1), c);
const sent = (m: Message): ChatAction => ({ type: 'user-sent', message: m });
const started = (m: Message): ChatAction => ({ type: 'answer-started', message: m });
const path = (c: Conversation) => c.messages.map((m) => m.id);

/** q1 → a1; a regenerate twice: a1, a2, a3 are siblings under q1, a3 viewed. */
function regeneratedTwice(): Conversation {
  return run(empty, [
    sent(user('q1')),
    started(answer('a1')),
    { type: 'branched-from', messageId: 'a1' },
    started(answer('a2')),
    { type: 'branched-from', messageId: 'a2' },
    started(answer('a3')),
  ]);
}

describe('branches', () => {
  it('a linear chat stays a list with parents and no other versions', () => {
    const c = run(empty, [sent(user('q1')), started(answer('a1')), sent(user('q2'))]);
    expect(c.messages.map((m) => m.parentId)).toEqual([null, 'q1', 'a1']);
    expect(c.otherVersions).toBeUndefined();
    expect(forksOf(c).size).toBe(0);
  });

  it('two regenerates give three sibling answers, the newest viewed, each one reachable', () => {
    let c = regeneratedTwice();
    expect(path(c)).toEqual(['q1', 'a3']);
    expect(c.otherVersions?.map((m) => [m.id, m.parentId])).toEqual([
      ['a1', 'q1'],
      ['a2', 'q1'],
    ]);
    expect(forksOf(c).get('a3')).toEqual({ position: 3, count: 3, previousId: 'a2', nextId: undefined });
    c = chatReducer(c, { type: 'version-viewed', messageId: 'a3', versionId: 'a2' });
    expect(path(c)).toEqual(['q1', 'a2']);
    expect(forksOf(c).get('a2')).toEqual({ position: 2, count: 3, previousId: 'a1', nextId: 'a3' });
    c = chatReducer(c, { type: 'version-viewed', messageId: 'a2', versionId: 'a1' });
    expect(path(c)).toEqual(['q1', 'a1']);
    expect(allMessages(c).map((m) => m.id).sort()).toEqual(['a1', 'a2', 'a3', 'q1']);
  });

  it('an edit forks at the question; coming back to a version restores the branch viewed below it', () => {
    let c = run(empty, [sent(user('q1', 'apple')), started(answer('a1')), sent(user('q2')), started(answer('b1'))]);
    // Regenerate the last answer: a fork under q2.
    c = run(c, [{ type: 'branched-from', messageId: 'b1' }, started(answer('b2'))]);
    c = chatReducer(c, { type: 'version-viewed', messageId: 'b2', versionId: 'b1' });
    expect(path(c)).toEqual(['q1', 'a1', 'q2', 'b1']);
    // Edit the first question: everything under it becomes the other version at the root.
    c = run(c, [{ type: 'branched-from', messageId: 'q1' }, sent(user('e1', 'banana')), started(answer('ea'))]);
    expect(path(c)).toEqual(['e1', 'ea']);
    expect(c.messages[0]?.parentId).toBeNull();
    expect(forksOf(c).get('e1')).toMatchObject({ position: 2, count: 2, previousId: 'q1' });
    expect(c.title).toBe('banana');
    // Back to the first question: the path goes down to b1, the answer that was viewed there, not the newest (b2).
    c = chatReducer(c, { type: 'version-viewed', messageId: 'e1', versionId: 'q1' });
    expect(path(c)).toEqual(['q1', 'a1', 'q2', 'b1']);
    expect(forksOf(c).get('b1')).toMatchObject({ position: 1, count: 2, nextId: 'b2' });
    expect(new Set(allMessages(c).map((m) => m.id)).size).toBe(allMessages(c).length);
    expect(allMessages(c)).toHaveLength(7);
  });

  it('ignores a version that is not a sibling of the viewed message', () => {
    const c = regeneratedTwice();
    expect(chatReducer(c, { type: 'version-viewed', messageId: 'a3', versionId: 'q1' })).toBe(c);
    expect(chatReducer(c, { type: 'version-viewed', messageId: 'nope', versionId: 'a1' })).toBe(c);
  });

  it('clearing a chat drops every version', () => {
    const c = chatReducer(regeneratedTwice(), { type: 'cleared' });
    expect(allMessages(c)).toEqual([]);
  });

  it('linkPath sets each parent to the message before it', () => {
    expect(linkPath([user('x'), answer('y')]).map((m) => m.parentId)).toEqual([null, 'x']);
  });
});
