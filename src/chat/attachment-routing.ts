// Decides, per attachment and model, what reaches the model: the media itself, its transcript, or a clear refusal before sending.

import { CHAT_MODELS, takes } from '../models/catalog';
import { type ModelSpec } from '../domain/model';
import type { StoredMedia } from '../storage/ui/media-store';
import type { ChatTurn, TurnMedia } from '../domain/turn';
import { answerOnly } from './thinking';
import type { Attachment, Conversation } from '../domain/conversation';

export type Problem =
  | { kind: 'cannot-see'; attachmentId: string; name: string; alternatives: ModelSpec[] }
  | { kind: 'cannot-hear'; attachmentId: string; name: string; alternatives: ModelSpec[] }
  | { kind: 'too-long-to-hear'; attachmentId: string; name: string; limitSeconds: number }
  | { kind: 'too-many-images'; count: number; limit: number }
  | { kind: 'too-many-clips'; count: number; limit: number };

function sees(spec: ModelSpec): boolean {
  return takes(spec, 'image');
}

function hearsDirectly(spec: ModelSpec, attachment: Attachment): boolean {
  const limit = spec.media?.maxAudioSeconds ?? 0;
  return takes(spec, 'audio') && (attachment.durationSeconds ?? Infinity) <= limit;
}

/** Pictures a turn sends: an image counts one, a video its frames. */
function pictureCount(attachments: readonly Attachment[]): number {
  return attachments.reduce((n, a) => n + (a.kind === 'image' ? 1 : a.kind === 'video' ? (a.frames ?? 1) : 0), 0);
}

/**
 * Everything that would stop these attachments reaching `spec` as the person intends. An empty list
 * means the turn can go; otherwise the UI shows each problem with its way out before sending.
 */
export function problemsFor(spec: ModelSpec, attachments: readonly Attachment[], catalog: readonly ModelSpec[] = CHAT_MODELS): Problem[] {
  const problems: Problem[] = [];
  const seeing = catalog.filter((m) => m.id !== spec.id && sees(m));
  const hearing = catalog.filter((m) => m.id !== spec.id && takes(m, 'audio'));
  for (const a of attachments) {
    if ((a.kind === 'image' || a.kind === 'video') && !sees(spec)) {
      problems.push({ kind: 'cannot-see', attachmentId: a.id, name: a.name, alternatives: seeing });
    }
    if (a.kind === 'audio' && a.transcript === undefined && !hearsDirectly(spec, a)) {
      if (!takes(spec, 'audio')) problems.push({ kind: 'cannot-hear', attachmentId: a.id, name: a.name, alternatives: hearing });
      else problems.push({ kind: 'too-long-to-hear', attachmentId: a.id, name: a.name, limitSeconds: spec.media?.maxAudioSeconds ?? 0 });
    }
  }
  const limit = spec.media?.maxImages;
  const count = pictureCount(attachments);
  if (sees(spec) && limit !== undefined && count > limit) problems.push({ kind: 'too-many-images', count, limit });
  const clipLimit = spec.media?.maxAudioClips;
  const clips = attachments.filter((a) => (a.kind === 'audio' && hearsDirectly(spec, a)) || (a.kind === 'video' && a.hasAudio && takes(spec, 'audio'))).length;
  if (clipLimit !== undefined && clips > clipLimit) problems.push({ kind: 'too-many-clips', count: clips, limit: clipLimit });
  return problems;
}

/** Things that will happen without blocking the turn, said so that nothing is dropped silently. */
export function noticesFor(spec: ModelSpec, attachments: readonly Attachment[]): string[] {
  const notices: string[] = [];
  for (const a of attachments) {
    if (a.kind === 'video' && a.hasAudio && sees(spec) && !takes(spec, 'audio')) {
      notices.push(`${spec.name} does not hear, so the soundtrack of “${a.name}” is left out; its ${a.frames ?? 0} frames are sent.`);
    }
    if (a.kind === 'audio' && a.transcript !== undefined && !hearsDirectly(spec, a)) {
      notices.push(`${spec.name} reads the transcript of “${a.name}”.`);
    }
  }
  return notices;
}

export type MediaLoader = (id: string) => Promise<StoredMedia | undefined>;

