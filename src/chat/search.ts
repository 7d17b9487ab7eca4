// Finds conversations whose title, messages, drawings' prompts or attachments (names, transcripts) contain the query, with a snippet around the first match.

import type { Conversation } from '../domain/conversation';

export interface SearchHit {
  conversation: Conversation;
  /** Text around the first match, split so the match itself can be highlighted. */
  snippet: { before: string; match: string; after: string } | null;
}

const CONTEXT = 30;

export function searchConversations(conversations: readonly Conversation[], query: string): SearchHit[] {
  const needle = query.trim().toLocaleLowerCase();
  const sorted = [...conversations].sort((a, b) => b.updatedAt - a.updatedAt);
  if (!needle) return sorted.map((conversation) => ({ conversation, snippet: null }));
  const hits: SearchHit[] = [];
  for (const conversation of sorted) {
    // Attachment names, what the recognizer heard and a drawn picture's prompt count as the message's words (a drawing
    // has no text of its own, and its pictures' names keep only the prompt's first 40 characters).
    const texts = [
      conversation.title,
      ...conversation.messages.flatMap((m) => [m.content, m.drawing?.prompt ?? '', ...(m.attachments ?? []).flatMap((a) => [a.name, a.transcript ?? ''])]),
    ];
    for (const text of texts) {
      const at = text.toLocaleLowerCase().indexOf(needle);
      if (at === -1) continue;
      hits.push({
        conversation,
        snippet: {
          before: (at > CONTEXT ? '…' : '') + text.slice(Math.max(0, at - CONTEXT), at),
          match: text.slice(at, at + needle.length),
          after: text.slice(at + needle.length, at + needle.length + CONTEXT) + (at + needle.length + CONTEXT < text.length ? '…' : ''),
        },
      });
      break;
    }
  }
  return hits;
}
