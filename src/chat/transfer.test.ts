import { describe, expect, it } from 'vitest';
import { exportJson, exportMarkdown, parseImport, sha256Hex } from './transfer';
import type { StoredMedia } from '../storage/ui/media-store';
import type { Conversation, Message } from '../domain/conversation';
import { chatReducer, type ChatAction } from './reducer';
import { searchConversations } from './search';
import fixtureV1App from '../storage/ui/fixtures/conversations-v1-app.json';

const conversation: Conversation = {
  id: 'c1', title: 'Trip', createdAt: 1, updatedAt: 2, systemPrompt: 'Be brief.',
  messages: [
    { id: 'm1', role: 'user', content: 'Where to? 🙂', status: 'done', createdAt: 1, parentId: null },
    {
      id: 'm2', parentId: 'm1', role: 'assistant', content: '<think>Hmm</think>\n\n**Lisbon**', status: 'done', createdAt: 2,
      answer: { modelId: 'qwen3-0.6b', device: 'webgpu', dtype: 'q4', settings: { temperature: 0.6, topP: 0.95, topK: 20, repetitionPenalty: 1, maxNewTokens: 64, enableThinking: true }, tokens: 3, timeToFirstTokenMs: 10, tokensPerSecond: 5 },
    },
  ],
};

const noMedia = async () => undefined;

const withPicture: Conversation = {
  id: 'c2', title: 'Photo', createdAt: 3, updatedAt: 4, systemPrompt: '',
  messages: [
    {
      id: 'm3', parentId: null, role: 'user', content: 'What is this?', status: 'done', createdAt: 3,
      attachments: [
        { id: 'a1', kind: 'image', name: 'cat.png', format: 'png', bytes: 123, width: 2, height: 1 },
        { id: 'a2', kind: 'audio', name: 'memo.wav', format: 'wav', bytes: 44, durationSeconds: 0.5, peaks: [0.1, 0.5], transcript: 'apple' },
      ],
    },
  ],
};

