// The chat domain: conversations, their messages, and what was used to produce each answer.

import type { SerializedError } from '../shared/errors';
import type { Device, Dtype } from './model';
import type { EncoderRuns, FinishReason, GenerationSettings } from './turn';
import type { Retrieval } from './document';
import type { ToolCallRecord } from './tool-call';

export type Role = 'system' | 'user' | 'assistant';

/** streaming → done | stopped | error; `interrupted` is what a crash mid-answer leaves (repaired on load). */
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export interface AnswerRecord {
  modelId: string;
  /** 'remote': answered by a server the person added (its host is in the model id's server); no dtype is known then. */
  device: Device | 'remote';
  dtype: Dtype | null;
  /** For a remote answer: the host it came from, shown with the answer wherever it is read. */
  host?: string;
  settings: GenerationSettings;
  finishReason?: FinishReason;
  tokens?: number;
  timeToFirstTokenMs?: number;
  tokensPerSecond?: number;
  promptTokens?: number;
  reusedTokens?: number;
  /**
   * The ids `modelId` generated, so the next prompt repeats them exactly (and the KV cache matches it). Absent in chats
   * saved before they were kept, and for remote answers: those prompts use the text.
   */
  tokenIds?: number[];
  encoderRuns?: EncoderRuns;
  /** The document passages this answer was given, with how they were found. */
  retrieval?: Retrieval;
}

export type AttachmentKind = 'image' | 'audio' | 'video' | 'document';

/**
 * What a message says about an attached file. The prepared bytes (the downscaled image, video
 * frames, 16 kHz samples) live in the media store under the same id, so conversations stay small.
 */
export interface Attachment {
  id: string;
  kind: AttachmentKind;
  name: string;
  /** Format found from the file's bytes, not its name: png, jpeg, wav, webm… */
  format: string;
  /** Size of the file as the person gave it. */
  bytes: number;
  /** Of the prepared image, or of each video frame. */
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Video: frames sampled evenly over the clip. */
  frames?: number;
  /** Video: whether a soundtrack was decoded. */
  hasAudio?: boolean;
  /** Audio: peak levels 0..1 for drawing the waveform. */
  peaks?: number[];
  /** Audio: what the local recognizer heard, for models that cannot hear. */
  transcript?: string;
  /** Audio: the language the transcript is in (ISO 639-1, from the recognizer). */
  transcriptLanguage?: string;
  /** Document: its record in the library (text, chunks and vectors live there, not in the message). */
  documentId?: string;
  pages?: number;
  words?: number;
  /** Document: pages with no text layer (scans), and what was found but neither run nor extracted. */
  scannedPages?: number;
  javascript?: boolean;
  embeddedFiles?: number;
}

/** How a drawn picture was made: enough to draw it again byte for byte (same model, variant, prompt, seed, settings). */
export interface DrawingRecord {
  modelId: string;
  device: Device;
  dtype: Dtype;
  prompt: string;
  /** Picture i of the message was drawn from seed + i. */
  seed: number;
  guidance: number;
  count: number;
  ms?: number;
  imageTokens?: number;
  imageTokensPerSecond?: number;
}

export interface Message {
  id: string;
  /** The message this one answers or follows; null for a first message. Branches are siblings: messages with one parent. */
  parentId?: string | null;
  role: Role;
  content: string;
  attachments?: Attachment[];
  status: MessageStatus;
  createdAt: number;
  answer?: AnswerRecord;
  error?: SerializedError;
  /** The tools the model called while writing this answer, in order; `content` is its last, written answer. */
  toolCalls?: ToolCallRecord[];
  /** An answer of the image model: its pictures are this message's image attachments (PNG, in the media store). */
  drawing?: DrawingRecord;
  /** The language of a spoken turn's text (ISO 639-1, from the recognizer), where known. */
  language?: string;
}

export interface Conversation {
  id: string;
  title: string;
  /** A title the person typed is never replaced by an automatic one. */
  titleSetByPerson?: boolean;
  createdAt: number;
  updatedAt: number;
  systemPrompt: string;
  /** The branch being viewed, first message to last (see `branches.ts`): what the model, the screen and search read. */
  messages: Message[];
  /** Every version not on the viewed branch (earlier answers, edited questions and what followed them), by parent id. */
  otherVersions?: Message[];
  /** At a fork off the viewed branch, the child viewed last (keyed by parent id, '' for a first message). */
  viewedChild?: Record<string, string>;
  /** Tools switched off in this chat (they are on wherever the model has them and the global switch is on). */
  toolsOff?: boolean;
  /** Tools the person allowed for this whole chat ("Allow in this chat"); others ask on each call. */
  allowedTools?: string[];
}

/** A conversation that was saved mid-answer (tab closed, crash) reopens with that answer marked, every token kept. */
export function repairInterrupted(conversation: Conversation): Conversation {
  if (!conversation.messages.some((m) => m.status === 'streaming')) return conversation;
  return {
    ...conversation,
    messages: conversation.messages.map((m) =>
      m.status === 'streaming'
        ? {
            ...m,
            status: 'interrupted',
            // A call left asking or running can no longer finish.
            ...(m.toolCalls ? { toolCalls: m.toolCalls.map((c) => (c.status === 'asking' || c.status === 'running' ? { ...c, status: 'stopped' } : c)) } : {}),
          }
        : m,
    ),
  };
}
