import { describe, expect, it } from 'vitest';
import { findModel } from '../models/catalog';
import { type ModelSpec } from '../domain/model';
import { partBytes, partsFailureMessage, partsForAttachments, partsForConversation, partsNotice } from './lazy-parts';
import type { Attachment, Conversation } from '../domain/conversation';
import type { Dtype } from '../domain/model';

const gemma = findModel('gemma-4-e2b-it')!;
const smol = findModel('smolvlm-256m-instruct')!;

/** Gemma with the real q4f16 encoder sizes filled in (the catalog may not know them yet). */
function withSizes(spec: ModelSpec, dtype: Dtype, sizes: Record<string, number>): ModelSpec {
  const variant = spec.dtypes[dtype]!;
  return { ...spec, dtypes: { ...spec.dtypes, [dtype]: { ...variant, files: variant.files.map((f) => ({ ...f, bytes: sizes[f.path] ?? f.bytes })) } } };
}

const image: Attachment = { id: 'i', kind: 'image', name: 'red.png', format: 'png', bytes: 1 };
const clip: Attachment = { id: 'a', kind: 'audio', name: 'tone.wav', format: 'wav', bytes: 1, durationSeconds: 2 };
const longClip: Attachment = { ...clip, id: 'l', durationSeconds: 120, transcript: 'hello' };
const silentVideo: Attachment = { id: 'v', kind: 'video', name: 'clip.webm', format: 'webm', bytes: 1, frames: 6 };
const videoWithSound: Attachment = { ...silentVideo, id: 'vs', hasAudio: true };

describe('encoders an attachment needs', () => {
  it('pictures and video frames need the vision part; clips the model hears and soundtracks the audio part', () => {
    expect(partsForAttachments(gemma, [image])).toEqual(['vision']);
    expect(partsForAttachments(gemma, [silentVideo])).toEqual(['vision']);
    expect(partsForAttachments(gemma, [clip])).toEqual(['audio']);
    expect(partsForAttachments(gemma, [videoWithSound])).toEqual(['vision', 'audio']);
  });

  it('a clip too long to hear goes as its transcript and needs no encoder; a model that cannot hear never asks for one', () => {
    expect(partsForAttachments(gemma, [longClip])).toEqual([]);
    expect(partsForAttachments(smol, [videoWithSound])).toEqual(['vision']);
  });

  it('a conversation needs what any of its messages holds, not just the newest', () => {
    const conversation: Conversation = {
      id: 'c',
      title: 't',
      createdAt: 0,
      updatedAt: 0,
      systemPrompt: '',
      messages: [
        { id: '1', role: 'user', content: 'see', attachments: [image], status: 'done', createdAt: 0 },
        { id: '2', role: 'assistant', content: 'red', status: 'done', createdAt: 0 },
        { id: '3', role: 'user', content: 'and now?', status: 'done', createdAt: 0 },
      ],
    };
    expect(partsForConversation(gemma, conversation)).toEqual(['vision']);
    expect(partsForConversation(gemma, { ...conversation, messages: [] })).toEqual([]);
  });
});

describe('what the person is told', () => {
  // q4's encoder sizes are not in the catalog (unconfirmed), so this variant also shows the unknown case.
  const sized = withSizes(gemma, 'q4', { 'onnx/vision_encoder_q4.onnx': 1_000_000, 'onnx/vision_encoder_q4.onnx_data': 98_000_000 });

  it('names the part and its size from the catalog, or says the size is unknown', () => {
    expect(partBytes(sized, 'q4', 'vision')).toBe(99_000_000);
    expect(partsNotice(sized, 'q4', ['vision'])).toBe('Gemma 4 E2B reads pictures with a separate part (99.0 MB), downloaded the first time you send a picture.');
    expect(partBytes(sized, 'q4', 'audio')).toBeNull();
    expect(partsNotice(sized, 'q4', ['audio'])).toBe('Gemma 4 E2B hears sound with a separate part (size unknown), downloaded the first time you send a sound.');
  });

  it('counts a part’s graph and its external data from the catalog (Gemma q4f16 audio encoder)', () => {
    expect(partBytes(gemma, 'q4f16', 'audio')).toBe(260_446 + 171_258_112);
  });

  it('a failed download says what still works, and offline says a download is needed', () => {
    const failed = partsFailureMessage(sized, 'q4', ['vision'], 'The download failed.', false);
    expect(failed).toContain('could not download the picture part (99.0 MB): The download failed.');
    expect(failed).toContain('Your message is kept');
    expect(partsFailureMessage(sized, 'q4', ['vision', 'audio'], 'x', true)).toContain('needs a download of the picture and sound parts (99.0 MB + size unknown)');
  });
});
