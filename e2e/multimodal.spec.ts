// Pictures, sounds, video, camera and microphone reaching models that see and hear, proven by oracle models whose answers name what they got.

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { mediaFixturePath } from './fixtures/media/index';
import { omniAudioAnswer, omniImageAnswer, omniImageAudioAnswer } from './fixtures/omni/oracle';
import { expectedReply } from './fixtures/oracle';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import { smolVlmImageAnswer } from './fixtures/smolvlm/oracle';
import { languageFor, transcriptFor } from './fixtures/whisper/oracle';
import type { ChatPage } from './pages/chat-page';

async function answerText(chat: ChatPage): Promise<string> {
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'done');
  return ((await chat.lastAnswer().getByTestId('answer').textContent()) ?? '').trim();
}

/** A WebM made in the page from a canvas: `colours` in equal parts of `seconds`, so each sampled frame's colour is known. */
async function recordVideo(page: Page, colours: string[], seconds: number, toneHz?: number): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ({ colours, seconds, toneHz }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 120;
      const context = canvas.getContext('2d')!;
      const stream = canvas.captureStream(30);
      // With a tone, the clip gets a soundtrack too: an oscillator recorded alongside the picture.
      if (toneHz) {
        const audio = new AudioContext();
        const oscillator = audio.createOscillator();
        oscillator.frequency.value = toneHz;
        const sink = audio.createMediaStreamDestination();
        oscillator.connect(sink);
        oscillator.start();
        for (const track of sink.stream.getAudioTracks()) stream.addTrack(track);
      }
      const recorder = new MediaRecorder(stream, { mimeType: toneHz ? 'video/webm;codecs=vp8,opus' : 'video/webm;codecs=vp8' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const done = new Promise((resolve) => (recorder.onstop = resolve));
      const started = performance.now();
      const draw = () => {
        const t = (performance.now() - started) / 1000;
        context.fillStyle = colours[Math.min(colours.length - 1, Math.floor((t / seconds) * colours.length))]!;
        context.fillRect(0, 0, 160, 120);
      };
      draw();
      recorder.start(100);
      const timer = setInterval(draw, 20);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      clearInterval(timer);
      recorder.stop();
      await done;
      return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
    },
    { colours, seconds, toneHz },
  );
  return Buffer.from(bytes);
}

/** A real JPEG from the page's encoder, cut off part-way, as an interrupted download leaves it. */
async function truncatedJpeg(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 200;
    canvas.height = 150;
    const context = canvas.getContext('2d')!;
    for (let i = 0; i < 200; i += 10) {
      context.fillStyle = `hsl(${i}, 80%, 50%)`;
      context.fillRect(i, 0, 10, 150);
    }
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
    const all = new Uint8Array(await blob.arrayBuffer());
    return [...all.slice(0, Math.floor(all.length * 0.6))];
  });
  return Buffer.from(bytes);
}

test('a red picture, then a blue one: the small vision model names each colour', async ({ chat, hub }) => {
  await chat.open();
  await chat.pickModel(MODEL_NAMES.smolvlm);
  await expect(chat.page.getByTestId('model-inputs')).toHaveText('Takes text, images, and video.');
  await chat.loadButton.click();
  await chat.waitReady();
  // The variant's per-session files came from the (fake) Hub: the app asked for the vision encoder too.
  expect(hub.requestsFor(REPOS.smolvlm).map((r) => r.file)).toContain('onnx/vision_encoder_q4.onnx');

  await chat.attach(mediaFixturePath('red-64.png'));
  await chat.send('What colour is this?');
  expect(await answerText(chat)).toBe(smolVlmImageAnswer('red'));
  await expect(chat.conversation.getByRole('img', { name: 'Picture: red-64.png' })).toBeVisible();

  await chat.attach(mediaFixturePath('blue-64.png'));
  await chat.send('And this one?');
  expect(await answerText(chat)).toBe(smolVlmImageAnswer('blue'));
  // Both pictures stay in the conversation.
  await expect(chat.conversation.getByRole('img', { name: /^Picture: / })).toHaveCount(2);
});

