// One turn of a conversation as a model reads it, and the settings an answer is generated with.

import type { ToolCall } from './tool-call';

/**
 * Media already checked and prepared on the UI side. Blobs cross to the worker as handles to the
 * same bytes (no copy), which matters for audio that can be megabytes of samples.
 */
export type TurnMedia =
  /** An oriented, downscaled image (PNG or JPEG). */
  | { kind: 'image'; image: Blob; id?: string }
  /** Mono float32 little-endian samples at 16 kHz, the rate every speech model here expects. */
  | { kind: 'audio'; pcm: Blob; id?: string };
// `id` names the attachment (and frame) the media came from: the engine's KV cache reuses what it read of a picture
// only for the same picture, since the prompt's placeholder tokens are the same for every picture.

export const SPEECH_SAMPLE_RATE = 16_000;

export interface ChatTurn {
  /** `tool` carries a tool's result back to the model (its template renders it, e.g. Qwen3's `<tool_response>`). */
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** In the order the person attached them; only sent to models that take that kind of input. */
  media?: TurnMedia[];
  /** Assistant turns: the tools the model called in this turn. */
  toolCalls?: ToolCall[];
  /** Tool turns: which tool answered. */
  toolName?: string;
  /**
   * Assistant turns: the token ids the loaded model generated for `content`. The engine writes them into the prompt
   * as they are, so the prompt repeats what its KV cache holds; it falls back to the text where they do not spell it.
   */
  answerIds?: number[];
}

/** How many times each encoder ran for one answer: none for a follow-up that reads its pictures from the KV cache. */
export interface EncoderRuns {
  vision: number;
  audio: number;
}

export interface GenerationSettings {
  temperature: number;
  topP: number;
  topK: number;
  repetitionPenalty: number;
  maxNewTokens: number;
  /** Only meaningful for reasoning models whose chat template reads `enable_thinking`. */
  enableThinking: boolean;
}

export type FinishReason = 'eos' | 'length' | 'stopped';
