import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../models/catalog';
import { type ModelSpec } from '../domain/model';
import { createMemoryMediaStore } from '../storage/ui/media-store';
import { noticesFor, problemsFor, turnsFor } from './attachment-routing';
import type { Attachment, Conversation, Message } from '../domain/conversation';

function spec(id: string, inputs: string[], media?: object): ModelSpec {
  const [parsed] = parseCatalog({
    models: [
      {
        id,
        name: id,
        repo: `org/${id}`,
        revision: 'main',
        architecture: 'x',
        inputs,
        outputs: ['text'],
        contextLength: 1,
        license: 'l',
        summary: 's',
        defaults: { temperature: 0, topP: 1, topK: 0, repetitionPenalty: 1, maxNewTokens: 1 },
        dtypes: { q4: { files: [{ path: 'onnx/m.onnx', bytes: 1 }] } },
        ...(media ? { media } : {}),
      },
    ],
  });
  return parsed!;
}

const TEXT = spec('text', ['text']);
const VISION = spec('vision', ['text', 'image', 'video'], { maxImages: 3, maxAudioSeconds: 0, videoFrames: 2 });
const OMNI = spec('omni', ['text', 'image', 'audio', 'video'], { maxImages: 8, maxAudioSeconds: 30, videoFrames: 4 });
const CATALOG = [TEXT, VISION, OMNI];

const image: Attachment = { id: 'img', kind: 'image', name: 'red.png', format: 'png', bytes: 10, width: 4, height: 4 };
const audio: Attachment = { id: 'aud', kind: 'audio', name: 'memo.wav', format: 'wav', bytes: 10, durationSeconds: 2 };
const longAudio: Attachment = { ...audio, id: 'long', durationSeconds: 120 };
const video: Attachment = { id: 'vid', kind: 'video', name: 'clip.webm', format: 'webm', bytes: 10, frames: 2, hasAudio: true, durationSeconds: 3 };

function conversation(messages: Message[], systemPrompt = ''): Conversation {
  return { id: 'c', title: '', createdAt: 0, updatedAt: 0, systemPrompt, messages };
}

async function mediaStore() {
  const store = createMemoryMediaStore();
  const png = new Blob(['png']);
  await store.put('img', { images: [png] });
  await store.put('aud', { images: [], pcm: new Blob([new Float32Array(4)]) });
  await store.put('long', { images: [], pcm: new Blob([new Float32Array(4)]) });
  await store.put('vid', { images: [new Blob(['f1']), new Blob(['f2'])], pcm: new Blob([new Float32Array(2)]) });
  return store;
}

const user = (content: string, attachments?: Attachment[]): Message => ({ id: content, role: 'user', content, status: 'done', createdAt: 0, ...(attachments ? { attachments } : {}) });

describe('turnsFor', () => {
  it('builds the prompt from finished turns without earlier thinking', async () => {
    const turns = await turnsFor(
      conversation(
        [
          user('a'),
          { id: '2', role: 'assistant', content: '<think>x</think>\n\nb', status: 'done', createdAt: 0 },
          { id: '3', role: 'assistant', content: 'broken', status: 'error', createdAt: 0 },
          user('c'),
        ],
        'Be brief.',
      ),
      TEXT,
      async () => undefined,
    );
    expect(turns).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: 'c' },
    ]);
  });

  it("sends an answer's token ids back only to the model that generated them, and names each picture for the KV cache", async () => {
    const settings = { temperature: 0, topP: 1, topK: 1, repetitionPenalty: 1, maxNewTokens: 8, enableThinking: false };
    const answered = (modelId: string, tokenIds?: number[]): Message => ({
      id: `a-${modelId}`, role: 'assistant', content: 'b', status: 'done', createdAt: 0,
      answer: { modelId, device: 'wasm', dtype: 'q4', settings, ...(tokenIds ? { tokenIds } : {}) },
    });
    const chat = conversation([user('a', [image]), answered('vision', [5, 6, 2]), user('c'), answered('text', [7, 2]), user('d'), answered('vision'), user('e')]);
    const turns = await turnsFor(chat, VISION, (await mediaStore()).get);
    expect(turns.filter((t) => t.role === 'assistant').map((t) => t.answerIds)).toEqual([[5, 6, 2], undefined, undefined]);
    expect(turns[0]?.media).toEqual([{ kind: 'image', image: expect.any(Blob), id: 'img#0' }]);
  });

  it('sends pictures to a model that sees, in order, and says so in words to one that does not', async () => {
    const store = await mediaStore();
    const load = (id: string) => store.get(id);
    const seen = await turnsFor(conversation([user('what is this?', [image, video])]), VISION, load);
    expect(seen[0]?.media?.map((m) => m.kind)).toEqual(['image', 'image', 'image']);
    expect(seen[0]?.content).toBe('what is this?');
    const blind = await turnsFor(conversation([user('what is this?', [image])]), TEXT, load);
    expect(blind[0]?.media).toBeUndefined();
    expect(blind[0]?.content).toContain('cannot see');
  });

  it('gives a hearing model the sound, and a text model the transcript', async () => {
    const store = await mediaStore();
    const load = (id: string) => store.get(id);
    const heard = await turnsFor(conversation([user('', [audio])]), OMNI, load);
    expect(heard[0]?.media?.map((m) => m.kind)).toEqual(['audio']);
    const read = await turnsFor(conversation([user('listen', [{ ...audio, transcript: 'apple pie' }])]), TEXT, load);
    expect(read[0]?.media).toBeUndefined();
    expect(read[0]?.content).toBe('listen\n\n[Transcript of “memo.wav”]: apple pie');
    const omniVideo = await turnsFor(conversation([user('', [video])]), OMNI, load);
    expect(omniVideo[0]?.media?.map((m) => m.kind)).toEqual(['image', 'image', 'audio']);
  });

  it('says when an attachment is no longer stored instead of dropping it', async () => {
    const turns = await turnsFor(conversation([user('see', [image])]), VISION, async () => undefined);
    expect(turns[0]?.content).toContain('no longer stored');
  });
});

