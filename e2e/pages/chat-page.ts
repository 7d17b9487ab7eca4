// Page object for the chat screen, built on roles and labels a person (or screen reader) would use.

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { cachedModelUrls } from './stored-data';

/** The type a browser gives a picked file, from its extension (as Chromium does). */
const MIME_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.webm': 'video/webm',
};

type FilePayload = { name: string; mimeType: string; buffer: Buffer };

function payload(file: string | FilePayload): FilePayload {
  if (typeof file !== 'string') return file;
  return { name: basename(file), mimeType: MIME_BY_EXTENSION[extname(file)] ?? '', buffer: readFileSync(file) };
}

export class ChatPage {
  readonly modelSelect: Locator;
  readonly deviceSelect: Locator;
  /** Says which variant will load, and opens the variant list. */
  readonly variantButton: Locator;
  readonly variantPicker: Locator;
  readonly loadButton: Locator;
  readonly message: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly conversation: Locator;
  readonly modelStatus: Locator;
  readonly loadError: Locator;
  readonly downloadProgress: Locator;

  constructor(readonly page: Page) {
    const panel = page.getByRole('region', { name: 'Model' });
    this.modelSelect = panel.getByLabel('Model', { exact: true });
    this.deviceSelect = panel.getByLabel('Run on');
    this.variantButton = panel.getByRole('button', { name: /^Variant:/ });
    this.variantPicker = panel.getByRole('group', { name: 'Variant' });
    this.loadButton = panel.getByRole('button', { name: 'Load model' });
    this.modelStatus = panel.getByRole('status');
    this.loadError = panel.getByRole('alert');
    this.downloadProgress = panel.getByLabel('Download progress');
    this.message = page.getByRole('textbox', { name: 'Message' });
    this.sendButton = page.getByRole('button', { name: 'Send' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
    this.conversation = page.getByRole('log', { name: 'Conversation' });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Sensa' })).toBeVisible();
  }

  async pickModel(name: string): Promise<void> {
    await this.modelSelect.selectOption({ label: name });
  }

  async loadModel(name: string): Promise<void> {
    await this.pickModel(name);
    await this.loadButton.click();
    await this.waitReady();
  }

  /** After a model is ready the panel folds to one line; this opens it again. */
  async openModelSettings(): Promise<void> {
    await this.page.getByRole('button', { name: 'Model settings' }).click();
  }

  /** One variant in the open variant list, by its dtype ("q8") or "Auto". */
  variant(name: string): Locator {
    return this.variantPicker.getByRole('radio', { name, exact: true });
  }

  async openVariants(): Promise<void> {
    if ((await this.variantButton.getAttribute('aria-expanded')) !== 'true') await this.variantButton.click();
    await expect(this.variantPicker).toBeVisible();
  }

  async waitReady(): Promise<void> {
    await expect(this.modelStatus).toContainText('ready', { timeout: 120_000 });
  }

  answers(): Locator {
    return this.conversation.getByRole('article', { name: 'Sensa answered' });
  }

  lastAnswer(): Locator {
    return this.answers().last();
  }

  async send(text: string): Promise<void> {
    const before = await this.answers().count();
    await this.message.fill(text);
    await this.sendButton.click();
    // The answer's article can come a moment after the click (the turn is saved first); until then lastAnswer() is the
    // previous answer, already done, and a check of "the last answer" would read the wrong one. A send the app refuses
    // adds no answer: then this wait just ends.
    await this.answers().nth(before).waitFor({ state: 'attached', timeout: 5_000 }).catch(() => undefined);
  }

  /** Records every distinct text the last answer shows while it streams, to prove it arrived in steps. */
  async recordStreaming(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __answerSteps: string[] };
      w.__answerSteps = [];
      const log = document.querySelector('[role="log"]');
      if (!log) throw new Error('no conversation log');
      new MutationObserver(() => {
        const answers = log.querySelectorAll('[data-testid="answer"]');
        const text = answers[answers.length - 1]?.textContent ?? '';
        if (text && w.__answerSteps.at(-1) !== text) w.__answerSteps.push(text);
      }).observe(log, { subtree: true, childList: true, characterData: true });
    });
  }

  /** The composer's attachments, by file name. */
  draftAttachment(name: string): Locator {
    return this.page.getByRole('listitem', { name: `Attachment ${name}` });
  }

  /** Attaches files through the picker, as a person choosing files would, and waits until each is checked. */
  async attach(...files: (string | FilePayload)[]): Promise<void> {
    const payloads = files.map(payload);
    await this.page.getByLabel('Attach files').setInputFiles(payloads);
    for (const { name } of payloads) {
      await expect(this.draftAttachment(name)).not.toHaveAttribute('data-status', 'preparing', { timeout: 30_000 });
    }
  }

  async streamedSteps(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __answerSteps: string[] }).__answerSteps);
  }

  async waitAnswerDone(): Promise<void> {
    await expect(this.lastAnswer()).toHaveAttribute('data-status', /done|stopped|error/, { timeout: 120_000 });
  }

  /** Keys in the app's IndexedDB model-file store, read the way the app reads them. */
  cachedFiles(): Promise<string[]> {
    return cachedModelUrls(this.page);
  }
}
