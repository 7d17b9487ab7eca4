// Puts the passages of a conversation's documents into the newest user turn, as the chat model will read them.

import type { Conversation } from '../domain/conversation';
import type { Retrieval } from '../domain/document';
import type { ChatTurn } from '../domain/turn';
import { promptWithPassages } from './retrieval';
import type { DocumentService, RebuildProgress } from './service';

/** Every document attached anywhere in the conversation, oldest first: a follow-up question still reads them. */
export function conversationDocuments(conversation: Conversation): string[] {
  const ids: string[] = [];
  for (const m of conversation.messages) {
    for (const a of m.attachments ?? []) if (a.kind === 'document' && a.documentId && !ids.includes(a.documentId)) ids.push(a.documentId);
  }
  return ids;
}

/**
 * Retrieves for the newest user turn's words and rewrites that turn (in `turns`) to carry the numbered passages.
 * Returns what was retrieved, or undefined when the conversation has no documents.
 */
export async function withDocumentPassages(documents: DocumentService | undefined, conversation: Conversation, turns: ChatTurn[], budgetTokens: number, onRebuild?: (progress: RebuildProgress) => void): Promise<Retrieval | undefined> {
  const ids = conversationDocuments(conversation);
  if (!documents || ids.length === 0) return undefined;
  const lastUser = turns.findLastIndex((t) => t.role === 'user');
  const turn = turns[lastUser];
  if (!turn) return undefined;
  const question = turn.content.trim() || 'Summarise the attached documents.';
  const retrieval = await documents.retrieve(question, ids, budgetTokens, onRebuild);
  const note = retrieval.missing ? `\n\n[${retrieval.missing} attached ${retrieval.missing === 1 ? 'document is' : 'documents are'} no longer on this device.]` : '';
  turns[lastUser] = { ...turn, content: promptWithPassages(question, retrieval.passages) + note };
  return retrieval;
}
