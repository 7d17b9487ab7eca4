import { describe, expect, it } from 'vitest';
import { referencedMedia } from './startup-slice';

describe('referencedMedia', () => {
  it('holds every attachment a conversation or a ready draft item points at, and no other', () => {
    const attachment = (id: string) => ({ id, kind: 'image' as const, name: `${id}.png`, format: 'png', bytes: 1 });
    const referenced = referencedMedia({
      conversations: {
        c: {
          id: 'c', title: 'c', createdAt: 0, updatedAt: 0, systemPrompt: '',
          messages: [{ id: 'm', role: 'user', content: '', status: 'done', createdAt: 0, attachments: [attachment('sent')] }],
          // A question edited away keeps its picture: switching back to that version must find it.
          otherVersions: [{ id: 'old', parentId: null, role: 'user', content: '', status: 'done', createdAt: 0, attachments: [attachment('edited-away')] }],
        },
      },
      draft: [
        { id: 'd1', name: 'x', status: 'ready', attachment: attachment('drafted') },
        { id: 'd2', name: 'y', status: 'preparing' },
      ],
    });
    expect([...referenced].sort()).toEqual(['drafted', 'edited-away', 'sent']);
  });
});
