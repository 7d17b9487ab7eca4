// The variant picker: only what this device runs is offered, the chosen variant is what downloads and answers, and the choice survives a reload.

import catalog from '../src/models/catalog.json' with { type: 'json' };
import { test, expect } from './fixtures/test';
import { expectedReply, oracleAnswer } from './fixtures/oracle';
import { MODEL_NAMES, REPOS } from './fixtures/repos';

const LLAMA = catalog.models.find((m) => m.repo === REPOS.llama3);
if (!LLAMA) throw new Error('catalog.json has no Llama model');
const LLAMA_DTYPES = Object.keys(LLAMA.dtypes);
const SHOTS = process.env.SENSA_SHOTS;
const weightsOf = (dtype: string) => (LLAMA.dtypes as unknown as Record<string, { files: { path: string }[] }>)[dtype]?.files.map((f) => f.path) ?? [];

// @cpu: the CPU runs every variant; the WebGPU run checks what a GPU without shader-f16 is offered.
test('on the CPU every variant is offered; the chosen one downloads, answers, and is still chosen after a reload', { tag: '@cpu' }, async ({ chat, hub }) => {
  await chat.open();
  await chat.pickModel(MODEL_NAMES.llama3);
  await expect(chat.variantButton).toHaveAccessibleName('Variant: Auto (q4)');
  await chat.openVariants();
  await expect(chat.variant('Auto')).toBeChecked();
  // 16-bit variants included: on the CPU they run, only slower.
  for (const dtype of LLAMA_DTYPES) await expect(chat.variant(dtype)).toBeEnabled();
  await expect(chat.variantPicker.getByRole('radio')).toHaveCount(LLAMA_DTYPES.length + 1);
  await expect(chat.variant('q8')).toHaveAccessibleDescription(/8-bit/);

  await chat.variant('q8').check();
  await expect(chat.variantButton).toHaveAccessibleName('Variant: q8');
  await expect(chat.page.getByTestId('model-facts')).toContainText('variant q8 on CPU (WASM)');
  await chat.loadButton.click();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText('q8 on CPU (WASM)');
  // Only the q8 variant's weights were asked for, its graph among them.
  const weights = hub
    .requestsFor(REPOS.llama3)
    .filter((r) => r.method === 'GET' && r.file.startsWith('onnx/'))
    .map((r) => r.file);
  const q8Files = weightsOf('q8');
  expect(weights).toContain(q8Files.find((f) => f.endsWith('.onnx')));
  for (const file of weights) expect(q8Files, `${file} belongs to the q8 variant`).toContain(file);

  // Two turns: the oracle reads the whole conversation each time.
  await chat.send('apple banana banana');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));
  await expect(chat.lastAnswer().getByTestId('answer-meta')).toContainText('q8');
  const second = 'river river cherry river river';
  await chat.send(second);
  await chat.waitAnswerDone();
  const expected = oracleAnswer('llama3', ['apple banana banana', expectedReply('banana'), second]);
  expect(expected.word).toBe('river');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expected.reply);

  // After a reload the last model comes back in the chosen variant, from this device's cache, and the picker still says so.
  const before = hub.requests.length;
  await chat.page.reload();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText('q8 on CPU (WASM)');
  await expect(chat.modelStatus).toContainText('from this device’s cache');
  expect(hub.requests.slice(before), 'Hub requests after reload').toEqual([]);
  await chat.openModelSettings();
  await expect(chat.variantButton).toHaveAccessibleName('Variant: q8');
  await chat.openVariants();
  await expect(chat.variant('q8')).toBeChecked();

  // Back to Auto: the loaded q8 is no longer what the panel would load, so it offers to load again.
  await chat.variant('Auto').check();
  await expect(chat.loadButton).toBeEnabled();
  await expect(chat.page.getByTestId('model-facts')).toContainText('variant q4 on CPU (WASM)');
});

// @webgpu: SwiftShader is the GPU without shader-f16.
test('on a GPU without shader-f16 the 16-bit variants are not offered, and a variant too big for the free space says so', { tag: '@webgpu' }, async ({ chat, page }) => {
  // A browser that says only 200 kB is free: far less than any real variant. (CDP's quota override limits writes
  // but does not change what navigator.storage.estimate() reports, which is what the panel weighs.)
  await page.addInitScript(() => {
    const estimate = StorageManager.prototype.estimate;
    StorageManager.prototype.estimate = async function (this: StorageManager) {
      const real = await estimate.call(this);
      return { ...real, quota: (real.usage ?? 0) + 200_000 };
    };
  });
  await chat.open();

  await chat.pickModel(MODEL_NAMES.llama3);
  await chat.openVariants();
  await expect(chat.variant('q4f16')).toBeDisabled();
  await expect(chat.variant('q4f16')).toHaveAccessibleDescription(/shader-f16/);
  if (LLAMA_DTYPES.includes('fp16')) await expect(chat.variant('fp16')).toBeDisabled();
  await expect(chat.variant('q4')).toBeEnabled();
  await expect(chat.variant('q4')).toHaveAccessibleDescription(/Needs .* but only .* is free/);

  // The models that come only in 16-bit variants (Phi-4 mini, Gemma 4 E4B among them) are not offered on this GPU:
  // the panel says why and what to choose, at phone width, and choosing the CPU offers them there.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const name of [MODEL_NAMES.phi3, MODEL_NAMES.omniE4B]) {
    await chat.deviceSelect.selectOption({ label: 'Auto' });
    await chat.pickModel(name);
    const why = page.getByTestId('model-unavailable');
    await expect(why).toHaveText(/^Comes only in 16-bit variants, which need 16-bit float shaders \(shader-f16\), and .+ lacks them\. Choose CPU \(WASM\) under Run on to run it on the CPU, slowly\.$/);
    await expect(chat.loadButton).toBeDisabled();
    await expect(why).toBeInViewport();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name.replaceAll(' ', '-')}-swiftshader-phone.png` });
    await chat.deviceSelect.selectOption({ label: 'CPU (WASM)' });
    await expect(page.getByTestId('model-facts')).toContainText('variant q4f16 on CPU (WASM)');
    await expect(page.getByRole('region', { name: 'Model' })).toContainText('Only a 16-bit variant exists, which the CPU runs slowly.');
    await expect(chat.loadButton).toBeEnabled();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name.replaceAll(' ', '-')}-cpu-phone.png` });
  }
});
