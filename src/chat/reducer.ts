// Pure state transitions of a conversation, testable without React or a worker.

import type { SerializedError } from '../shared/errors';
import type { GenerateResult } from '../worker/protocol';
import type { AnswerRecord, Attachment, Conversation, DrawingRecord, Message } from '../domain/conversation';
import type { ToolCallRecord } from '../domain/tool-call';
import { branchOff, dropFrom, viewVersion } from '../domain/branches';

export type ChatAction =
  | { type: 'user-sent'; message: Message }
  | { type: 'answer-started'; message: Message }
  | { type: 'answer-delta'; messageId: string; text: string; tokens: number }
  | { type: 'answer-finished'; messageId: string; result: GenerateResult }
  | { type: 'answer-failed'; messageId: string; error: SerializedError }
  /**
   * The first step of an edit or a regenerate: the viewed branch ends before this message, and the message with what
   * followed it is kept as another version (a failed answer, which a retry replaces, is dropped).
   */
  | { type: 'branched-from'; messageId: string }
  /** The person chose another version at a fork: `versionId` is a sibling of the viewed `messageId`. */
  | { type: 'version-viewed'; messageId: string; versionId: string }
  | { type: 'renamed'; title: string }
  | { type: 'attachment-transcribed'; messageId: string; attachmentId: string; transcript: string; language?: string }
  | { type: 'system-prompt-set'; systemPrompt: string }
  /** A tool call of a streaming answer was asked for, is running, or ended (matched by the record's id). */
  | { type: 'tool-call-updated'; messageId: string; record: ToolCallRecord }
  /** The model's answer was a tool call: the text streamed so far gives way to the call's fold. */
  | { type: 'answer-round-replaced'; messageId: string }
  | { type: 'tools-switched'; off: boolean }
  | { type: 'tool-allowed-in-chat'; name: string }
  | { type: 'tool-allowance-revoked'; name: string }
  | { type: 'cleared' }
  /** The image model finished: the pictures (already in the media store) join the answer. */
  | { type: 'drawing-finished'; messageId: string; attachments: Attachment[]; stats: Pick<DrawingRecord, 'ms' | 'imageTokens' | 'imageTokensPerSecond'> }
  /** Stopped mid-picture: nothing partial is kept. */
  | { type: 'drawing-stopped'; messageId: string };

const TITLE_LENGTH = 48;

function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line || 'New chat';
}

function updateMessage(conversation: Conversation, id: string, update: (m: Message) => Message): Conversation {
  let changed = false;
  const messages = conversation.messages.map((m) => {
    if (m.id !== id) return m;
    changed = true;
    return update(m);
  });
  return changed ? { ...conversation, messages } : conversation;
}

