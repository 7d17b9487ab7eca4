// Tool calling end to end on the Qwen3 oracle (real tokenizer and chat template): the model calls run_javascript, the
// person is asked, the code runs in the sandbox, and the answer depends on what the tool returned; Deny takes the
// refusal path. The oracle's rule is in e2e/fixtures/oracle.ts (tool calling): it calls only when the template's tools
// block is in the prompt, the person wrote "compute", and no tool result has come back yet.

import { test, expect } from './fixtures/test';
import { MODEL_NAMES } from './fixtures/repos';
import { ORACLE_TOOL_CALL, ORACLE_TOOL_RESULT, expectedReply, oracleWord } from './fixtures/oracle';

// @once: the loop, consent and folds run in the page whatever device the model uses; other specs prove the oracle's
// tokens are the same on both.
test('the model calls a tool: asked first, Allow runs it and the answer reads its result; Deny returns a refusal', { tag: '@once' }, async ({ page, chat }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.qwen3);
  // Thinking off: fewer tokens per step on a shared CPU; the call is read the same either way (unit-tested on both).
  await page.getByLabel('Think first').uncheck();

  const question = 'Please compute banana';
  await chat.send(question);
  const fold = chat.lastAnswer().getByTestId('tool-call');
  await expect(fold).toHaveAttribute('data-status', 'asking', { timeout: 120_000 });
  await expect(fold.getByTestId('tool-arguments')).toContainText(ORACLE_TOOL_CALL.arguments.code);
  await expect(fold).toContainText('run_javascript');
  await fold.getByRole('button', { name: 'Allow once' }).click();
  await chat.waitAnswerDone();
  await expect(fold).toHaveAttribute('data-status', 'ran');
  await expect(fold.getByTestId('tool-result')).toHaveText(ORACLE_TOOL_RESULT);
  await expect(fold.locator('summary')).toContainText(/done · \d/);
  // The question names banana once; the tool's result names apple three times. Apple can only win through the result.
  expect(oracleWord([question])).toBe('banana');
  expect(oracleWord([question, ORACLE_TOOL_RESULT])).toBe('apple');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('apple'));

  // A new chat asks again (Allow once kept nothing); Deny sends the refusal, nothing runs, and the model answers without it.
  await page.getByRole('button', { name: 'New chat' }).click();
  await chat.send(question);
  const denied = chat.lastAnswer().getByTestId('tool-call');
  await expect(denied).toHaveAttribute('data-status', 'asking', { timeout: 120_000 });
  await denied.getByRole('button', { name: 'Deny' }).click();
  await chat.waitAnswerDone();
  await expect(denied).toHaveAttribute('data-status', 'denied');
  await expect(denied.getByTestId('tool-result')).toContainText('declined');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));

  // The calls are kept with their answers: after a reload the open chat still shows its fold and what went to the model.
  await page.reload();
  const kept = page.getByTestId('tool-call');
  await expect(kept).toHaveCount(1);
  await expect(kept).toHaveAttribute('data-status', 'denied');
  await expect(kept.getByTestId('tool-result')).toContainText('declined');
});