test('two pictures in one turn both reach the omni model', async ({ chat }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.omni);
  // Alone, each striped picture is mostly green (or blue); together red is the largest share, so "red" needs both.
  await chat.attach(mediaFixturePath('green-red-60-40.png'));
  await chat.send('What colour is this?');
  expect(await answerText(chat)).toBe(omniImageAnswer('green'));
  await chat.attach(mediaFixturePath('green-red-60-40.png'), mediaFixturePath('blue-red-60-40.png'));
  await chat.send('And these two together?');
  expect(await answerText(chat)).toBe(omniImageAnswer('red'));
});

test('audio clips reach the omni model: a low tone, then a high one', async ({ chat }) => {
  await chat.open();
  await chat.pickModel(MODEL_NAMES.omni);
  await expect(chat.page.getByTestId('model-inputs')).toHaveText('Takes text, images, audio, and video.');
  await chat.loadButton.click();
  await chat.waitReady();
  await chat.attach(mediaFixturePath('low-220hz-2s.wav'));
  await expect(chat.draftAttachment('low-220hz-2s.wav').getByRole('img', { name: /Audio: low-220hz-2s\.wav, 2 s/ })).toBeVisible();
  await chat.send('What do you hear?');
  expect(await answerText(chat)).toBe(omniAudioAnswer('low'));
  await chat.attach(mediaFixturePath('high-2000hz-48k-stereo.wav'));
  await chat.send('And now?');
  expect(await answerText(chat)).toBe(omniAudioAnswer('high'));
});

test('audio for a model that cannot hear: the offer to transcribe, then the text model reads the transcript', async ({ chat, hub }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.qwen3);
  await chat.page.getByLabel('Think first').uncheck();
  await chat.attach(mediaFixturePath('low-220hz-2s.wav'));
  const problem = chat.page.getByRole('alert').filter({ hasText: 'cannot hear audio' });
  await expect(problem).toBeVisible();
  await expect(problem.getByRole('button', { name: `Switch to ${MODEL_NAMES.omni}` })).toBeVisible();
  await chat.message.fill('What did I say?');
  // Never dropped silently: nothing can be sent until the clip has a way in.
  await expect(chat.sendButton).toBeDisabled();
  await problem.getByRole('button', { name: /Transcribe on this device/ }).click();
  await expect(chat.draftAttachment('low-220hz-2s.wav').getByLabel('Transcript of low-220hz-2s.wav')).toHaveText(`“${transcriptFor('low')}”`, { timeout: 60_000 });
  expect(hub.requestsFor(REPOS.whisper).map((r) => r.file)).toContain('onnx/decoder_model_merged_q4.onnx');
  await expect(chat.sendButton).toBeEnabled();
  await chat.sendButton.click();
  expect(await answerText(chat)).toBe(expectedReply('apple'));
  await expect(chat.conversation.getByLabel('Transcript of low-220hz-2s.wav')).toHaveText(transcriptFor('low'));
});

