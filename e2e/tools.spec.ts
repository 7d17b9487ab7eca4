// Tool calling end to end on the Qwen3 oracle (real tokenizer and chat template): "compute 12 times 34" makes the model
// call run_python, the person is asked, the code runs in the sandbox (Pyodide), and the answer copies what the tool
// printed; Deny takes the refusal path. The oracle's rules are in e2e/fixtures/oracle.ts (tool calling): it calls only
// when the template's tools block is in the prompt, the person wrote "compute", and no tool result has come back yet;
// after a result that starts with digits it answers "The result is <those digits>.", read from the result by attention.

import { test, expect } from './fixtures/test';
import { MODEL_NAMES } from './fixtures/repos';
import { ORACLE_TOOL_CALL, ORACLE_TOOL_RESULT, expectedReply, oracleToolAnswer, oracleWord } from './fixtures/oracle';

const QUESTION = 'compute 12 times 34';

// On WebGPU and WASM: the model's tokens (the call, then the copied digits) come from the device's graph run.
test('the model calls run_python: asked first, Allow runs it, and the answer copies the result', async ({ page, chat }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.qwen3);
  // Thinking off: fewer tokens per step on a shared CPU; the call is read the same either way (unit-tested on both).
  await page.getByLabel('Think first').uncheck();

  await chat.send(QUESTION);
  const fold = chat.lastAnswer().getByTestId('tool-call');
  await expect(fold).toHaveAttribute('data-status', 'asking', { timeout: 120_000 });
  await expect(fold).toContainText('run_python');
  await expect(fold.getByTestId('tool-arguments')).toContainText(ORACLE_TOOL_CALL.arguments.code);
  const started = Date.now();
  await fold.getByRole('button', { name: 'Allow once' }).click();
  await chat.waitAnswerDone();
  console.log(`[tools] run_python from Allow to the answer (Pyodide cold): ${Date.now() - started} ms`);
  await expect(fold).toHaveAttribute('data-status', 'ran');
  await expect(fold.getByTestId('tool-result')).toHaveText(ORACLE_TOOL_RESULT.trim());
  await expect(fold.locator('summary')).toContainText(/done · \d/);
  // The question and the call spell 12, 34 and 12*34; 408 exists only in what Python printed.
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText('The result is 408.');
  expect(oracleToolAnswer(ORACLE_TOOL_RESULT)).toBe('The result is 408.');
});

// @once: the refusal and the kept folds are page logic, the same whatever device runs the model.
test('Deny returns a refusal and the model answers without the result; the fold is kept after a reload', { tag: '@once' }, async ({ page, chat }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.qwen3);
  await page.getByLabel('Think first').uncheck();
  await chat.send(QUESTION);
  const denied = chat.lastAnswer().getByTestId('tool-call');
  await expect(denied).toHaveAttribute('data-status', 'asking', { timeout: 120_000 });
  await denied.getByRole('button', { name: 'Deny' }).click();
  await chat.waitAnswerDone();
  await expect(denied).toHaveAttribute('data-status', 'denied');
  await expect(denied.getByTestId('tool-result')).toContainText('declined');
  // No digits came back, so the oracle takes its word answer: no content word anywhere, hence "nothing".
  expect(oracleWord([QUESTION])).toBe('nothing');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('nothing'));

  await page.reload();
  const kept = page.getByTestId('tool-call');
  await expect(kept).toHaveCount(1);
  await expect(kept).toHaveAttribute('data-status', 'denied');
  await expect(kept.getByTestId('tool-result')).toContainText('declined');
});
