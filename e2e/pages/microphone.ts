// A microphone that plays a recording, for tests whose sound must reach the app unprocessed: getUserMedia for audio
// alone answers with a stream from the page's own audio graph, the WAV looped, instead of Chromium's fake device.

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

const PATH = '/__sensa-test/microphone.wav';

/** From the next navigation on, `getUserMedia({ audio })` (no video) plays `wav`, looped, as the microphone. */
export async function microphonePlays(page: Page, wav: string): Promise<void> {
  const bytes = readFileSync(wav);
  await page.route(`**${PATH}`, (route) => route.fulfill({ body: bytes, contentType: 'audio/wav' }));
  await page.addInitScript((path: string) => {
    const devices = navigator.mediaDevices;
    const real = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      if (!constraints?.audio || constraints.video) return real(constraints);
      const context = new AudioContext();
      const recording = await context.decodeAudioData(await (await fetch(path)).arrayBuffer());
      const source = context.createBufferSource();
      source.buffer = recording;
      source.loop = true;
      const destination = context.createMediaStreamDestination();
      source.connect(destination);
      source.start();
      await context.resume();
      return destination.stream;
    };
  }, PATH);
}
