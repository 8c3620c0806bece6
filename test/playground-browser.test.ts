/**
 * The playground in headless Chromium: the page written by `raftsim playground` opened from file://,
 * played and broken by clicks as a student would, with any console or page error failing the test.
 * A crashed leader is replaced; with the double-vote bug switched on the run stops at the violation;
 * an isolated leader is replaced by another; the page's address opened again gives the same trace
 * hash, and so does `raftsim run --from-link` in Node. The time axis's labels never overlap at any
 * width; "copy link" copies the address (or selects it where there is no clipboard); and a playing
 * run updates the panels in place instead of rebuilding them. Screenshots, at a desktop and a narrow width, go to a temporary folder.
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

  /** A node's term, as its row in the node table says. */
  async function termOf(page: Page, node: string): Promise<number> {
    const terms = await page.$$eval('#node-rows tr', (rows) => rows.map((row) => [row.querySelector('td')?.textContent ?? '', row.querySelector('td.term')?.textContent ?? '']));
    return Number(terms.find(([name]) => name === node)![1]);
  }

  /** Opens the address again in a fresh page, and runs it with `run --from-link`: both give the page's trace hash. */
  async function expectLinkReproduces(page: Page, status = 0): Promise<void> {
    const address = page.url();
    const hash = await text(page, '#trace-hash');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const again = await openReport(browser, `${pagePath}#${address.split('#')[1]}`);
    expect(await text(again.page, '#trace-hash')).toBe(hash);
    expect(again.errors).toEqual([]);
    await again.page.close();
    const command = raftsim(['run', '--from-link', address, '--json']);
    expect(command.status, command.stderr).toBe(status);
    expect(JSON.parse(command.stdout).traceHash).toBe(hash);
  }

  /** The boxes of the time axis's labels shown, as the browser laid them out, and the diagram's. */
  async function axisLabelBoxes(page: Page): Promise<{ labels: { text: string; left: number; right: number; top: number; bottom: number }[]; box: { left: number; right: number } }> {
    // Two animation frames: the resize asks for a drawing at the next one.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const labels = await page.$$eval('#axis-labels span:not([hidden])', (spans) =>
      spans.map((span) => {
        const { left, right, top, bottom } = span.getBoundingClientRect();
        return { text: span.textContent ?? '', left, right, top, bottom };
      }),
    );
    const box = await page.$eval('#diagram-box', (element) => {
      const { left, right } = element.getBoundingClientRect();
      return { left, right };
    });
    return { labels, box };
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

  it('an isolated leader is replaced by one of the others, and the link reproduces the run in the page and on the command line', async () => {
    const { page, errors } = await openReport(browser, pagePath);
    await playFor(page, 1_000_000);
    const [leader] = await leaders(page);
    expect(leader).toMatch(/^n\d$/);
    const oldTerm = await termOf(page, leader!);
    await page.selectOption('#action-node', leader!.slice(1));
    await page.click('[data-action="isolate"]');
    expect(await text(page, '#action-list')).toContain(`isolate node ${leader!.slice(1)}`);
    await playFor(page, 2_000_000);
    // The isolated node may still think it leads (no CheckQuorum): the others elect one of their own in a later term.
    const others = (await leaders(page)).filter((node) => node !== leader);
    expect(others).toHaveLength(1);
    expect(await termOf(page, others[0]!)).toBeGreaterThan(oldTerm);
    expect(await text(page, '#event-list')).not.toBe('');
    await screenshots(page, 'leader-isolated');
    expect(errors).toEqual([]);
    await expectLinkReproduces(page);
    await page.close();
  });

  it('the time axis labels never overlap, at a narrow width or a wide one, zoomed in or out', async () => {
    const { page, errors } = await openReport(browser, pagePath);
    await playFor(page, 3_000_000);
    for (const width of [360, 420, 700, 1400]) {
      await page.setViewportSize({ width, height: 900 });
      for (const zoom of ['', '#zoom-out', '#zoom-out', '#zoom-fit', '#zoom-in']) {
        if (zoom !== '') await page.click(zoom);
        const { labels, box } = await axisLabelBoxes(page);
        const where = `${width} px after ${zoom || 'playing'}: ${labels.map((label) => label.text).join(' ')}`;
        expect(labels.length, where).toBeGreaterThanOrEqual(2);
        for (const [index, label] of labels.entries()) {
          expect(label.right - label.left, where).toBeGreaterThan(10);
          expect(label.left, where).toBeGreaterThanOrEqual(box.left);
          expect(label.right, where).toBeLessThanOrEqual(box.right);
          for (const other of labels.slice(index + 1)) {
            const apart = label.right <= other.left || other.right <= label.left || label.bottom <= other.top || other.bottom <= label.top;
            expect(apart, `${label.text} and ${other.text} overlap at ${where}`).toBe(true);
          }
        }
      }
      if (width === 420) await page.screenshot({ path: join(workspace, 'axis-narrow.png'), fullPage: true });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('copy link writes the page\'s address to the clipboard and says so', async () => {
    const { page, errors } = await openReport(browser, pagePath, { permissions: ['clipboard-read', 'clipboard-write'] });
    await playFor(page, 500_000);
    await page.click('#copy-link');
    await page.waitForSelector('#copy-note:has-text("link copied")');
    const copied = await page.evaluate('navigator.clipboard.readText()');
    expect(copied).toBe(page.url());
    expect(copied).toBe(await page.inputValue('#link'));
    expect(copied).toContain('#');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('without a clipboard to write to, copy link selects the link in its field and says to copy it', async () => {
    const { page, errors } = await openReport(browser, pagePath);
    await playFor(page, 500_000);
    await page.evaluate("Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })");
    await page.click('#copy-link');
    await page.waitForSelector('#copy-note:has-text("the link is selected")');
    const selected = await page.evaluate("(() => { const field = document.activeElement; return field.id === 'link' ? field.value.slice(field.selectionStart, field.selectionEnd) : 'focus on ' + field.id; })()");
    expect(selected).toBe(page.url());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('while it plays, the page updates its panels in place: few nodes are made, and the node table\'s rows stay the same elements', async () => {
    const { page, errors } = await openReport(browser, pagePath);
    await playFor(page, 1_000_000);
    await page.evaluate(`(() => {
      const watched = (window.watched = { added: 0, renders: 0, row: document.querySelector('#node-rows tr'), logRow: document.querySelector('#logs tr:nth-child(2)'), event: document.querySelector('#event-list li') });
      const runTime = document.getElementById('run-time');
      new MutationObserver((changes) => {
        for (const change of changes) {
          watched.added += change.addedNodes.length;
          if (change.type === 'characterData' && runTime.contains(change.target)) watched.renders++;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.selectOption('#speed', '1');
    const from = Number(await page.getAttribute('body', 'data-reached-us'));
    await page.click('#play');
    await page.waitForFunction((end) => Number((globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.reachedUs) >= end, from + 2_500_000, { timeout: 30_000 });
    await page.click('#pause');
    const watched = (await page.evaluate(`(() => {
      const watched = window.watched;
      return { added: watched.added, renders: watched.renders, sameRow: document.querySelector('#node-rows tr') === watched.row, sameLogRow: document.querySelector('#logs tr:nth-child(2)') === watched.logRow, sameEvent: document.querySelector('#event-list li') === watched.event };
    })()`)) as { added: number; renders: number; sameRow: boolean; sameLogRow: boolean; sameEvent: boolean };
    // Many redrawings (the run's time is rewritten at each), and yet almost nothing made: rebuilding the panels makes hundreds of nodes at each.
    expect(watched.renders).toBeGreaterThanOrEqual(8);
    expect(watched.added).toBeLessThan(40);
    expect(watched).toMatchObject({ sameRow: true, sameLogRow: true, sameEvent: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
