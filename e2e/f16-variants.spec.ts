// Every 16-bit variant, forced through the variant picker on the CPU: float16 KV caches, logits and embeddings (as the real
// q4f16/fp16 graphs have them, see e2e/fixtures/replicas/) reach the app, and the oracle's answers come out exact over
// several turns, so the KV cache's reuse and its cutting run on float16 tensors.

import catalog from '../src/models/catalog.json' with { type: 'json' };
import { test, expect } from './fixtures/test';
import { mediaFixturePath } from './fixtures/media/index';
import { expectedReply, oracleAnswer, type Family } from './fixtures/oracle';
import { omniAudioAnswer, omniImageAnswer } from './fixtures/omni/oracle';
import { smolVlmImageAnswer } from './fixtures/smolvlm/oracle';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import type { ChatPage } from './pages/chat-page';

type Variant = 'q4f16' | 'fp16';

/** The catalog's files of one variant: what the app must have asked the Hub for. */
function filesOf(repo: string, dtype: Variant): string[] {
  const model = catalog.models.find((m) => m.repo === repo);
  const variant = (model?.dtypes as unknown as Record<string, { files: { path: string }[] }> | undefined)?.[dtype];
  if (!variant) throw new Error(`${repo} has no ${dtype} in the catalog`);
  return variant.files.map((f) => f.path);
}

async function loadVariant(chat: ChatPage, name: string, dtype: Variant): Promise<void> {
  await chat.pickModel(name);
  await chat.openVariants();
  await chat.variant(dtype).check();
  await chat.loadButton.click();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText(`${dtype} on CPU (WASM)`);
}

async function answer(chat: ChatPage): Promise<string> {
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'done');
  return ((await chat.lastAnswer().getByTestId('answer').textContent()) ?? '').trim();
}

const reusedTokens = async (chat: ChatPage) => Number(await chat.lastAnswer().getByTestId('answer-meta').getAttribute('data-reused-tokens'));

const TEXT_CASES: { family: Family; name: string; repo: string; dtype: Variant }[] = [
  { family: 'qwen3', name: MODEL_NAMES.qwen3, repo: REPOS.qwen3, dtype: 'q4f16' },
  { family: 'llama3', name: MODEL_NAMES.llama3, repo: REPOS.llama3, dtype: 'q4f16' },
  { family: 'llama3', name: MODEL_NAMES.llama3, repo: REPOS.llama3, dtype: 'fp16' },
];

for (const { family, name, repo, dtype } of TEXT_CASES) {
  // @cpu: every variant runs on the CPU; SwiftShader's WebGPU has no shader-f16, so the picker rightly refuses these there.
  test(`${name} ${dtype}: exact answers over turns, a reused float16 cache, and a regenerate that cuts it`, { tag: '@cpu' }, async ({ chat, hub }) => {
    test.setTimeout(240_000);
    await chat.open();
    await loadVariant(chat, name, dtype);
    if (family === 'qwen3') await chat.page.getByLabel('Think first').uncheck();
    const asked = hub.requestsFor(repo).filter((r) => r.file.startsWith('onnx/')).map((r) => r.file);
    // The 16-bit graph, and its external data where the real repo has some (Llama fp16).
    for (const file of filesOf(repo, dtype)) expect(asked, `${file} was downloaded`).toContain(file);

    const first = 'apple banana banana';
    await chat.send(first);
    expect(await answer(chat)).toBe(expectedReply('banana'));

    // Turn 2 starts from turn 1's cache (float16 here): only a correct cache keeps the count of earlier words.
    const second = 'river river cherry river river';
    await chat.send(second);
    const expected = oracleAnswer(family, [first, expectedReply('banana'), second]);
    expect(expected.word).toBe('river');
    expect(await answer(chat)).toBe(expected.reply);
    expect(await reusedTokens(chat)).toBeGreaterThan(0);

    // A regenerate shares all but the answer's tokens with the cache, which is cut back to the shared prefix on the CPU.
    await chat.lastAnswer().getByRole('button', { name: 'Regenerate' }).click();
    expect(await answer(chat)).toBe(expected.reply);
    expect(await reusedTokens(chat)).toBeGreaterThan(0);
  });
}

// @cpu: as above.
test('Gemma 4 q4f16 from external-data files: a picture, then a clip, then text only', { tag: '@cpu' }, async ({ chat, hub }) => {
  test.setTimeout(600_000);
  await chat.open();
  await loadVariant(chat, MODEL_NAMES.omni, 'q4f16');
  await chat.attach(mediaFixturePath('red-64.png'));
  await chat.send('What colour is this?');
  expect(await answer(chat)).toBe(omniImageAnswer('red'));
  await chat.attach(mediaFixturePath('low-220hz-2s.wav'));
  await chat.send('And what do you hear?');
  expect(await answer(chat)).toBe(omniAudioAnswer('low'));
  await chat.send('Thanks!');
  expect(await answer(chat)).toBe(omniAudioAnswer('low'));
  // Every q4f16 graph and its .onnx_data came from the Hub: the answers above ran on the external-data replicas.
  const asked = hub.requestsFor(REPOS.omni).map((r) => r.file);
  for (const file of filesOf(REPOS.omni, 'q4f16')) expect(asked, `${file} was downloaded`).toContain(file);
});

// @cpu: as above.
test('SmolVLM q4f16: the re-exported decoder gets float32 embeddings and names the colour, then the next', { tag: '@cpu' }, async ({ chat, hub }) => {
  test.setTimeout(240_000);
  await chat.open();
  await loadVariant(chat, MODEL_NAMES.smolvlm, 'q4f16');
  const asked = hub.requestsFor(REPOS.smolvlm).map((r) => r.file);
  for (const file of filesOf(REPOS.smolvlm, 'q4f16')) expect(asked, `${file} was downloaded`).toContain(file);
  await chat.attach(mediaFixturePath('red-64.png'));
  await chat.send('What colour is this?');
  expect(await answer(chat)).toBe(smolVlmImageAnswer('red'));
  await chat.attach(mediaFixturePath('blue-64.png'));
  await chat.send('And these?');
  expect(await answer(chat)).toBe(smolVlmImageAnswer('blue'));
});
