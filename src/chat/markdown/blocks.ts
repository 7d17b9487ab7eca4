// Splits markdown into top-level blocks at blank lines outside code fences, so a streaming answer re-parses only its last block.

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const DEFINITION = /^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S/;

export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let blanks = 0;
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    if (line.trim() === '' && fence === null) {
      blanks += 1;
      continue;
    }
    if (blanks > 0) {
      // An indented line after a blank one continues the block above (a list item's next paragraph or its nested
      // list); parsed alone it would turn into an indented code block.
      if (current.length > 0 && /^[ \t]/.test(line)) current.push(...Array<string>(blanks).fill(''));
      else if (current.length > 0) {
        blocks.push(current.join('\n'));
        current = [];
      }
      blanks = 0;
    }
    const marker = FENCE.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker[0] === '`' ? '`' : '~';
      else if (marker[0] === fence) fence = null;
    }
    current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

/**
 * Link reference definitions (`[name]: https://…`) from anywhere outside code fences. Each block is parsed on its
 * own, so a reference-style link or image needs the definitions handed to it to resolve.
 */
export function referenceDefinitions(markdown: string): string {
  const found: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker[0] === '`' ? '`' : '~';
      else if (marker[0] === fence) fence = null;
      continue;
    }
    if (fence === null && DEFINITION.test(line)) found.push(line.trim());
  }
  return found.join('\n');
}
