// Which encoders of a text-first model (Gemma 4) a conversation or a draft needs, how big they are, and what to tell the person.

import { takes } from '../models/catalog';
import { type ModelSpec } from '../domain/model';
import { formatBytes } from '../shared/format';
import { MEDIA_PARTS, PART_SESSION, type MediaPart } from '../shared/model-parts';
import type { Dtype } from '../domain/model';
import type { Attachment, Conversation } from '../domain/conversation';

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

const READS: Record<MediaPart, { verb: string; noun: string; what: string }> = {
  vision: { verb: 'reads pictures', noun: 'picture part', what: 'a picture' },
  audio: { verb: 'hears sound', noun: 'sound part', what: 'a sound' },
};

/** Said before sending: the first turn with a picture or a sound downloads the part that reads it. */
export function partsNotice(spec: ModelSpec, dtype: Dtype, parts: readonly MediaPart[]): string {
  return parts
    .map((part) => `${spec.name} ${READS[part].verb} with a separate part (${formatBytes(partBytes(spec, dtype, part))}), downloaded the first time you send ${READS[part].what}.`)
    .join(' ');
}

/** "the picture part", "the picture and sound parts". */
export function partsName(parts: readonly MediaPart[]): string {
  if (parts.length === 1) return `the ${READS[parts[0] ?? 'vision'].noun}`;
  return `the ${parts.map((p) => READS[p].noun.replace(' part', '')).join(' and ')} parts`;
}

/**
 * Why the encoders could not be added, and what still works: the text model stays loaded and the message is kept,
 * so the answer's Retry downloads again (resuming what arrived).
 */
export function partsFailureMessage(spec: ModelSpec, dtype: Dtype, parts: readonly MediaPart[], reason: string, offline: boolean): string {
  const size = parts.map((p) => formatBytes(partBytes(spec, dtype, p))).join(' + ');
  const what = partsName(parts);
  const head = offline
    ? `${spec.name} needs a download of ${what} (${size}) to read this message, and this device is offline.`
    : `${spec.name} could not download ${what} (${size}): ${reason}`;
  return `${head} Your message is kept and chats without pictures or sound keep working; Retry when the connection is back.`;
}
