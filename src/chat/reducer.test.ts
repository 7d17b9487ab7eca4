import { describe, expect, it } from 'vitest';
import { chatReducer } from './reducer';
import { repairInterrupted } from '../domain/conversation';
import type { Conversation, Message } from '../domain/conversation';

const empty: Conversation = { id: 'c', title: 'New chat', createdAt: 0, updatedAt: 0, systemPrompt: '', messages: [] };
const user = (content: string): Message => ({ id: `u-${content}`, role: 'user', content, status: 'done', createdAt: 0 });
const streaming: Message = { id: 'a', role: 'assistant', content: '', status: 'streaming', createdAt: 0 };
const result = (text: string, finishReason: 'eos' | 'stopped' = 'eos') => ({ text, tokens: 2, finishReason, timeToFirstTokenMs: 5, tokensPerSecond: 9, promptTokens: 4, reusedTokens: 0 });

describe('chat reducer', () => {
  it('titles a conversation from its first message only', () => {
    let c = chatReducer(empty, { type: 'user-sent', message: user('Plan a trip to Lisbon\nwith kids') });
    c = chatReducer(c, { type: 'user-sent', message: user('Second') });
    expect(c.title).toBe('Plan a trip to Lisbon');
    expect(c.messages).toHaveLength(2);
  });

  it('appends deltas to the streaming answer and finishes it', () => {
    let c = chatReducer(empty, { type: 'answer-started', message: streaming });
    c = chatReducer(c, { type: 'answer-delta', messageId: 'a', text: 'Hel', tokens: 1 });
    c = chatReducer(c, { type: 'answer-delta', messageId: 'a', text: 'lo', tokens: 1 });
    expect(c.messages[0]?.content).toBe('Hello');
    c = chatReducer(c, { type: 'answer-finished', messageId: 'a', result: result('Hello') });
    expect(c.messages[0]).toMatchObject({ content: 'Hello', status: 'done' });
  });

  it("keeps the answer's token ids and encoder runs with the message", () => {
    const settings = { temperature: 0, topP: 1, topK: 1, repetitionPenalty: 1, maxNewTokens: 8, enableThinking: false };
    let c = chatReducer(empty, { type: 'answer-started', message: { ...streaming, answer: { modelId: 'm', device: 'wasm', dtype: 'q4', settings } } });
    c = chatReducer(c, { type: 'answer-finished', messageId: 'a', result: { ...result('Hi'), answerIds: [9, 2], encoderRuns: { vision: 0, audio: 0 } } });
    expect(c.messages[0]?.answer).toMatchObject({ tokenIds: [9, 2], encoderRuns: { vision: 0, audio: 0 } });
  });

  it('keeps the partial text of a stopped answer', () => {
    let c = chatReducer(empty, { type: 'answer-started', message: streaming });
    c = chatReducer(c, { type: 'answer-delta', messageId: 'a', text: 'Partial answ', tokens: 3 });
    c = chatReducer(c, { type: 'answer-finished', messageId: 'a', result: result('Partial', 'stopped') });
    expect(c.messages[0]).toMatchObject({ content: 'Partial answ', status: 'stopped' });
  });

  it('ignores deltas that arrive after an answer ended', () => {
    let c = chatReducer(empty, { type: 'answer-started', message: streaming });
    c = chatReducer(c, { type: 'answer-failed', messageId: 'a', error: { code: 'device-lost', message: 'gone' } });
    c = chatReducer(c, { type: 'answer-delta', messageId: 'a', text: 'late', tokens: 1 });
    expect(c.messages[0]).toMatchObject({ content: '', status: 'error', error: { code: 'device-lost' } });
  });

  it('marks an answer saved mid-stream as interrupted, keeping its tokens', () => {
    const c = repairInterrupted({ ...empty, messages: [{ ...streaming, content: 'half' }] });
    expect(c.messages[0]).toMatchObject({ content: 'half', status: 'interrupted' });
  });
});

describe('editing and naming', () => {
  const three: Conversation = { ...empty, messages: [user('a'), { ...streaming, status: 'done', content: 'b' }, user('c')] };
  it('ends the viewed branch before a message, for edit and regenerate, keeping the rest as another version', () => {
    const branched = chatReducer(three, { type: 'branched-from', messageId: 'a' });
    expect(branched.messages.map((m) => m.content)).toEqual(['a']);
    expect(branched.otherVersions?.map((m) => m.content)).toEqual(['b', 'c']);
    expect(chatReducer(three, { type: 'branched-from', messageId: 'missing' })).toBe(three);
  });
  it('drops a failed last answer that a retry replaces, instead of keeping it as a version', () => {
    const failed: Conversation = { ...empty, messages: [user('q'), { ...streaming, status: 'error', error: { code: 'device-lost', message: 'gone' } }] };
    const retried = chatReducer(failed, { type: 'branched-from', messageId: 'a' });
    expect(retried.messages.map((m) => m.id)).toEqual(['u-q']);
    expect(retried.otherVersions ?? []).toEqual([]);
  });
  it('keeps a title the person chose', () => {
    let c = chatReducer(empty, { type: 'renamed', title: '  Trip  ' });
    c = chatReducer(c, { type: 'user-sent', message: user('Hello') });
    expect(c.title).toBe('Trip');
    expect(chatReducer(c, { type: 'renamed', title: '   ' }).title).toBe('Trip');
  });
});