/** What the model receives for one sent attachment; text stands in for what it cannot take. */
async function routeAttachment(spec: ModelSpec, a: Attachment, load: MediaLoader): Promise<{ media: TurnMedia[]; text: string }> {
  // A document's passages are chosen per question and added to the newest turn (chat/store/answering-slice.ts).
  if (a.kind === 'document') return { media: [], text: '' };
  const stored = await load(a.id);
  const missing = { media: [], text: `[“${a.name}” is no longer stored on this device.]` };
  if (a.kind === 'image' || a.kind === 'video') {
    if (!sees(spec)) return { media: [], text: `[${a.kind === 'image' ? 'Picture' : 'Video'} “${a.name}”: ${spec.name} cannot see it.]` };
    if (!stored || stored.images.length === 0) return missing;
    const media: TurnMedia[] = stored.images.map((image, i) => ({ kind: 'image', image, id: `${a.id}#${i}` }));
    if (a.kind === 'video' && stored.pcm && takes(spec, 'audio')) media.push({ kind: 'audio', pcm: stored.pcm, id: `${a.id}#sound` });
    return { media, text: '' };
  }
  // A model that hears gets the sound itself, even when a transcript exists: tone and voice carry meaning.
  if (hearsDirectly(spec, a)) {
    if (!stored?.pcm) return missing;
    return { media: [{ kind: 'audio', pcm: stored.pcm, id: a.id }], text: '' };
  }
  if (a.transcript !== undefined) return { media: [], text: `[Transcript of “${a.name}”]: ${a.transcript}` };
  return { media: [], text: `[Audio “${a.name}”: ${spec.name} cannot hear it and it was not transcribed.]` };
}

/** The prompt for the next answer: finished turns, without earlier thinking, with each attachment routed for `spec`. */
export async function turnsFor(conversation: Conversation, spec: ModelSpec, load: MediaLoader): Promise<ChatTurn[]> {
  const turns = await routedTurns(conversation, spec, load);
  return keepNewestClips(turns, spec.media?.maxAudioClips ?? Infinity);
}

/**
 * A model that hears only so many clips per prompt keeps the newest: those are what the new
 * question is about. Older ones were answered already; the prompt says they were there.
 */
function keepNewestClips(turns: ChatTurn[], limit: number): ChatTurn[] {
  let kept = 0;
  const out = [...turns];
  for (let t = out.length - 1; t >= 0; t--) {
    const turn = out[t];
    if (!turn?.media) continue;
    let dropped = 0;
    const media = [...turn.media].reverse().filter((m) => {
      if (m.kind !== 'audio') return true;
      if (kept < limit) {
        kept += 1;
        return true;
      }
      dropped += 1;
      return false;
    });
    if (dropped === 0) continue;
    media.reverse();
    const note = `[${dropped === 1 ? 'An audio clip' : `${dropped} audio clips`} sent here earlier; this model hears only the newest.]`;
    out[t] = { ...turn, content: [turn.content, note].filter(Boolean).join('\n\n'), ...(media.length > 0 ? { media } : {}) };
    if (media.length === 0) delete out[t]?.media;
  }
  return out;
}

async function routedTurns(conversation: Conversation, spec: ModelSpec, load: MediaLoader): Promise<ChatTurn[]> {
  const turns: ChatTurn[] = [];
  if (conversation.systemPrompt.trim()) turns.push({ role: 'system', content: conversation.systemPrompt });
  for (const m of conversation.messages) {
    if (m.role === 'user') {
      const media: TurnMedia[] = [];
      const notes: string[] = [];
      for (const a of m.attachments ?? []) {
        const routed = await routeAttachment(spec, a, load);
        media.push(...routed.media);
        if (routed.text) notes.push(routed.text);
      }
      const content = [m.content, ...notes].filter(Boolean).join('\n\n');
      turns.push(media.length > 0 ? { role: 'user', content, media } : { role: 'user', content });
    } else if (m.role === 'assistant' && m.status !== 'error' && m.status !== 'streaming') {
      // The calls that went back to the model are replayed as it saw them: its calls, then each result.
      const answered = (m.toolCalls ?? []).filter((c) => c.status !== 'asking' && c.status !== 'running' && c.status !== 'stopped');
      if (answered.length > 0) {
        turns.push({ role: 'assistant', content: '', toolCalls: answered.map((c) => c.call) });
        for (const c of answered) turns.push({ role: 'tool', toolName: c.call.name, content: c.result });
      }
      // The ids go back only to the model that wrote them, and only for an answer that is one generation.
      const ids = m.answer?.modelId === spec.id && answered.length === 0 ? m.answer.tokenIds : undefined;
      turns.push({ role: 'assistant', content: answerOnly(m.content), ...(ids ? { answerIds: ids } : {}) });
    }
  }
  return turns;
}
