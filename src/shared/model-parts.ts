// The parts of a split multimodal model that a turn needs: its encoders load on first use, not with the text parts.

/** An encoder a split model loads only when a turn sends what it reads. */
export type MediaPart = 'vision' | 'audio';

export const MEDIA_PARTS: readonly MediaPart[] = ['vision', 'audio'];

/** The ONNX session (and file name stem under onnx/) that holds each part in the Gemma exports. */
export const PART_SESSION: Record<MediaPart, string> = {
  vision: 'vision_encoder',
  audio: 'audio_encoder',
};

/** What one piece of media is read by: a picture (or a video frame) by the vision encoder, a sound by the audio encoder. */
const PART_OF_MEDIA: Record<'image' | 'audio', MediaPart> = { image: 'vision', audio: 'audio' };

/**
 * The parts a prompt needs, from every turn, not just the newest: the whole conversation goes through the
 * processor again each turn, so a picture sent three turns ago still needs the vision encoder.
 */
export function partsForTurns(turns: readonly { media?: readonly { kind: 'image' | 'audio' }[] }[]): MediaPart[] {
  const needed = new Set<MediaPart>();
  for (const turn of turns) for (const media of turn.media ?? []) needed.add(PART_OF_MEDIA[media.kind]);
  return MEDIA_PARTS.filter((part) => needed.has(part));
}

/** The parts of `wanted` that are still to be loaded, in a stable order. */
export function missingParts(wanted: readonly MediaPart[], lazy: readonly MediaPart[] | undefined): MediaPart[] {
  if (!lazy) return [];
  return MEDIA_PARTS.filter((part) => wanted.includes(part) && lazy.includes(part));
}
