// Gemma 4 loads only what text needs; each encoder is fetched with the first turn that sends what it reads, proven by the URLs the fake Hub saw.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures/test';
import { FIXTURE_ROOT, type FakeHub } from './fixtures/hub';
import { mediaFixturePath } from './fixtures/media/index';
import { omniAudioAnswer, omniImageAnswer, omniTextAnswer } from './fixtures/omni/oracle';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import type { ChatPage } from './pages/chat-page';


const REPO = REPOS.omni;

/** Every file of the repo the app asked for, and how many full (not Range-probe) GETs a graph's files got. */
function requested(hub: FakeHub): { files: string[]; fullGets: (stem: string) => number } {
  const requests = hub.requestsFor(REPO);
  return {
    files: requests.map((r) => r.file),
    // Per file of that graph (the .onnx and its .onnx_data chunks): how often the most-fetched one came in full.
    fullGets: (stem) => {
      const counts = new Map<string, number>();
      for (const r of requests) if (r.file.startsWith(`onnx/${stem}`) && r.range === null) counts.set(r.file, (counts.get(r.file) ?? 0) + 1);
      return Math.max(0, ...counts.values());
    },
  };
}

/** This machine's CPUs are shared; a cold load of the 262k-token tokenizer and the first answers can take minutes here. */
const SLOW = { timeout: 240_000 };

async function load(chat: ChatPage): Promise<void> {
  await chat.pickModel(MODEL_NAMES.omni);
  await chat.loadButton.click();
  await expect(chat.modelStatus).toContainText('ready', SLOW);
}

async function waitAnswer(chat: ChatPage): Promise<void> {
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', /done|stopped|error/, SLOW);
}

async function answerText(chat: ChatPage): Promise<string> {
  await waitAnswer(chat);
  return ((await chat.lastAnswer().getByTestId('answer').textContent()) ?? '').trim();
}

// @cpu: which files load does not depend on the device; WASM is the cheaper run.
test('a text chat loads only the text parts; a picture, then a clip, each fetch their encoder once; text goes on', { tag: '@cpu' }, async ({ chat, hub }) => {
  test.setTimeout(900_000);
  await chat.open();
  await load(chat);
  const afterLoad = requested(hub);
  expect(afterLoad.files.some((f) => f.startsWith('onnx/embed_tokens'))).toBe(true);
  expect(afterLoad.files.some((f) => f.startsWith('onnx/decoder_model_merged'))).toBe(true);
  // Not even a Range probe: no request of any kind named an encoder.
  expect(afterLoad.files.filter((f) => /encoder/.test(f))).toEqual([]);

  await chat.send('Hello there');
  expect(await answerText(chat)).toBe(omniTextAnswer);
  expect(requested(hub).files.filter((f) => /encoder/.test(f))).toEqual([]);

  // Said before sending; the catalog has no size for the encoder yet.
  await chat.attach(mediaFixturePath('red-64.png'));
  await expect(chat.page.getByTestId('parts-notice')).toHaveText(
    `${MODEL_NAMES.omni} reads pictures with a separate part (size unknown), downloaded the first time you send a picture.`,
  );
  await chat.send('What colour is this?');
  expect(await answerText(chat)).toBe(omniImageAnswer('red'));
  const afterPicture = requested(hub);
  expect(afterPicture.fullGets('vision_encoder')).toBe(1);
  expect(afterPicture.files.filter((f) => f.startsWith('onnx/audio_encoder'))).toEqual([]);
  // The text parts were not fetched again (nor read again: the encoder joined the loaded model).
  expect(afterPicture.fullGets('embed_tokens')).toBe(afterLoad.fullGets('embed_tokens'));
  expect(afterPicture.fullGets('decoder_model_merged')).toBe(afterLoad.fullGets('decoder_model_merged'));

  await chat.attach(mediaFixturePath('low-220hz-2s.wav'));
  await expect(chat.page.getByTestId('parts-notice')).toContainText('hears sound with a separate part (size unknown)');
  await chat.send('And what do you hear?');
  expect(await answerText(chat)).toBe(omniAudioAnswer('low'));
  const afterClip = requested(hub);
  expect(afterClip.fullGets('audio_encoder')).toBe(1);
  expect(afterClip.fullGets('vision_encoder')).toBe(1);

  // Text again, in a conversation that holds a picture and a clip: both encoders are in place, nothing is fetched.
  await chat.send('Thanks!');
  expect(await answerText(chat)).toBe(omniAudioAnswer('low'));
  expect(requested(hub).files).toHaveLength(afterClip.files.length);
});

// @cpu: which files load does not depend on the device; WASM is the cheaper run.
test('an encoder download cut off, then offline: a clear message, the text chat goes on, the picture is kept and Retry answers', { tag: '@cpu' }, async ({ chat, hub, context }) => {
  test.setTimeout(900_000);
  await chat.open();
  await load(chat);
  // Every dtype name of the vision encoder dies mid-transfer.
  const visionFiles = readdirSync(path.join(FIXTURE_ROOT, REPO, 'onnx')).filter((f) => f.startsWith('vision_encoder'));
  for (const file of visionFiles) hub.setFault(REPO, `onnx/${file}`, 'abort');

  await chat.attach(mediaFixturePath('red-64.png'));
  await chat.send('What colour is this?');
  await waitAnswer(chat);
  const failure = chat.lastAnswer().getByRole('alert');
  await expect(failure).toContainText(`${MODEL_NAMES.omni} could not download the picture part (size unknown)`);
  await expect(failure).toContainText('Your message is kept');
  await expect(chat.conversation.getByRole('img', { name: 'Picture: red-64.png' })).toBeVisible();
  await expect(chat.modelStatus).toContainText('ready');

  // Offline, the retry says a download is needed, rather than crashing.
  await context.setOffline(true);
  await failure.getByRole('button', { name: 'Retry' }).click();
  await waitAnswer(chat);
  await expect(chat.lastAnswer().getByRole('alert')).toContainText('needs a download of the picture part (size unknown) to read this message, and this device is offline');

  // A chat without pictures still runs on the loaded text parts.
  await chat.page.getByRole('button', { name: /New chat/ }).click();
  await chat.send('Hello');
  expect(await answerText(chat)).toBe(omniTextAnswer);

  // Back online, back in the picture chat: Retry fetches the encoder and the answer names the colour.
  await context.setOffline(false);
  for (const file of visionFiles) hub.setFault(REPO, `onnx/${file}`, null);
  await chat.page.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: 'What colour is this?', exact: true }).click();
  await chat.lastAnswer().getByRole('button', { name: 'Retry' }).click();
  expect(await answerText(chat)).toBe(omniImageAnswer('red'));
});