// @once, run on WASM only, the cheaper run (playwright.config.ts): Worker scheduling does not depend on the device; one run is enough.
test('the recognizer has a worker of its own: a transcript arrives while a long answer is still being written', { tag: '@once' }, async ({ chat }, testInfo) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.qwen3);
  await chat.page.getByLabel('Think first').uncheck();
  // "forever" makes the oracle answer run on to the token limit: the chat worker stays busy.
  await chat.send('forever');
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'streaming');
  await chat.attach(mediaFixturePath('low-220hz-2s.wav'));
  const clickedAt = Date.now();
  await chat.page.getByRole('button', { name: /Transcribe on this device/ }).click();
  await expect(chat.draftAttachment('low-220hz-2s.wav').getByLabel('Transcript of low-220hz-2s.wav')).toHaveText(`“${transcriptFor('low')}”`, { timeout: 60_000 });
  // Had recognition queued behind generation in one worker, the transcript would wait for the whole answer.
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'streaming');
  console.log(`[${testInfo.project.name}] transcript while answering: ${Date.now() - clickedAt} ms from click (recognizer download included)`);
  await chat.stopButton.click();
  // The recognizer was not told the language: Whisper's language step heard English here (lang="en")...
  const english = chat.draftAttachment('low-220hz-2s.wav').getByLabel('Transcript of low-220hz-2s.wav');
  await expect(english).toHaveAttribute('lang', languageFor(false));
  // ...and Spanish in the oracle's Spanish-tagged clip (its marker tone makes <|es|> the most likely language token),
  // which is transcribed with <|es|> and shown as Spanish.
  await chat.attach(mediaFixturePath('spanish-low-220hz-2s.wav'));
  await chat.page.getByRole('button', { name: /Transcribe on this device/ }).click();
  const spanish = chat.draftAttachment('spanish-low-220hz-2s.wav');
  await expect(spanish.getByLabel('Transcript of spanish-low-220hz-2s.wav')).toHaveText(`“${transcriptFor('low')}”`, { timeout: 60_000 });
  await expect(spanish.getByLabel('Transcript of spanish-low-220hz-2s.wav')).toHaveAttribute('lang', languageFor(true));
  await expect(spanish.getByText('Spanish', { exact: true })).toBeVisible();
});

// @once, run on WASM only (playwright.config.ts): sampling frames is the page's work, the same on every device; the vision
// model on WebGPU is checked by the red-then-blue pictures.
test('a video’s sampled frames reach the vision model', { tag: '@once' }, async ({ chat }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.smolvlm);
  // Red for the first half second, then blue: the first frame alone would say red; the four sampled frames (at 1/8,
  // 3/8, 5/8 and 7/8 of the clip) are mostly blue. Red ends well before 3/8: a recording made in real time on a loaded
  // machine lags its colour changes (a third red put 3/8 red too, and the answer said red).
  const video = await recordVideo(chat.page, ['#ff0000', '#0000ff', '#0000ff', '#0000ff', '#0000ff', '#0000ff'], 3);
  await chat.attach({ name: 'clip.webm', mimeType: 'video/webm', buffer: video });
  const strip = chat.draftAttachment('clip.webm').getByRole('img', { name: /Video: clip\.webm, 4 frames/ });
  await expect(strip).toBeVisible();
  await expect(strip.locator('img')).toHaveCount(4);
  await chat.send('What colour is this clip?');
  expect(await answerText(chat)).toBe(smolVlmImageAnswer('blue'));
});

// @once, run on WASM only (playwright.config.ts): splitting a video into frames and sound is the page's work; the omni
// model on WebGPU is checked with pictures and with clips above.
test('a video’s frames and its soundtrack both reach the omni model', { tag: '@once' }, async ({ chat }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.omni);
  const video = await recordVideo(chat.page, ['#0000ff'], 3, 220);
  await chat.attach({ name: 'tone.webm', mimeType: 'video/webm', buffer: video });
  await expect(chat.draftAttachment('tone.webm')).toContainText('+ sound');
  await chat.send('What is in this clip?');
  expect(await answerText(chat)).toBe(omniImageAudioAnswer('blue', 'low'));
});

