// Captions for a recording: the Whisper oracle, asked for timestamps, captions a generated clip of alternating low and
// high tones; the cues' times are within 0.5 s of the truth, the browser's own <track> loads them, and the exported
// WebVTT and SRT files parse (media-captions) with the person's edit in them. Then the loaded chat model (the Qwen3
// oracle) translates them cue by cue into a second <track>, whose cues hold the oracle's answer to each cue's text at
// the same times. Last, the Caption action of a recording attached in the composer opens the same dialog for it.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseText } from 'media-captions';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures/test';
import { wavHeader } from './fixtures/media/wav';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import { expectedReply, oracleWord } from './fixtures/oracle';
import { translationLanguage, translationTurns } from '../src/captions/translate';
import { WHISPER_SAMPLE_RATE, alternatingParts, clipSamples, expectedCues, type OracleCue } from './fixtures/whisper/oracle';

/** 16-bit mono WAV of the samples. */
function wav(samples: Float32Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2));
  return Buffer.concat([wavHeader({ sampleRate: WHISPER_SAMPLE_RATE, channels: 1, dataBytes: data.length }), data]);
}

/**
 * The same clip as a 44.1 kHz stereo WAV (each output sample the nearest 16 kHz one: the tones stay tones, and a
 * 2 kHz tone's steps are far above what the oracle listens to), so the media worker must mix and resample it.
 */
function wav44kStereo(samples: Float32Array): Buffer {
  const rate = 44_100;
  const frames = Math.floor((samples.length * rate) / WHISPER_SAMPLE_RATE);
  const data = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(Math.max(-1, Math.min(1, samples[Math.min(samples.length - 1, Math.round((i * WHISPER_SAMPLE_RATE) / rate))] ?? 0)) * 32767);
    data.writeInt16LE(v, i * 4);
    data.writeInt16LE(v, i * 4 + 2);
  }
  return Buffer.concat([wavHeader({ sampleRate: rate, channels: 2, dataBytes: data.length }), data]);
}

function expectClose(got: OracleCue[], want: OracleCue[]): void {
  expect(got.map((c) => c.text)).toEqual(want.map((c) => c.text));
  got.forEach((c, i) => {
    expect(Math.abs(c.start - (want[i]?.start ?? NaN)), `cue ${i} start`).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.end - (want[i]?.end ?? NaN)), `cue ${i} end`).toBeLessThanOrEqual(0.5);
  });
}

