// The layer rule in eslint.config.js really fences each folder: an upward import is an error, a downward one is not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers', () => {
  it('refuses an import from a higher layer', async () => {
    expect(await problems('src/storage/probe.ts', "import { App } from '../app/App';\nexport const x = App;\n")).toEqual([
      expect.stringContaining('src/storage/ may not import src/app/'),
    ]);
    expect(await problems('src/chat/components/probe.ts', "import { VoiceModeBar } from '../../voice/components/VoiceModeBar';\nexport const y = VoiceModeBar;\n")).toEqual([
      expect.stringContaining('src/chat/ may not import src/voice/'),
    ]);
  });

  it('allows an import from a lower layer, and keeps transformers.js inside the engine', async () => {
    expect(await problems('src/voice/probe.ts', "import { findModel } from '../models/catalog';\nexport const z = findModel;\n")).toEqual([]);
    expect(await problems('src/chat/probe.ts', "import { env } from '@huggingface/transformers';\nexport const e = env;\n")).toHaveLength(1);
    expect(await problems('src/worker/engine/probe.ts', "import { env } from '@huggingface/transformers';\nexport const e = env;\n")).toEqual([]);
  });

  it('keeps each runtime to its own storage: the page never imports the download path, a worker never the chat stores', async () => {
    expect(await problems('src/chat/probe.ts', "import { createVerifiedFetch } from '../storage/worker/verified-fetch';\nexport const f = createVerifiedFetch;\n")).toEqual([
      expect.stringContaining('may not import src/storage/worker/'),
    ]);
    expect(await problems('src/worker/engine/probe.ts', "import { createMediaStore } from '../../storage/ui/media-store';\nexport const m = createMediaStore;\n")).toEqual([
      expect.stringContaining('may not import src/storage/ui/'),
    ]);
    expect(await problems('src/storage/common/probe.ts', "import { createMediaStore } from '../ui/media-store';\nexport const m = createMediaStore;\n")).toHaveLength(1);
    expect(await problems('src/chat/probe.ts', "import { createModelFileCache } from '../storage/common/model-file-cache';\nexport const c = createModelFileCache;\n")).toEqual([]);
    expect(await problems('src/worker/engine/probe.ts', "import { createPartialDownloads } from '../../storage/worker/partial-downloads';\nexport const p = createPartialDownloads;\n")).toEqual([]);
  });
});