// @once, run on WASM only (playwright.config.ts): recording is the page's work; what the model then hears is checked on
// WebGPU with the audio clips above.
test('the microphone records a clip with a level meter and a timer, and the omni model hears it', { tag: '@once' }, async ({ chat }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.omni);
  await chat.page.getByRole('button', { name: /Record/ }).click();
  const recording = chat.page.getByRole('group', { name: 'Recording' });
  await expect(recording.getByLabel('Recording time')).toHaveText('0:02', { timeout: 10_000 });
  // The fake microphone plays a tone, so the meter moves.
  await expect.poll(async () => Number(await recording.getByLabel('Microphone level').getAttribute('value'))).toBeGreaterThan(0.05);
  await recording.getByRole('button', { name: 'Stop recording' }).click();
  const item = chat.page.getByRole('listitem', { name: /^Attachment Recording / });
  await expect(item).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await chat.send('What do you hear?');
  expect(await answerText(chat)).toBe(omniAudioAnswer('low'));
});

// @once, run on WASM only (playwright.config.ts): taking the photo is the page's work; the vision model on WebGPU is
// checked by the red-then-blue pictures.
test('a camera snapshot reaches the vision model', { tag: '@once' }, async ({ chat }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.smolvlm);
  await chat.page.getByRole('button', { name: /Camera/ }).click();
  const dialog = chat.page.getByRole('dialog', { name: 'Camera' });
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.getByLabel('Camera preview').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await dialog.getByRole('button', { name: 'Take photo' }).click();
  const item = chat.page.getByRole('listitem', { name: /^Attachment Photo / });
  await expect(item).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await chat.send('What colour is this?');
  expect(await answerText(chat)).toBe(smolVlmImageAnswer('green'));
});

