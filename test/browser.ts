/**
 * Headless Chromium for the explorer's tests: where it is, whether these tests run (in CI a missing
 * Chromium fails them; elsewhere they are skipped with a message saying why), and a page opened from
 * file:// that records every console error, page error and network request it makes.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const haveChromium = existsSync(CHROMIUM);

/** Whether to skip the browser tests here: no Chromium, and not in CI. */
export function skipBrowserTests(): boolean {
  if (!haveChromium && !inCi) {
    console.warn(`explorer browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium); in CI they fail instead`);
    return true;
  }
  return false;
}

/** One Chromium for the tests of a describe block: launched before them, closed after; read it inside a test. */
export function sharedChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export async function launchChromium(): Promise<Browser> {
  if (!haveChromium) throw new Error(`CI needs Chromium at ${CHROMIUM} for the explorer tests (.ci/run installs it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenedPage {
  readonly page: Page;
  /** Console and page errors, and requests for anything but file: and data: URLs, as they happen. */
  readonly errors: string[];
  readonly loadMs: number;
}

/** Opens a report from disk and waits for its script to say it is ready; `options` (permissions, say) make it a page of its own context. */
export async function openReport(browser: Browser, path: string, options?: BrowserContextOptions): Promise<OpenedPage> {
  const viewport = { width: 1400, height: 1000 };
  const page = options === undefined ? await browser.newPage({ viewport }) : await (await browser.newContext({ viewport, ...options })).newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) errors.push(`network request: ${request.url()}`);
  });
  const started = performance.now();
  await page.goto(`file://${path}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return { page, errors, loadMs: performance.now() - started };
}

/** Moves the explorer's time slider to an instant, as a person dragging it would. */
export async function slideToMicroseconds(page: Page, timeUs: number): Promise<void> {
  // The callback runs in the page; the project's types have no DOM, so it names only what it uses.
  await page.$eval(
    '#time-slider',
    (slider, value) => {
      (slider as unknown as { value: string }).value = String(value);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    },
    timeUs,
  );
}
