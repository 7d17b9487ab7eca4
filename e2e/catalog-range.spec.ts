// Each architecture the catalog range added (Gemma 3 text, LFM2 with its convolution cache, Phi-4 mini's phi3), picked
// and loaded as a person would, on the CPU: the exact answer streams in, and a second turn still counts the first.

import catalog from '../src/models/catalog.json' with { type: 'json' };
import { test, expect } from './fixtures/test';
import { expectedReply, loopReplyPrefix, oracleAnswer, type Family } from './fixtures/oracle';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import type { ChatPage } from './pages/chat-page';

/** The catalog's files of a repo's variant (q4 unless said): what Auto picks and the app must have fetched. */
function q4Files(repo: string, dtype = 'q4'): string[] {
  const model = catalog.models.find((m) => m.repo === repo);
  return (model?.dtypes as unknown as Record<string, { files: { path: string }[] } | undefined> | undefined)?.[dtype]?.files.map((f) => f.path) ?? [];
}

/**
 * Turn 1's exact answer streams in more than one step; turn 2 is read from turn 1's KV cache and still counts turn 1's
 * words, which only a correct cache can do.
 */
async function twoTurns(chat: ChatPage, family: Family): Promise<void> {
  await chat.recordStreaming();
  const first = 'banana apple banana';
  await chat.send(first);
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));
  const steps = await chat.streamedSteps();
  expect(steps.length, `streamed steps: ${JSON.stringify(steps)}`).toBeGreaterThan(1);
  for (const step of steps) expect(expectedReply('banana').startsWith(step)).toBe(true);

  const second = 'river river river river';
  await chat.send(second);
  await chat.waitAnswerDone();
  const expected = oracleAnswer(family, [first, expectedReply('banana'), second]);
  expect(expected.word).toBe('river');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expected.reply);
  const reused = Number(await chat.lastAnswer().getByTestId('answer-meta').getAttribute('data-reused-tokens'));
  expect(reused, 'turn 2 read from the cache').toBeGreaterThan(0);
}

/** In a new chat, "forever" wins: its answer never ends on its own (up to the entry's token limit), so only Stop ends it. */
async function stopsALoop(chat: ChatPage): Promise<void> {
  await chat.send('say forever');
  const answer = chat.lastAnswer().getByTestId('answer');
  await expect(answer).toContainText(loopReplyPrefix(3));
  await chat.stopButton.click();
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'stopped');
  const partial = (await answer.textContent()) ?? '';
  expect(partial.startsWith(loopReplyPrefix(3))).toBe(true);
  // Absence has no signal to wait for, so this wait is the test: a running loop would add words within 500 ms.
  await chat.page.waitForTimeout(500);
  await expect(answer).toHaveText(partial);
}

// Earlier answers go back to the engine as the token ids generated (docs/kv-reuse.md), so turn 2's prompt extends the
// cache exactly: both reuse it, LFM2's conv state included, though its conv state could not be cut back if a
// re-tokenized answer had parted from the cache.
const CASES: { family: Family; name: string; repo: string }[] = [
  { family: 'gemma3', name: MODEL_NAMES.gemma3, repo: REPOS.gemma3 },
  { family: 'lfm2', name: MODEL_NAMES.lfm2, repo: REPOS.lfm2 },
];

for (const { family, name, repo } of CASES) {
  test(`${name}: picked, loaded from its repo layout, the exact answer streams, a second turn counts the first`, { tag: '@once' }, async ({ chat, hub }) => {
    test.setTimeout(180_000);
    await chat.open();
    await chat.pickModel(name);
    await expect(chat.page.getByTestId('model-facts')).toContainText('variant q4');
    await chat.loadButton.click();
    await chat.waitReady();
    await expect(chat.modelStatus).toContainText('q4 on CPU (WASM)');
    const asked = hub.requestsFor(repo).map((r) => r.file);
    for (const file of q4Files(repo)) expect(asked, `${file} was downloaded`).toContain(file);

    await twoTurns(chat, family);
  });
}

// Phi-4 mini comes only as q4f16, which SwiftShader's WebGPU cannot run (no shader-f16), so this is its browser test: on
// the CPU, where Auto takes the 16-bit variant because nothing else exists. The replica's graph has float16 inputs and
// outputs (its KV cache included) and two external-data chunks, as the real repo's. @cpu: WASM only (playwright.config.ts).
test('Phi-4 mini q4f16 on the CPU: the exact answer streams, a second turn reads the cache, Stop ends a looping answer', { tag: '@cpu' }, async ({ chat, hub }, testInfo) => {
  test.setTimeout(180_000);
  const started = Date.now();
  await chat.open();
  await chat.pickModel(MODEL_NAMES.phi3);
  await expect(chat.page.getByTestId('model-facts')).toContainText('variant q4f16');
  await chat.loadButton.click();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText('q4f16 on CPU (WASM)');
  const asked = hub.requestsFor(REPOS.phi3).map((r) => r.file);
  const files = q4Files(REPOS.phi3, 'q4f16');
  expect(files).toEqual(['onnx/model_q4f16.onnx', 'onnx/model_q4f16.onnx_data', 'onnx/model_q4f16.onnx_data_1']);
  for (const file of files) expect(asked, `${file} was downloaded`).toContain(file);

  // Turn 2 starts from turn 1's float16 cache: only a correct cache keeps the count of earlier words.
  await twoTurns(chat, 'phi3');
  await chat.page.locator('button[aria-keyshortcuts="Control+Shift+O"]').click();
  await stopsALoop(chat);
  console.log(`[${testInfo.project.name}] Phi-4 mini on the CPU: load, two turns and Stop in ${Date.now() - started} ms`);
});

// @webgpu (playwright.config.ts): the WASM run above covers the CPU; this is the same two architectures on the GPU
// (SwiftShader here, so q4 with fp32 activations), kept to one test for both because SwiftShader is slow. Each
// model: the exact answer streams in, a second turn is read from the KV cache (LFM2's conv state included) and
// still counts the first, and Stop ends a never-ending answer at once.
test('Gemma 3 and LFM2 on WebGPU: exact answer streams, a second turn reuses the cache, Stop ends a looping answer', { tag: '@webgpu' }, async ({ chat, hub }, testInfo) => {
  test.setTimeout(240_000);
  await chat.open();
  // The header's New chat button (the chat list also names an empty chat "New chat").
  const newChat = chat.page.locator('button[aria-keyshortcuts="Control+Shift+O"]');
  for (const [index, { family, name, repo }] of CASES.entries()) {
    const started = Date.now();
    // Once a model is ready the panel folds to one line: open it to pick the next.
    if (index > 0) await chat.openModelSettings();
    await chat.pickModel(name);
    await chat.loadButton.click();
    await chat.waitReady();
    await expect(chat.modelStatus).toContainText('q4 on WebGPU');
    const asked = hub.requestsFor(repo).map((r) => r.file);
    for (const file of q4Files(repo)) expect(asked, `${file} was downloaded`).toContain(file);

    await newChat.click();
    await twoTurns(chat, family);
    await newChat.click();
    await stopsALoop(chat);
    console.log(`[${testInfo.project.name}] ${name} on WebGPU: load, two turns and Stop in ${Date.now() - started} ms`);
  }
});