test.describe('bad input', () => {
  // @once, run on WASM only, the cheaper run (playwright.config.ts): File checks do not depend on where the model runs; one run is enough.
  test('each bad file gets a clear message and nothing else in the turn is lost', { tag: '@once' }, async ({ chat }) => {
    await chat.open();
    await chat.loadModel(MODEL_NAMES.smolvlm);
    await chat.message.fill('Keep this text');
    await chat.attach(
      mediaFixturePath('red-64.png'),
      { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await truncatedJpeg(chat.page) },
      mediaFixturePath('not-audio.mp3'),
      mediaFixturePath('huge-30000x30000.png'),
      mediaFixturePath('two-hours.wav'),
    );
    const error = (name: string) => chat.draftAttachment(name).getByRole('alert');
    await expect(error('photo.jpg')).toContainText('incomplete JPEG');
    await expect(error('not-audio.mp3')).toContainText('named like MP3 but its contents are not');
    await expect(error('huge-30000x30000.png')).toContainText('30,000 × 30,000 pixels, too large to open safely');
    await expect(error('two-hours.wav')).toContainText('is 2 h long; audio up to 10 min is accepted');
    await expect(chat.draftAttachment('red-64.png')).toHaveAttribute('data-status', 'ready');
    await expect(chat.message).toHaveValue('Keep this text');
    await expect(chat.sendButton).toBeDisabled();
    for (const name of ['photo.jpg', 'not-audio.mp3', 'huge-30000x30000.png', 'two-hours.wav']) {
      await chat.page.getByRole('button', { name: `Remove ${name}` }).click();
    }
    await chat.sendButton.click();
    expect(await answerText(chat)).toBe(smolVlmImageAnswer('red'));
    await expect(chat.conversation.getByRole('article', { name: 'You said' })).toContainText('Keep this text');
  });

  // @once, run on WASM only, the cheaper run (playwright.config.ts): File checks do not depend on where the model runs; one run is enough.
  test('a phone photo’s EXIF orientation is applied before the model sees it', { tag: '@once' }, async ({ chat }) => {
    await chat.open();
    // A 200×100 JPEG from the page's encoder, with an EXIF block saying "rotate 90° clockwise" (orientation 6).
    const bytes = await chat.page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 200;
      canvas.height = 100;
      canvas.getContext('2d')!.fillRect(0, 0, 200, 100);
      const jpeg = new Uint8Array(await (await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg'))).arrayBuffer());
      const exif = [0xff, 0xe1, 0x00, 0x22, ...[...'Exif'].map((c) => c.charCodeAt(0)), 0, 0, 0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
      return [...jpeg.slice(0, 2), ...exif, ...jpeg.slice(2)];
    });
    await chat.attach({ name: 'phone.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(bytes) });
    await expect(chat.draftAttachment('phone.jpg')).toHaveAttribute('data-status', 'ready');
    await expect(chat.draftAttachment('phone.jpg')).toContainText('100×200');
  });

  // @once, run on WASM only, the cheaper run (playwright.config.ts): File checks do not depend on where the model runs; one run is enough.
  test('an SVG is drawn as a picture and its script never runs', { tag: '@once' }, async ({ chat }) => {
    await chat.open();
    await chat.loadModel(MODEL_NAMES.smolvlm);
    const title = await chat.page.title();
    await chat.attach(mediaFixturePath('script.svg'));
    await expect(chat.draftAttachment('script.svg')).toHaveAttribute('data-status', 'ready');
    await chat.send('What colour is this?');
    expect(await answerText(chat)).toBe(smolVlmImageAnswer('red'));
    // The script would retitle the page and call out; the outside-request guard fails the test on the latter.
    expect(await chat.page.title()).toBe(title);
  });
});

test.describe('other ways in', () => {
  // @once, run on WASM only, the cheaper run (playwright.config.ts): How a file arrives does not depend on where the model runs.
  test('a picture dropped on the chat or pasted into the message box is attached', { tag: '@once' }, async ({ chat }) => {
    await chat.open();
    await chat.loadModel(MODEL_NAMES.smolvlm);
    const png = [...readFileSync(mediaFixturePath('red-64.png'))];
    const dropped = await chat.page.evaluateHandle((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      return data;
    }, png);
    const chatArea = chat.page.locator('main.chat');
    await chatArea.dispatchEvent('dragover', { dataTransfer: dropped });
    await chatArea.dispatchEvent('drop', { dataTransfer: dropped });
    await expect(chat.draftAttachment('dropped.png')).toHaveAttribute('data-status', 'ready');

    await chat.message.focus();
    await chat.page.evaluate((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
      document.querySelector('textarea[aria-label="Message"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, png);
    await expect(chat.draftAttachment('pasted.png')).toHaveAttribute('data-status', 'ready');
    await chat.send('What colour are these?');
    expect(await answerText(chat)).toBe(smolVlmImageAnswer('red'));
    await expect(chat.conversation.getByRole('img', { name: /^Picture: / })).toHaveCount(2);
  });
});

// @once, run on WASM only (playwright.config.ts): which prompt tokens come from the cache is the engine's bookkeeping,
// the same on every device; the equality of cached and uncached answers is proven in kv-reuse-multimodal.test.ts.
test('a follow-up question about a picture reads it from the cache: no vision-encoder run', { tag: '@once' }, async ({ chat }) => {
  const meta = () => chat.lastAnswer().getByTestId('answer-meta');
  await chat.open();
  await chat.loadModel(MODEL_NAMES.omni);
  await chat.attach(mediaFixturePath('red-64.png'));
  await chat.send('What colour is this?');
  expect(await answerText(chat)).toBe(omniImageAnswer('red'));
  await expect(meta()).toHaveAttribute('data-vision-runs', '1');
  await expect(meta()).toContainText('vision encoder ×1');

  // The engine's own figures: the follow-up ran no encoder, and took everything up to its own turn from the cache.
  await chat.send('Are you sure?');
  expect(await answerText(chat)).toBe(omniImageAnswer('red'));
  await expect(meta()).toHaveAttribute('data-vision-runs', '0');
  await expect(meta()).toContainText('no encoder run');
  const prompt = Number(await meta().getAttribute('data-prompt-tokens'));
  const reused = Number(await meta().getAttribute('data-reused-tokens'));
  expect(prompt - reused).toBeLessThan(30);
  // Another picture is read again (not from the cache): kv-reuse-multimodal.test.ts, cheaper than a third turn here.
});