const stored: Record<string, StoredMedia> = {
  a1: { images: [new Blob([new Uint8Array([137, 80, 78, 71, 0, 255])], { type: 'image/png' })], thumbnail: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' }) },
  a2: { images: [], pcm: new Blob([new Float32Array([0, 0.5, -0.5, 1])]) },
};
const readStored = async (id: string) => stored[id];

async function bytesOf(blob: Blob | undefined): Promise<string> {
  return blob ? sha256Hex(new Uint8Array(await blob.arrayBuffer())) : 'missing';
}

describe('export and import', () => {
  it('round-trips every field through JSON', async () => {
    const { conversations, skipped } = parseImport(await exportJson([conversation], noMedia), new Set());
    expect(skipped).toBe(0);
    expect(conversations).toEqual([conversation]);
  });

  it('carries attachments as bytes with their sha256, and brings back the same bytes', async () => {
    const text = await exportJson([withPicture], readStored);
    const file = JSON.parse(text) as { version: number; media: Record<string, { images: { sha256: string }[] }> };
    expect(file.version).toBe(2);
    expect(file.media.a1?.images[0]?.sha256).toBe(await bytesOf(stored.a1?.images[0]));
    const { conversations, media, damaged } = parseImport(text, new Set());
    expect(conversations).toEqual([withPicture]);
    expect(damaged).toBe(0);
    expect([...media.keys()].sort()).toEqual(['a1', 'a2']);
    expect(await bytesOf(media.get('a1')?.images[0])).toBe(await bytesOf(stored.a1?.images[0]));
    expect(media.get('a1')?.images[0]?.type).toBe('image/png');
    expect(await bytesOf(media.get('a1')?.thumbnail)).toBe(await bytesOf(stored.a1?.thumbnail));
    expect(await bytesOf(media.get('a2')?.pcm)).toBe(await bytesOf(stored.a2?.pcm));
    expect(media.get('a2')?.images).toEqual([]);
  });

  it('leaves out an attachment whose bytes no longer match their sha256, and says so', async () => {
    const file = JSON.parse(await exportJson([withPicture], readStored)) as { media: Record<string, { images: { base64: string }[] }> };
    const image = file.media.a1?.images[0];
    if (!image) throw new Error('no exported image');
    image.base64 = btoa('not the picture');
    const { conversations, media, damaged } = parseImport(JSON.stringify(file), new Set());
    expect(damaged).toBe(1);
    expect([...media.keys()]).toEqual(['a2']);
    expect(conversations[0]?.messages[0]?.attachments?.length).toBe(2);
  });

  it('still reads version 1 files, which held no attachment bytes', () => {
    const v1 = JSON.stringify({ format: 'sensa-export', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', conversations: [{ schema: 1, conversation: withPicture }] });
    const { conversations, media } = parseImport(v1, new Set());
    expect(conversations).toEqual([withPicture]);
    expect(media.size).toBe(0);
  });

  it('imports a conversation that already exists as a copy, never over it', async () => {
    const { conversations } = parseImport(await exportJson([conversation], noMedia), new Set(['c1']));
    expect(conversations[0]?.id).not.toBe('c1');
    expect(conversations[0]?.messages).toEqual(conversation.messages);
  });

  it('refuses files that are not exports, and skips unreadable entries', async () => {
    expect(() => parseImport('not json', new Set())).toThrow(/not JSON/);
    expect(() => parseImport('{"format":"other"}', new Set())).toThrow(/not a Sensa export/);
    const withJunk = JSON.parse(await exportJson([conversation], noMedia)) as { conversations: unknown[] };
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

  it('names attachments in Markdown, with what was heard', () => {
    const md = exportMarkdown(withPicture);
    expect(md).toContain('- Attached image: cat.png');
    expect(md).toContain('- Attached audio: memo.wav (transcript: “apple”)');
  });
});

describe('documents in an export', () => {
  const withDocument: Conversation = {
    id: 'c3', title: 'Report', createdAt: 5, updatedAt: 6, systemPrompt: '',
    messages: [
      {
        id: 'm4', role: 'user', content: 'Where is the ledger?', status: 'done', createdAt: 5,
        attachments: [{ id: 'a3', kind: 'document', documentId: 'd1', name: 'Report', format: 'pdf', bytes: 900, pages: 2, words: 4 }],
      },
    ],
  };
  const document = {
    id: 'd1', title: 'Report', format: 'pdf' as const, bytes: 900, words: 4, addedAt: 1,
    pages: [{ number: 1, text: 'zinc ledger', scanned: false }, { number: 2, text: 'cedar pier', scanned: false }],
    chunks: [
      { index: 0, page: 1, start: 0, end: 11, text: 'zinc ledger' },
      { index: 1, page: 2, start: 0, end: 10, text: 'cedar pier' },
    ],
    notices: { javascript: false, embeddedFiles: 0 },
    embedder: { repo: 'Xenova/multilingual-e5-small', dimensions: 3 },
  };
  const vectors = new Float32Array([1, 0, 0, 0, 0.6, 0.8]);
  const readDocument = async (id: string) => (id === 'd1' ? { document, dimensions: 3, vectors } : undefined);

  it('carries the document and its vectors, so an import embeds nothing again', async () => {
    const text = await exportJson([withDocument], noMedia, new Date(0), readDocument);
    const back = parseImport(text, new Set());
    expect(back.damaged).toBe(0);
    const imported = back.documents.get('d1');
    expect(imported?.document).toEqual(document);
    expect(imported?.dimensions).toBe(3);
    expect(Array.from(imported?.vectors ?? [])).toEqual(Array.from(vectors));
  });

  it('leaves out a document whose vectors were damaged in the file, and counts it', async () => {
    const file = JSON.parse(await exportJson([withDocument], noMedia, new Date(0), readDocument)) as { documents: Record<string, { vectors: { base64: string } }> };
    const entry = file.documents.d1;
    if (!entry) throw new Error('no document exported');
    entry.vectors.base64 = btoa('not the vectors');
    const back = parseImport(JSON.stringify(file), new Set());
    expect(back.documents.size).toBe(0);
    expect(back.damaged).toBe(1);
  });

  it('writes no documents where none is attached', async () => {
    const file = JSON.parse(await exportJson([conversation], noMedia, new Date(0), readDocument)) as Record<string, unknown>;
    expect(file.documents).toBeUndefined();
  });
});

describe('branches in export, import, Markdown and search', () => {
  const q: Message = { id: 'q', role: 'user', content: 'Name a fruit', status: 'done', createdAt: 10 };
  const answer = (id: string, content: string, createdAt: number): Message => ({ id, role: 'assistant', content, status: 'done', createdAt });
  const actions: ChatAction[] = [
    { type: 'user-sent', message: q },
    { type: 'answer-started', message: answer('a1', 'Apple', 11) },
    { type: 'branched-from', messageId: 'a1' },
    { type: 'answer-started', message: answer('a2', 'Banana', 12) },
    { type: 'branched-from', messageId: 'a2' },
    { type: 'answer-started', message: answer('a3', 'Cherry', 13) },
    // The person goes back to the second answer.
    { type: 'version-viewed', messageId: 'a3', versionId: 'a2' },
  ];
  const tree = actions.reduce((c, a) => chatReducer(c, a, 20), { id: 't', title: 'New chat', createdAt: 1, updatedAt: 1, systemPrompt: '', messages: [] } as Conversation);

  it('round-trips the whole tree: every version, every parent and the viewed branch', async () => {
    expect(tree.messages.map((m) => m.content)).toEqual(['Name a fruit', 'Banana']);
    const { conversations } = parseImport(await exportJson([tree], noMedia), new Set());
    expect(conversations).toEqual([tree]);
    expect(conversations[0]?.otherVersions?.map((m) => [m.content, m.parentId])).toEqual([
      ['Apple', 'q'],
      ['Cherry', 'q'],
    ]);
  });

  it('exports the attachments of versions off the viewed branch too', async () => {
    const picture = { id: 'pic', kind: 'image' as const, name: 'p.png', format: 'png', bytes: 6 };
    const edited = chatReducer(chatReducer({ ...tree, messages: [{ ...q, attachments: [picture] }, ...tree.messages.slice(1)] }, { type: 'branched-from', messageId: 'q' }), {
      type: 'user-sent',
      message: { id: 'q2', role: 'user', content: 'Another', status: 'done', createdAt: 30 },
    });
    expect(edited.messages.map((m) => m.id)).toEqual(['q2']);
    const file = JSON.parse(await exportJson([edited], async () => stored.a1)) as { media: Record<string, unknown> };
    expect(Object.keys(file.media)).toEqual(['pic']);
  });

  it('writes Markdown of the viewed branch only', () => {
    const md = exportMarkdown(tree);
    expect(md).toContain('Banana');
    expect(md).not.toContain('Apple');
    expect(md).not.toContain('Cherry');
  });

  it('search finds words of the viewed branch, not of the others', () => {
    expect(searchConversations([tree], 'banana')).toHaveLength(1);
    expect(searchConversations([tree], 'cherry')).toHaveLength(0);
    const viewingCherry = chatReducer(tree, { type: 'version-viewed', messageId: 'a2', versionId: 'a3' });
    expect(searchConversations([viewingCherry], 'cherry')).toHaveLength(1);
  });

  it('imports an export made before branches (schema-1 records, as that code stored them): every chat and message', () => {
    const records = Object.values(fixtureV1App.records);
    const oldExport = JSON.stringify({ format: 'sensa-export', version: 2, exportedAt: '2026-12-01T00:00:00.000Z', conversations: records, media: {} });
    const { conversations, skipped } = parseImport(oldExport, new Set());
    expect(skipped).toBe(0);
    expect(conversations).toHaveLength(records.length);
    for (const { conversation: before } of records as unknown as { conversation: Conversation }[]) {
      expect(conversations.find((c) => c.id === before.id)?.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
    }
  });
});