describe('problemsFor', () => {
  it('is empty when the model takes everything attached', () => {
    expect(problemsFor(OMNI, [image, audio, video], CATALOG)).toEqual([]);
    expect(problemsFor(VISION, [image], CATALOG)).toEqual([]);
  });

  it('offers models that see for a picture sent to a text model', () => {
    const [problem] = problemsFor(TEXT, [image], CATALOG);
    expect(problem).toMatchObject({ kind: 'cannot-see', attachmentId: 'img' });
    expect(problem?.kind === 'cannot-see' && problem.alternatives.map((m) => m.id)).toEqual(['vision', 'omni']);
  });

  it('offers a transcript or a model that hears for audio, and is satisfied by a transcript', () => {
    const [problem] = problemsFor(VISION, [audio], CATALOG);
    expect(problem).toMatchObject({ kind: 'cannot-hear', attachmentId: 'aud' });
    expect(problem?.kind === 'cannot-hear' && problem.alternatives.map((m) => m.id)).toEqual(['omni']);
    expect(problemsFor(TEXT, [{ ...audio, transcript: 'hi' }], CATALOG)).toEqual([]);
  });

  it('asks for a transcript when a clip is longer than the model hears', () => {
    expect(problemsFor(OMNI, [longAudio], CATALOG)).toEqual([{ kind: 'too-long-to-hear', attachmentId: 'long', name: 'memo.wav', limitSeconds: 30 }]);
  });

  it('counts video frames against the picture limit', () => {
    expect(problemsFor(VISION, [image, video], CATALOG)).toEqual([]);
    expect(problemsFor(VISION, [image, image, video], CATALOG)).toEqual([{ kind: 'too-many-images', count: 4, limit: 3 }]);
  });
});

describe('noticesFor', () => {
  it('says when a video’s soundtrack is left out and when a transcript stands in', () => {
    expect(noticesFor(VISION, [video])[0]).toContain('soundtrack');
    expect(noticesFor(OMNI, [video])).toEqual([]);
    expect(noticesFor(TEXT, [{ ...audio, transcript: 'x' }])[0]).toContain('reads the transcript');
  });
});

describe('audio clip limits', () => {
  const ONE_CLIP = spec('one-clip', ['text', 'audio'], { maxImages: 0, maxAudioSeconds: 30, videoFrames: 0, maxAudioClips: 1 });

  it('refuses two clips in one message for a model that hears one', () => {
    expect(problemsFor(ONE_CLIP, [audio, { ...audio, id: 'aud2' }], CATALOG)).toEqual([{ kind: 'too-many-clips', count: 2, limit: 1 }]);
  });

  it('keeps the newest clip of the conversation and says the older one was there', async () => {
    const store = await mediaStore();
    const turns = await turnsFor(
      conversation([user('first', [audio]), { id: 'a', role: 'assistant', content: 'ok', status: 'done', createdAt: 0 }, user('second', [audio])]),
      ONE_CLIP,
      (id) => store.get(id),
    );
    expect(turns[0]).toEqual({ role: 'user', content: 'first\n\n[An audio clip sent here earlier; this model hears only the newest.]' });
    expect(turns[2]?.media?.map((m) => m.kind)).toEqual(['audio']);
  });
});
