// Which encoders of a text-first model (Gemma 4) a conversation or a draft needs, how big they are, and what to tell the person.

import { takes } from '../models/catalog';
import { type ModelSpec } from '../domain/model';
import { formatBytes } from '../shared/format';
import { MEDIA_PARTS, PART_SESSION, type MediaPart } from '../shared/model-parts';
import type { Dtype } from '../domain/model';
import type { Attachment, Conversation } from '../domain/conversation';
import type { MessageRef, MessageValues } from '../shared/errors';
import { tr } from '../i18n/i18n';
import { englishMessage } from '../i18n/errors';

/**
 * The encoders these attachments reach, routed as attachment-routing.ts routes them: pictures and video frames go
 * to the vision encoder of a model that sees; a clip the model hears directly, or a video's soundtrack, to the audio
 * encoder. A clip that is only read as a transcript needs no encoder.
 */
export function partsForAttachments(spec: ModelSpec, attachments: readonly Attachment[]): MediaPart[] {
  const needed = new Set<MediaPart>();
  const hears = takes(spec, 'audio');
  for (const a of attachments) {
    if ((a.kind === 'image' || a.kind === 'video') && takes(spec, 'image')) needed.add('vision');
    if (a.kind === 'video' && a.hasAudio && hears) needed.add('audio');
    if (a.kind === 'audio' && hears && (a.durationSeconds ?? Infinity) <= (spec.media?.maxAudioSeconds ?? 0)) needed.add('audio');
  }
  return MEDIA_PARTS.filter((part) => needed.has(part));
}

/** Every turn goes through the processor with the whole conversation, so any attachment in it counts. */
export function partsForConversation(spec: ModelSpec, conversation: Conversation): MediaPart[] {
  return partsForAttachments(
    spec,
    conversation.messages.flatMap((m) => (m.role === 'user' ? (m.attachments ?? []) : [])),
  );
}

/** The catalog's download size of one encoder in this variant (its .onnx and external data), or null if unknown. */
export function partBytes(spec: ModelSpec, dtype: Dtype, part: MediaPart): number | null {
  const stem = `onnx/${PART_SESSION[part]}`;
  const files = (spec.dtypes[dtype]?.files ?? []).filter((f) => f.path.startsWith(stem));
  if (files.length === 0 || files.some((f) => f.bytes === null)) return null;
  return files.reduce((sum, f) => sum + (f.bytes ?? 0), 0);
}

/** Said before sending: the first turn with a picture or a sound downloads the part that reads it. */
export function partsNotice(spec: ModelSpec, dtype: Dtype, parts: readonly MediaPart[]): string {
  return parts
    .map((part) => tr(`chat:parts.notice.${part}`, { name: spec.name, size: formatBytes(partBytes(spec, dtype, part)) }))
    .join(' ');
}

/** "the picture part", "the picture and sound parts". */
export function partsName(parts: readonly MediaPart[]): string {
  return tr(partsNameKey(parts));
}

function partsNameKey(parts: readonly MediaPart[]): string {
  return `chat:parts.name.${parts.length === 0 ? 'vision' : parts.join('_')}`;
}

/**
 * Why the encoders could not be added, and what still works: the text model stays loaded and the message is kept,
 * so the answer's Retry downloads again (resuming what arrived).
 */
export function partsFailure(spec: ModelSpec, dtype: Dtype, parts: readonly MediaPart[], reason: MessageRef, offline: boolean): Required<MessageRef> {
  const size = parts.map((p) => formatBytes(partBytes(spec, dtype, p))).join(' + ');
  // Kept as keys (saved with the answer's error), so the message follows a later language switch.
  const values: MessageValues = { name: spec.name, what: { key: partsNameKey(parts), message: '' }, size, reason };
  const key = offline ? 'chat:parts.failedOffline' : 'chat:parts.failed';
  return { key, values, message: englishMessage(key, values) };
}

/** partsFailure's English. */
export function partsFailureMessage(spec: ModelSpec, dtype: Dtype, parts: readonly MediaPart[], reason: string, offline: boolean): string {
  return partsFailure(spec, dtype, parts, { message: reason }, offline).message;
}
