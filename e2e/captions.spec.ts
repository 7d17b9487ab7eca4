// Captions for a recording: the Whisper oracle, asked for timestamps, captions a generated clip of alternating low and
// high tones; the cues' times are within 0.5 s of the truth, the browser's own <track> loads them, and the exported
// WebVTT and SRT files parse (media-captions) with the person's edit in them.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseText } from 'media-captions';
import { test, expect } from './fixtures/test';
import { wavHeader } from './fixtures/media/wav';
import { REPOS } from './fixtures/repos';
import { WHISPER_SAMPLE_RATE, alternatingParts, clipSamples, expectedCues, type OracleCue } from './fixtures/whisper/oracle';

/** 16-bit mono WAV of the samples. */
function wav(samples: Float32Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2));
  return Buffer.concat([wavHeader({ sampleRate: WHISPER_SAMPLE_RATE, channels: 1, dataBytes: data.length }), data]);
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
test('caption a recording: timed cues on the <track>, search, edit, export WebVTT and SRT', { tag: '@once' }, async ({ chat, hub }, testInfo) => {
  // Six 2 s tones, low then high, with 0.5 s of silence between: 14.5 s.
  const parts = alternatingParts(6, 2, 0.5);
  const want = expectedCues(parts);
  const clip = testInfo.outputPath('tones.wav');
  writeFileSync(clip, wav(clipSamples(parts)));

  // The recognizer's download and first WASM sessions dominate (about 1 min here on a shared 2-core machine).
  test.setTimeout(240_000);
  await chat.open();
  const started = Date.now();
  const chooser = chat.page.waitForEvent('filechooser');
  await chat.page.getByRole('button', { name: 'Caption' }).click();
  await (await chooser).setFiles(clip);
  const dialog = chat.page.getByRole('dialog', { name: 'Captions: tones.wav' });
  await expect(dialog.getByRole('status')).toContainText('Done: 6 captions', { timeout: 180_000 });
  console.log(`[${testInfo.project.name}] captioned 14.5 s in ${Date.now() - started} ms (recognizer download included); ${await dialog.getByRole('status').textContent()}`);
  expect(hub.requestsFor(REPOS.whisper).length).toBeGreaterThan(0);

  // The browser parsed the page's WebVTT into its own cues.
  const player = dialog.locator('video');
  const trackCues = () =>
    player.evaluate(async (video: HTMLVideoElement) => {
      const track = video.querySelector('track');
      if (track && track.readyState !== 2) await new Promise((resolve) => track.addEventListener('load', resolve, { once: true }));
      return Array.from(video.textTracks[0]?.cues ?? [], (c) => ({ start: c.startTime, end: c.endTime, text: (c as VTTCue).text }));
    });
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
  await chat.page.screenshot({ path: testInfo.outputPath('captions.png') });
});
