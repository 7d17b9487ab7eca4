// What the tools reach from the chat: the person's other conversations, this chat's documents, the code sandbox.

import type { Conversation } from '../domain/conversation';
import type { DocumentService } from '../documents/service';
import type { ToolContext } from '../tools/definitions';
import type { CodeLanguage, RunOptions, RunResult } from '../sandbox/sandbox-client';
import { getCodeSettings, runLimits } from '../sandbox/settings';
import { searchConversations } from './search';

export type CodeRunner = (language: CodeLanguage, code: string, options: RunOptions) => Promise<RunResult>;

/** The sandbox is loaded when a tool first runs code, as the Run button loads it. */
export const sandboxRunner: CodeRunner = async (language, code, options) => (await import('../sandbox/sandbox-client')).runCode(language, code, options);

const MAX_HITS = 5;

export function toolContext(input: {
  conversations: () => Record<string, Conversation>;
  conversationId: string;
  documents: DocumentService | undefined;
  runCode: CodeRunner;
}): ToolContext {
  return {
    now: () => new Date(),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    searchChats(query) {
      const others = Object.values(input.conversations()).filter((c) => c.id !== input.conversationId && c.messages.length > 0);
      return searchConversations(others, query)
        .slice(0, MAX_HITS)
        .map(({ conversation, snippet }) => `"${conversation.title}": ${snippet ? `${snippet.before}${snippet.match}${snippet.after}` : ''}`);
    },
    runCode: (language, code, signal) => input.runCode(language, code, { limits: runLimits(getCodeSettings()), ...(signal ? { signal } : {}) }),
    async readAttachment(name) {
      const conversation = input.conversations()[input.conversationId];
      const wanted = name.trim().toLowerCase();
      const attachment = conversation?.messages
        .flatMap((m) => m.attachments ?? [])
        .find((a) => a.kind === 'document' && a.documentId && a.name.toLowerCase() === wanted);
      if (!attachment?.documentId || !input.documents) return null;
      const document = await input.documents.get(attachment.documentId);
      const text = document?.pages.map((p) => p.text).join('\n\n').trim();
      return text ? text : null;
    },
  };
}
