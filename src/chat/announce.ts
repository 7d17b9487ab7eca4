// Cuts a streaming answer into sentence-sized pieces for a screen reader, so it is read politely, not token by token.

/**
 * Given the text so far and how much was already announced, returns the next complete sentences
 * (up to the last sentence end) and the new announced length; at the end, everything left.
 */
export function nextAnnouncement(text: string, announced: number, finished: boolean): { chunk: string; announced: number } {
  if (announced >= text.length) return { chunk: '', announced };
  if (finished) return { chunk: text.slice(announced).trim(), announced: text.length };
  const rest = text.slice(announced);
  let end = -1;
  for (const match of rest.matchAll(/[.!?…](?=\s)|\n/g)) end = match.index + match[0].length;
  if (end === -1) return { chunk: '', announced };
  return { chunk: rest.slice(0, end).trim(), announced: announced + end };
}
