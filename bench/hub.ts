// The fake Hub for the bench: e2e's FakeHub for every small file, plus a redirect for the model weights.
//
// Playwright hands a fulfilled body to the browser inside one protocol message; a 374 MB .onnx file does not fit
// (the browser connection drops). The real Hub answers large LFS files with a 302 to its storage host, so the bench
// does the same: GETs of *.onnx / *.onnx_data get a 302 to this machine's bench server, which streams the file.
// The app's Content-Security-Policy allows the redirect target ('self'); the server answers it with
// Access-Control-Allow-Origin: *, as the Hub's storage hosts do.

import type { BrowserContext } from '@playwright/test';
import { FakeHub, HUB_ORIGIN } from '../e2e/fixtures/hub';
import { hubRoot } from './make-model';
import type { ModelName } from './presets';
import { BASE_URL, MODEL_FILES_PATH } from './serve';

const RESOLVE = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+\.onnx(?:_data)?)$/;

export class BenchHub extends FakeHub {
  constructor(private readonly model: ModelName) {
    super(hubRoot(model));
  }

  override async install(context: BrowserContext): Promise<void> {
    await super.install(context);
    // Registered after FakeHub's route, so it is asked first; anything it does not take falls back to FakeHub.
    await context.route(`${HUB_ORIGIN}/**`, async (route) => {
      const request = route.request();
      const match = RESOLVE.exec(decodeURIComponent(new URL(request.url()).pathname));
      const range = await request.headerValue('range');
      if (!match || request.method() !== 'GET' || range) {
        await route.fallback();
        return;
      }
      const [, repo = '', revision = '', file = ''] = match;
      this.requests.push({ method: request.method(), repo, revision, file, range: null });
      await route.fulfill({
        status: 302,
        headers: {
          location: `${BASE_URL}${MODEL_FILES_PATH}${this.model}/hub/${repo}/${file}`,
          'access-control-allow-origin': '*',
          'x-repo-commit': '0000000000000000000000000000000000000000',
        },
      });
    });
  }
}
