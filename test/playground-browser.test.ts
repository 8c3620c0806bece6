/**
 * The playground in headless Chromium: the page written by `raftsim playground` opened from file://,
 * played and broken by clicks as a student would, with any console or page error failing the test.
 * A crashed leader is replaced; with the double-vote bug switched on the run stops at the violation;
 * the page's address opened again gives the same trace hash, and so does `raftsim run --from-link`
 * in Node. Screenshots, at a desktop and a narrow width, go to a temporary folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openReport, skipBrowserTests } from './browser.js';
import { raftsim } from './cli-process.js';

describe.skipIf(skipBrowserTests())('the playground in headless Chromium', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'raftsim-playground-'));
  const pagePath = join(workspace, 'playground.html');
  let browser: Browser;

  beforeAll(async () => {
    const written = raftsim(['playground', '--out', pagePath]);
    expect(written.status, written.stderr).toBe(0);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function text(page: Page, selector: string): Promise<string> {
    return (await page.textContent(selector)) ?? '';
  }

  /** Plays at 5× for some virtual time (or until the run stops), then pauses. */
  async function playFor(page: Page, microseconds: number): Promise<void> {
    const until = Number(await page.getAttribute('body', 'data-reached-us')) + microseconds;
    await page.selectOption('#speed', '5');
    await page.click('#play');
    // The callback runs in the page; the project's types have no DOM, so it names only what it reads.
    await page.waitForFunction(
      (end) => {
        const data = (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body.dataset;
        return Number(data.reachedUs) >= end || data.over === 'true';
      },
      until,
      { timeout: 30_000 },
    );
    await page.click('#pause');
  }

  /** The nodes whose row in the node table says they lead. */
  async function leaders(page: Page): Promise<string[]> {
    return page.$$eval('#node-rows tr', (rows) => rows.filter((row) => /leader/.test(row.querySelector('td.role')?.textContent ?? '')).map((row) => row.querySelector('td')?.textContent ?? ''));
  }

  async function screenshots(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(workspace, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.screenshot({ path: join(workspace, `${name}-narrow.png`), fullPage: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
  }

  it('a crashed leader is replaced, and the link reproduces the run in the page and on the command line', async () => {
    const { page, errors } = await openReport(browser, pagePath);
    await playFor(page, 1_000_000);
    const [leader] = await leaders(page);
    expect(leader).toMatch(/^n\d$/);
    await page.selectOption('#action-node', leader!.slice(1));
    await page.click('[data-action="crash"]');
    expect(await text(page, '#action-list')).toContain(`crash nodes ${leader!.slice(1)}`);
    await playFor(page, 2_000_000);
    const after = await leaders(page);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(leader);
    expect(await page.$$eval('#node-rows tr.status-crashed td:first-child', (cells) => cells.map((cell) => cell.textContent))).toEqual([leader]);
    await screenshots(page, 'leader-crash');

    const address = page.url();
    const hash = await text(page, '#trace-hash');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(await page.inputValue('#link')).toBe(address);
    expect(errors).toEqual([]);
    await page.close();

    const again = await openReport(browser, `${pagePath}#${address.split('#')[1]}`);
    expect(await text(again.page, '#trace-hash')).toBe(hash);
    expect(await leaders(again.page)).toEqual(after);
    expect(again.errors).toEqual([]);
    await again.page.close();

    const command = raftsim(['run', '--from-link', address, '--json']);
    expect(command.status, command.stderr).toBe(0);
    expect(JSON.parse(command.stdout).traceHash).toBe(hash);
  });

  it('with the double-vote bug switched on, the run stops at the violation and points at it', async () => {
    const { page, errors } = await openReport(browser, pagePath);
    await page.fill('#seed', '11');
    await page.dispatchEvent('#seed', 'change');
    await page.selectOption('#bug', 'double-vote');
    await playFor(page, 5_000_000);
    expect(await page.getAttribute('body', 'data-over')).toBe('true');
    expect(await page.isVisible('#violations')).toBe(true);
    expect(await text(page, '#violation-list')).toMatch(/election-safety.*both became leader of term 1/);
    expect(await text(page, '#cursor-event')).toMatch(/VIOLATION election-safety/);
    expect(await leaders(page)).toHaveLength(2);
    expect(await text(page, '#outcome')).toBe('a check failed');
    await screenshots(page, 'double-vote');
    const command = raftsim(['run', '--from-link', page.url(), '--json']);
    expect(command.status).toBe(1);
    expect(JSON.parse(command.stdout).traceHash).toBe(await text(page, '#trace-hash'));
    expect(errors).toEqual([]);
    await page.close();
  });
});
