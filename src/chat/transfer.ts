// Export and import: every conversation as one JSON file (re-importable, nothing lost), or one as Markdown to read.

import { CONVERSATION_SCHEMA, migrate } from '../storage/conversations';
import { newId } from '../shared/ids';
import { splitThinking } from './thinking';
import type { Conversation } from './types';

export const EXPORT_FORMAT = 'sensa-export';

interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  conversations: { schema: typeof CONVERSATION_SCHEMA; conversation: Conversation }[];
}

export function exportJson(conversations: readonly Conversation[], now = new Date()): string {
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    conversations: conversations.map((conversation) => ({ schema: CONVERSATION_SCHEMA, conversation })),
  };
  return JSON.stringify(file, null, 2);
}

export function exportMarkdown(conversation: Conversation): string {
  const lines = [`# ${conversation.title}`, ''];
  if (conversation.systemPrompt) lines.push(`> System prompt: ${conversation.systemPrompt.replace(/\n/g, '\n> ')}`, '');
  for (const m of conversation.messages) {
    if (m.role === 'user') {
      lines.push('## You', '', m.content, '');
      continue;
    }
    const { thinking, answer } = splitThinking(m.content);
    lines.push('## Sensa', '');
    if (thinking) lines.push('<details><summary>Thought process</summary>', '', thinking, '', '</details>', '');
    lines.push(answer, '');
    if (m.answer) lines.push(`*${m.answer.modelId} · ${m.answer.dtype} · ${m.answer.device}${m.status === 'stopped' ? ' · stopped' : ''}*`, '');
  }
  return lines.join('\n');
}

/**
 * Reads an export back. Conversations whose id is already here come in as copies with new ids,
 * so an import never overwrites anything.
 */
export function parseImport(text: string, existingIds: ReadonlySet<string>): { conversations: Conversation[]; skipped: number } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('This file is not a Sensa export (it is not JSON).');
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new Error('This file is not a Sensa export.');
  }
  const records = (data as { conversations?: unknown }).conversations;
  if (!Array.isArray(records)) throw new Error('This export holds no conversations.');
  const conversations: Conversation[] = [];
  let skipped = 0;
  for (const record of records) {
    const conversation = migrate(record);
    if (!conversation) {
      skipped += 1;
      continue;
    }
    conversations.push(existingIds.has(conversation.id) ? { ...conversation, id: newId() } : conversation);
  }
  return { conversations, skipped };
}
