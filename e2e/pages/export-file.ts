// Sensa export files written by tests, in the format the app's Import reads (src/chat/transfer.ts, version 2).

import type { Conversation, Message } from '../../src/domain/conversation';

export type ChatSpec = Pick<Conversation, 'id' | 'title'> &
  Partial<Omit<Conversation, 'messages'>> & { messages: (Pick<Message, 'id' | 'role' | 'content'> & Partial<Message>)[] };

export interface ExportedBlob {
  type: string;
  sha256: string;
  base64: string;
}

/** The export's JSON text; missing fields get the values a fresh chat would have. */
export function exportJson(chats: readonly ChatSpec[], media: Record<string, { images: ExportedBlob[]; pcm?: ExportedBlob; thumbnail?: ExportedBlob }> = {}): string {
  const now = Date.now();
  return JSON.stringify({
    format: 'sensa-export',
    version: 2,
    exportedAt: new Date(now).toISOString(),
    conversations: chats.map((chat, n) => ({
      schema: 1,
      conversation: {
        titleSetByPerson: true,
        createdAt: now - n,
        updatedAt: now - n,
        systemPrompt: '',
        ...chat,
        messages: chat.messages.map((m) => ({ status: 'done', createdAt: now - n, ...m })),
      },
    })),
    media,
  });
}

/** The same, as a file for Playwright's setInputFiles. */
export function exportUpload(chats: readonly ChatSpec[], media?: Parameters<typeof exportJson>[1], name = 'chats.json') {
  return { name, mimeType: 'application/json', buffer: Buffer.from(exportJson(chats, media)) };
}
