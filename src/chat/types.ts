// The chat domain: conversations, their messages, and what was used to produce each answer.

import type { SerializedError } from '../shared/errors';
import type { Device, Dtype, FinishReason, GenerationSettings } from '../worker/protocol';

export type Role = 'system' | 'user' | 'assistant';

/** streaming → done | stopped | error; `interrupted` is what a crash mid-answer leaves (repaired on load). */
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export interface AnswerRecord {
  modelId: string;
  device: Device;
  dtype: Dtype;
  settings: GenerationSettings;
  finishReason?: FinishReason;
  tokens?: number;
  timeToFirstTokenMs?: number;
  tokensPerSecond?: number;
  promptTokens?: number;
  reusedTokens?: number;
}

export interface Message {
  id: string;
  role: Role;
  content: string;
  status: MessageStatus;
  createdAt: number;
  answer?: AnswerRecord;
  error?: SerializedError;
}

export interface Conversation {
  id: string;
  title: string;
  /** A title the person typed is never replaced by an automatic one. */
  titleSetByPerson?: boolean;
  createdAt: number;
  updatedAt: number;
  systemPrompt: string;
  messages: Message[];
}
