// GFM (tables, task lists, strikethrough, autolinks, footnotes) for reading markdown only: remark-gfm also installs
// the markdown *writer* extensions, which pull mdast-util-to-markdown into the app shell for nothing.

import type { Root } from 'mdast';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Plugin } from 'unified';

export const remarkGfmParse: Plugin<[], Root> = function () {
  // remark-parse reads these two lists from the processor's data (its types add them; we only need the names).
  const data = this.data() as Record<'micromarkExtensions' | 'fromMarkdownExtensions', unknown[] | undefined>;
  (data.micromarkExtensions ??= []).push(gfm());
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
};
