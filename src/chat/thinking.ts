// Splits a reasoning model's <think>…</think> section from its answer, also while the section is still streaming.

export interface ThinkingSplit {
  thinking: string | null;
  /** True while the model is still inside its thinking section. */
  thinkingOpen: boolean;
  answer: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

export function splitThinking(content: string): ThinkingSplit {
  const start = content.indexOf(OPEN);
  // Only a leading think block counts: a model quoting the tag later in its answer is just text.
  if (start === -1 || content.slice(0, start).trim() !== '') {
    return { thinking: null, thinkingOpen: false, answer: content };
  }
  const afterOpen = start + OPEN.length;
  const end = content.indexOf(CLOSE, afterOpen);
  if (end === -1) return { thinking: content.slice(afterOpen).trim(), thinkingOpen: true, answer: '' };
  return {
    thinking: content.slice(afterOpen, end).trim(),
    thinkingOpen: false,
    answer: content.slice(end + CLOSE.length).replace(/^\s+/, ''),
  };
}

/** What goes back into the prompt: earlier thinking is dropped, as Qwen3's own template does. */
export function answerOnly(content: string): string {
  return splitThinking(content).answer;
}
