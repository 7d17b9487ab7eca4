// Turns a conversation with pictures and sounds into model inputs through the architecture's own processor and chat template.

import { RawImage, type Processor, type Tensor } from '@huggingface/transformers';
import { AppError } from '../../shared/errors';
import type { ChatTurn } from '../../domain/turn';

/**
 * How each architecture's processor is called. The Gemma processors take (text, images, audio);
 * Idefics3 / SmolVLM take (text, images) and have no audio path.
 */
const PROCESSOR_STYLE = {
  gemma3n: 'text-images-audio',
  gemma4: 'text-images-audio',
  idefics3: 'text-images',
  smolvlm: 'text-images',
} as const;

type Architecture = keyof typeof PROCESSOR_STYLE;

export function isMultimodal(architecture: string): architecture is Architecture {
  return architecture in PROCESSOR_STYLE;
}

type ContentPart = { type: 'image' } | { type: 'audio' } | { type: 'text'; text: string };

export interface PreparedTurns {
  messages: { role: string; content: ContentPart[] }[];
  images: RawImage[];
  audios: Float32Array[];
}

/** Reads the turns' media in order, leaving one placeholder part per item where the template expects it. */
export async function collectMedia(turns: readonly ChatTurn[], hears: boolean): Promise<PreparedTurns> {
  const images: RawImage[] = [];
  const audios: Float32Array[] = [];
  const messages: PreparedTurns['messages'] = [];
  for (const turn of turns) {
    const content: ContentPart[] = [];
    for (const media of turn.media ?? []) {
      if (media.kind === 'image') {
        images.push(await RawImage.fromBlob(media.image));
        content.push({ type: 'image' });
      } else {
        // The UI never sends audio to a model that cannot hear; refusing here keeps that promise honest.
        if (!hears) throw new AppError('unsupported-input', 'This model cannot hear audio; transcribe it first.');
        audios.push(new Float32Array(await media.pcm.arrayBuffer()));
        content.push({ type: 'audio' });
      }
    }
    // Placeholders first, then the words: the order the model cards show for these templates.
    content.push({ type: 'text', text: turn.content });
    messages.push({ role: turn.role, content });
  }
  return { messages, images, audios };
}

export async function multimodalInputs(processor: Processor, architecture: string, turns: readonly ChatTurn[]): Promise<Record<string, Tensor>> {
  if (!isMultimodal(architecture)) throw new AppError('unsupported-input', `${architecture} does not take pictures or sound.`);
  const style = PROCESSOR_STYLE[architecture];
  const { messages, images, audios } = await collectMedia(turns, style === 'text-images-audio');
  const prompt = processor.apply_chat_template(messages as never, { add_generation_prompt: true }) as string;
  const call = processor as unknown as (...args: unknown[]) => Promise<Record<string, Tensor>>;
  // The template already wrote the BOS token; the processor must not add a second one.
  const options = { add_special_tokens: false };
  // Idefics3's processor in transformers.js 4.3 cannot run without images; a text-only turn needs only the tokenizer.
  if (images.length === 0 && audios.length === 0) {
    const tokenizer = processor.tokenizer as unknown as (text: string, o: object) => Record<string, Tensor>;
    return tokenizer(prompt, options);
  }
  const imageArg = images.length > 0 ? images : null;
  return style === 'text-images-audio'
    ? call(prompt, imageArg, audios.length > 0 ? audios : null, options)
    : call(prompt, imageArg, options);
}
