import { describe, expect, it } from 'vitest';
import { exportJson, exportMarkdown, parseImport } from './transfer';
import type { Conversation } from './types';

const conversation: Conversation = {
  id: 'c1', title: 'Trip', createdAt: 1, updatedAt: 2, systemPrompt: 'Be brief.',
  messages: [
    { id: 'm1', role: 'user', content: 'Where to? 🙂', status: 'done', createdAt: 1 },
    {
      id: 'm2', role: 'assistant', content: '<think>Hmm</think>\n\n**Lisbon**', status: 'done', createdAt: 2,
      answer: { modelId: 'qwen3-0.6b', device: 'webgpu', dtype: 'q4', settings: { temperature: 0.6, topP: 0.95, topK: 20, repetitionPenalty: 1, maxNewTokens: 64, enableThinking: true }, tokens: 3, timeToFirstTokenMs: 10, tokensPerSecond: 5 },
    },
  ],
};

describe('export and import', () => {
  it('round-trips every field through JSON', () => {
    const { conversations, skipped } = parseImport(exportJson([conversation]), new Set());
    expect(skipped).toBe(0);
    expect(conversations).toEqual([conversation]);
  });

  it('imports a conversation that already exists as a copy, never over it', () => {
    const { conversations } = parseImport(exportJson([conversation]), new Set(['c1']));
    expect(conversations[0]?.id).not.toBe('c1');
    expect(conversations[0]?.messages).toEqual(conversation.messages);
  });

  it('refuses files that are not exports, and skips unreadable entries', () => {
    expect(() => parseImport('not json', new Set())).toThrow(/not JSON/);
    expect(() => parseImport('{"format":"other"}', new Set())).toThrow(/not a Sensa export/);
    const withJunk = JSON.parse(exportJson([conversation])) as { conversations: unknown[] };
    withJunk.conversations.push({ schema: 1, conversation: { nope: true } });
    expect(parseImport(JSON.stringify(withJunk), new Set()).skipped).toBe(1);
  });

  it('writes readable Markdown with the thinking folded away', () => {
    const md = exportMarkdown(conversation);
    expect(md).toContain('# Trip');
    expect(md).toContain('> System prompt: Be brief.');
    expect(md).toContain('## You\n\nWhere to? 🙂');
    expect(md).toContain('<details><summary>Thought process</summary>\n\nHmm');
    expect(md).toContain('**Lisbon**');
    expect(md).toContain('*qwen3-0.6b · q4 · webgpu*');
  });
});