export function chatReducer(conversation: Conversation, action: ChatAction, now: number = Date.now()): Conversation {
  switch (action.type) {
    case 'user-sent': {
      const isFirst = !conversation.messages.some((m) => m.role === 'user');
      return {
        ...conversation,
        title: isFirst && !conversation.titleSetByPerson ? titleFrom(action.message.content) : conversation.title,
        updatedAt: now,
        messages: [...conversation.messages, followingPath(conversation, action.message)],
      };
    }
    case 'answer-started':
      return { ...conversation, updatedAt: now, messages: [...conversation.messages, followingPath(conversation, action.message)] };
    case 'answer-delta':
      return updateMessage(conversation, action.messageId, (m) =>
        m.status === 'streaming'
          ? { ...m, content: m.content + action.text, answer: withTokens(m.answer, (m.answer?.tokens ?? 0) + action.tokens) }
          : m,
      );
    case 'answer-finished': {
      const { result } = action;
      return updateMessage({ ...conversation, updatedAt: now }, action.messageId, (m) => ({
        ...m,
        // The worker's final decode is authoritative; streamed text can only lag it.
        content: result.text.length >= m.content.length || result.finishReason !== 'stopped' ? result.text : m.content,
        status: result.finishReason === 'stopped' ? 'stopped' : 'done',
        ...(m.answer
          ? {
              answer: {
                ...m.answer,
                finishReason: result.finishReason,
                tokens: result.tokens,
                timeToFirstTokenMs: result.timeToFirstTokenMs,
                tokensPerSecond: result.tokensPerSecond,
                promptTokens: result.promptTokens,
                reusedTokens: result.reusedTokens,
                ...(result.answerIds ? { tokenIds: result.answerIds } : {}),
                ...(result.encoderRuns ? { encoderRuns: result.encoderRuns } : {}),
              },
            }
          : {}),
      }));
    }
    case 'answer-failed':
      return updateMessage({ ...conversation, updatedAt: now }, action.messageId, (m) => ({ ...m, status: 'error', error: action.error }));
    case 'branched-from': {
      const index = conversation.messages.findIndex((m) => m.id === action.messageId);
      const message = conversation.messages[index];
      if (!message) return conversation;
      const failedLeaf = message.status === 'error' && index === conversation.messages.length - 1;
      return { ...(failedLeaf ? dropFrom(conversation, index) : branchOff(conversation, index)), updatedAt: now };
    }
    case 'version-viewed':
      // Viewing another version writes nothing new, so the chat keeps its place in the list (updatedAt stays).
      return viewVersion(conversation, action.messageId, action.versionId);
    case 'attachment-transcribed':
      return {
        ...conversation,
        updatedAt: now,
        messages: conversation.messages.map((m) =>
          m.id !== action.messageId || !m.attachments
            ? m
            : { ...m, attachments: m.attachments.map((a) => (a.id === action.attachmentId ? { ...a, transcript: action.transcript, ...(action.language ? { transcriptLanguage: action.language } : {}) } : a)) },
        ),
      };
    case 'renamed': {
      const title = action.title.trim();
      return title ? { ...conversation, title, titleSetByPerson: true, updatedAt: now } : conversation;
    }
    case 'system-prompt-set':
      return { ...conversation, systemPrompt: action.systemPrompt, updatedAt: now };
    case 'tool-call-updated':
      return updateMessage({ ...conversation, updatedAt: now }, action.messageId, (m) => {
        const calls = m.toolCalls ?? [];
        const at = calls.findIndex((c) => c.id === action.record.id);
        return { ...m, toolCalls: at === -1 ? [...calls, action.record] : calls.map((c, i) => (i === at ? action.record : c)) };
      });
    case 'answer-round-replaced':
      return updateMessage(conversation, action.messageId, (m) => (m.status === 'streaming' ? { ...m, content: '' } : m));
    case 'tools-switched':
      return { ...conversation, toolsOff: action.off, updatedAt: now };
    case 'tool-allowed-in-chat': {
      const allowed = conversation.allowedTools ?? [];
      return allowed.includes(action.name) ? conversation : { ...conversation, allowedTools: [...allowed, action.name], updatedAt: now };
    }
    case 'tool-allowance-revoked': {
      const allowed = conversation.allowedTools ?? [];
      return allowed.includes(action.name) ? { ...conversation, allowedTools: allowed.filter((n) => n !== action.name), updatedAt: now } : conversation;
    }
    case 'cleared':
      return { ...conversation, title: 'New chat', messages: [], otherVersions: undefined, viewedChild: undefined, updatedAt: now };
    case 'drawing-finished':
      return updateMessage({ ...conversation, updatedAt: now }, action.messageId, (m) => ({
        ...m,
        status: 'done',
        attachments: action.attachments,
        ...(m.drawing ? { drawing: { ...m.drawing, ...action.stats } } : {}),
      }));
    case 'drawing-stopped':
      return updateMessage({ ...conversation, updatedAt: now }, action.messageId, (m) => ({ ...m, status: 'stopped', attachments: undefined }));
    default: {
      const unknown: never = action;
      return unknown;
    }
  }
}

/** A new message continues the viewed branch: its parent is the path's last message. */
function followingPath(conversation: Conversation, message: Message): Message {
  return { ...message, parentId: conversation.messages.at(-1)?.id ?? null };
}

function withTokens(answer: AnswerRecord | undefined, tokens: number): AnswerRecord | undefined {
  return answer ? { ...answer, tokens } : answer;
}

