// One turn of a conversation as a model reads it, and the settings an answer is generated with.

import type { ToolCall } from './tool-call';

/**
 * Media already checked and prepared on the UI side. Blobs cross to the worker as handles to the
 * same bytes (no copy), which matters for audio that can be megabytes of samples.
 */
export type TurnMedia =
  /** An oriented, downscaled image (PNG or JPEG). */
  | { kind: 'image'; image: Blob }
  /** Mono float32 little-endian samples at 16 kHz, the rate every speech model here expects. */
  | { kind: 'audio'; pcm: Blob };

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
