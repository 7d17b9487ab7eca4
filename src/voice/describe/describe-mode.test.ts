// Describe for me's logic with stand-in chat and voice stores: which requests take a picture, what is spoken, and what is refused.

import { describe, expect, it, vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SensaState } from '../../chat/store';
import type { Message } from '../../domain/conversation';
import type { VoiceState } from '../voice-store';
import { DESCRIBE_PROMPTS, createDescribeMode } from './describe-mode';

interface FakeChat {
  model: { phase: 'ready'; modelId: string } | { phase: 'idle' };
  generating: null;
  conversations: Record<string, { id: string; messages: Message[] }>;
  sendSpoken: (input: { transcript?: string; pictures?: Blob[] }) => Promise<string | null>;
}

function setup({ modelId = 'smolvlm-256m-instruct', voiceModeOn = false, camera = async () => new Blob(['jpeg']) } = {}) {
  const sent: { transcript?: string; pictures: number }[] = [];
  let n = 0;
  const chat = createStore<FakeChat>()((set, get) => ({
    model: modelId ? { phase: 'ready', modelId } : { phase: 'idle' },
    generating: null,
    conversations: { c: { id: 'c', messages: [] } },
    async sendSpoken({ transcript, pictures = [] }) {
      sent.push({ transcript, pictures: pictures.length });
      const id = `u${++n}`;
      const messages = [...(get().conversations.c?.messages ?? []), { id, role: 'user', content: transcript ?? '', status: 'done', createdAt: 0 } as Message];
      set({ conversations: { c: { id: 'c', messages } } });
      return id;
    },
  }));
  /** The model answers the latest message: streaming, then done. */
  const answer = (text: string, status: Message['status']) => {
    const messages = chat.getState().conversations.c?.messages ?? [];
    const last = messages.at(-1);
    const id = last?.role === 'assistant' ? last.id : `a${n}`;
    const rest = last?.role === 'assistant' ? messages.slice(0, -1) : messages;
    chat.setState({ conversations: { c: { id: 'c', messages: [...rest, { id, role: 'assistant', content: text, status, createdAt: 0 } as Message] } } });
  };
  const spoken: string[] = [];
  const voice = createStore<Pick<VoiceState, 'readingMessageId' | 'startSpeaking' | 'speakMore' | 'stop'>>()((set) => ({
    readingMessageId: null,
    startSpeaking: (id) => set({ readingMessageId: id }),
    speakMore: (text, final) => {
      if (final) spoken.push(text);
    },
    stop: () => set({ readingMessageId: null }),
  }));
  const takePicture = vi.fn(camera);
  const mode = createDescribeMode({
    chat: chat as unknown as StoreApi<SensaState>,
    voice: voice as unknown as StoreApi<VoiceState>,
    takePicture,
    voiceModeOn: () => voiceModeOn,
  });
  return { mode, sent, answer, spoken, takePicture, voice };
}

describe('Describe for me', () => {
  it('takes a picture, asks for a short description, and speaks the answer when it is whole', async () => {
    const { mode, sent, answer, spoken, takePicture } = setup();
    await mode.getState().ask('short');
    expect(takePicture).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([{ transcript: DESCRIBE_PROMPTS.short, pictures: 1 }]);
    expect(mode.getState().phase).toBe('describing');
    answer('A red', 'streaming');
    answer('A red mug on a desk.', 'done');
    expect(spoken).toEqual(['A red mug on a desk.']);
    expect(mode.getState().phase).toBe('speaking');
  });

  it('asks "more detail" about the same picture, and takes a new one to read text', async () => {
    const { mode, sent, answer, takePicture } = setup();
    await mode.getState().ask('short');
    answer('A sign.', 'done');
    await mode.getState().ask('detail');
    answer('A green sign on a wall.', 'done');
    await mode.getState().ask('text');
    expect(sent.map((s) => s.pictures)).toEqual([1, 0, 1]);
    expect(sent[2]?.transcript).toBe(DESCRIBE_PROMPTS.text);
    expect(takePicture).toHaveBeenCalledTimes(2);
  });

  it('leaves speaking to voice mode when it is on', async () => {
    const { mode, answer, spoken } = setup({ voiceModeOn: true });
    await mode.getState().ask('short');
    answer('A cat.', 'done');
    expect(spoken).toEqual([]);
    expect(mode.getState().phase).toBe('idle');
  });

  it('refuses without a model that sees, naming the smallest one, and takes no picture', async () => {
    const { mode, sent, takePicture } = setup({ modelId: 'qwen3-0.6b' });
    await mode.getState().ask('short');
    expect(mode.getState().advice?.message).toMatch(/Describe for me needs a model that sees/);
    expect(mode.getState().advice?.suggest?.id).toBe('smolvlm-256m-instruct');
    expect(takePicture).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('says why when the camera cannot be used, and sends nothing', async () => {
    const { mode, sent } = setup({
      camera: async () => {
        throw new Error('Sensa may not use the camera: allow it in the site settings.');
      },
    });
    await mode.getState().ask('short');
    expect(mode.getState().error).toMatch(/may not use the camera/);
    expect(mode.getState().phase).toBe('idle');
    expect(sent).toEqual([]);
  });
});