// @once, run on WASM only (playwright.config.ts): the recognizer's timestamps and the page's <track> do not depend on
// the device; the oracle's words on WebGPU are proven by the multimodal specs.
test('caption a recording: timed cues on the <track>, search, edit, export WebVTT and SRT, translate into a second track', { tag: '@once' }, async ({ chat, hub }, testInfo) => {
  // Six 2 s tones, low then high, with 0.5 s of silence between: 14.5 s.
  const parts = alternatingParts(6, 2, 0.5);
  const want = expectedCues(parts);
  const clip = testInfo.outputPath('tones.wav');
  writeFileSync(clip, wav(clipSamples(parts)));
  const clip44k = testInfo.outputPath('tones-44k.wav');
  writeFileSync(clip44k, wav44kStereo(clipSamples(parts)));
  // The media worker's chunks, requested by the worker (Playwright reports a dedicated worker's requests on its page).
  const requested: string[] = [];
  chat.page.on('request', (request) => requested.push(new URL(request.url()).pathname));

  // The recognizer's download and first WASM sessions dominate (about 1 min here on a shared 2-core machine).
  test.setTimeout(240_000);
  await chat.open();
  // The chat model that will translate; loaded first, since the captions dialog is modal.
  await chat.loadModel(MODEL_NAMES.qwen3);
  const started = Date.now();
  const chooser = chat.page.waitForEvent('filechooser');
  await chat.page.getByRole('button', { name: 'Caption' }).click();
  await (await chooser).setFiles(clip);
  const dialog = chat.page.getByRole('dialog', { name: 'Captions: tones.wav' });
  // The captioning status comes first; the translation section has its own.
  const status = dialog.getByRole('status').first();
  await expect(status).toContainText('Done: 6 captions', { timeout: 180_000 });
  console.log(`[${testInfo.project.name}] captioned 14.5 s in ${Date.now() - started} ms (recognizer download included); ${await status.textContent()}`);
  expect(hub.requestsFor(REPOS.whisper).length).toBeGreaterThan(0);

  // The browser parsed the page's WebVTT into its own cues.
  const player = dialog.locator('video');
  const trackCues = (index = 0) =>
    player.evaluate(async (video: HTMLVideoElement, i) => {
      const track = video.querySelectorAll('track')[i];
      if (track && track.readyState !== 2) await new Promise((resolve) => track.addEventListener('load', resolve, { once: true }));
      return Array.from(video.textTracks[i]?.cues ?? [], (c) => ({ start: c.startTime, end: c.endTime, text: (c as VTTCue).text }));
    }, index);
  expectClose(await trackCues(), want);
  expect(await player.evaluate((video: HTMLVideoElement) => video.textTracks[0]?.mode)).toBe('showing');

  // Search, then edit the second banana.
  await dialog.getByRole('searchbox', { name: 'Search captions' }).fill('banana');
  const shown = dialog.getByRole('list', { name: 'Captions' }).getByRole('textbox');
  await expect(shown).toHaveCount(3);
  await shown.nth(1).fill('a ripe banana');
  await dialog.getByRole('searchbox', { name: 'Search captions' }).fill('');
  await expect(dialog.getByRole('list', { name: 'Captions' }).getByRole('textbox')).toHaveCount(6);
  const edited = want.map((c, i) => (i === 3 ? { ...c, text: 'a ripe banana' } : c));
  await expect.poll(async () => (await trackCues()).map((c) => c.text)).toEqual(edited.map((c) => c.text));

  // Exports parse, strict, with the edit.
  for (const [button, type] of [['Download WebVTT', 'vtt'], ['Download SRT', 'srt']] as const) {
    const download = chat.page.waitForEvent('download');
    await dialog.getByRole('button', { name: button }).click();
    const file = await (await download).path();
    const parsed = await parseText(readFileSync(file, 'utf8'), { strict: true, type });
    expect(parsed.errors).toEqual([]);
    expect((await download).suggestedFilename()).toBe(`tones.${type}`);
    expectClose(parsed.cues.map((c) => ({ start: c.startTime, end: c.endTime, text: c.text })), edited);
  }

  // Translate: one request per cue, each holding only that cue's text, so the oracle names each cue's own word.
  const spanish = translationLanguage('es')!;
  const translateStarted = Date.now();
  await dialog.getByRole('combobox', { name: 'Translate into' }).selectOption('Spanish');
  await dialog.getByRole('button', { name: 'Translate captions' }).click();
  const translationStatus = dialog.getByRole('region', { name: 'Translate' }).getByRole('status');
  await expect(translationStatus).toHaveText(`Spanish captions written by ${MODEL_NAMES.qwen3}: 6.`, { timeout: 120_000 });
  console.log(`[${testInfo.project.name}] translated 6 cues in ${Date.now() - translateStarted} ms`);
  const translated = edited.map((c) => ({ ...c, text: expectedReply(oracleWord(translationTurns(spanish, c.text).map((t) => t.content))) }));
  expect(new Set(translated.map((c) => c.text)).size).toBe(2);
  const original = await trackCues(0);
  const second = await trackCues(1);
  expect(second.map((c) => c.text)).toEqual(translated.map((c) => c.text));
  expect(second.map((c) => [c.start, c.end])).toEqual(original.map((c) => [c.start, c.end]));
  expect(await player.evaluate((video: HTMLVideoElement) => [video.textTracks[1]?.kind, video.textTracks[1]?.language])).toEqual(['subtitles', 'es']);
  await dialog.getByRole('checkbox', { name: 'Show the Spanish captions on the video' }).check();
  await expect.poll(() => player.evaluate((video: HTMLVideoElement) => [video.textTracks[0]?.mode, video.textTracks[1]?.mode])).toEqual(['hidden', 'showing']);
  await expect(dialog.getByRole('textbox', { name: 'Spanish caption at 0:00' })).toHaveValue(translated[0]!.text);
  for (const [button, type] of [['Download Spanish WebVTT', 'vtt'], ['Download Spanish SRT', 'srt']] as const) {
    const download = chat.page.waitForEvent('download');
    await dialog.getByRole('button', { name: button }).click();
    const parsed = await parseText(readFileSync(await (await download).path(), 'utf8'), { strict: true, type });
    expect(parsed.errors).toEqual([]);
    expect((await download).suggestedFilename()).toBe(`tones.es.${type}`);
    expectClose(parsed.cues.map((c) => ({ start: c.startTime, end: c.endTime, text: c.text })), translated);
  }
  await chat.page.screenshot({ path: testInfo.outputPath('captions.png') });
  // At phone width the translation's controls stay reachable in the dialog.
  await chat.page.setViewportSize({ width: 390, height: 844 });
  await dialog.getByRole('button', { name: 'Download Spanish SRT' }).scrollIntoViewIfNeeded();
  await expect(dialog.getByRole('button', { name: 'Download Spanish SRT' })).toBeInViewport();
  await dialog.getByRole('textbox', { name: 'Spanish caption at 0:00' }).scrollIntoViewIfNeeded();
  await chat.page.screenshot({ path: testInfo.outputPath('captions-phone.png') });
  // The dialog with both tracks, the translation's controls and the translated lines: nothing serious for axe.
  const serious = (await new AxeBuilder({ page: chat.page }).include('dialog.captions-dialog').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A recording already attached in the composer has its own Caption action: the same dialog, for that file (the
  // recognizer is loaded now, so this is seconds). At phone width, the chip's action stays on screen.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  // This time the clip is 44.1 kHz stereo: the media worker (mediabunny, WebCodecs where needed) decodes it, mixes it
  // to mono and resamples it with libsamplerate, whose chunk only that path loads; the cue times still hold.
  await chat.attach(clip44k);
  const caption = chat.draftAttachment('tones-44k.wav').getByRole('button', { name: 'Caption tones-44k.wav' });
  await expect(caption).toBeInViewport();
  await chat.page.screenshot({ path: testInfo.outputPath('caption-chip-phone.png') });
  await caption.click();
  const dialog44k = chat.page.getByRole('dialog', { name: 'Captions: tones-44k.wav' });
  await expect(dialog44k.getByRole('status').first()).toContainText('Done: 6 captions', { timeout: 60_000 });
  const cues44k = await dialog44k.locator('video').evaluate(async (video: HTMLVideoElement) => {
    const track = video.querySelector('track');
    if (track && track.readyState !== 2) await new Promise((resolve) => track.addEventListener('load', resolve, { once: true }));
    return Array.from(video.textTracks[0]?.cues ?? [], (c) => ({ start: c.startTime, end: c.endTime, text: (c as VTTCue).text }));
  });
  expectClose(cues44k, want);
  // The worker's own resource timing names the chunk even when the service worker answered the request (then the
  // page's request event may not fire).
  const mediaWorker = chat.page.workers().find((w) => /media-worker/.test(w.url()));
  const fetchedByWorker = (await mediaWorker?.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))) ?? [];
  expect([...requested, ...fetchedByWorker].filter((url) => /\/libsamplerate-[\w-]+\.js$/.test(url)).length).toBeGreaterThan(0);
  await expect(chat.draftAttachment('tones-44k.wav')).toBeAttached();
});
