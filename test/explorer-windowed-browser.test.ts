/**
 * The explorer of a trace too long for one page, in headless Chromium: the page opened from file://
 * loads its windows from the folder beside it, stepping past a window's end loads the next and before
 * its start the previous, and at every record it shows the same nodes and logs as the one-page
 * explorer of the same trace. The limits are lowered so that a run of seconds needs windows.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openReport, skipBrowserTests, slideToMicroseconds } from './browser.js';
import { raftsim } from './cli-process.js';

const LOW_LIMITS = { RAFTSIM_EXPLORER_PAGE_BYTES: '100000', RAFTSIM_EXPLORER_WINDOW_BYTES: '200000' };

interface Place {
  readonly number: number;
  readonly firstRecord: number;
  readonly records: number;
  readonly fromUs: number;
  readonly toUs: number;
}

/** What the page shows at the cursor: the record, the nodes' table and the logs. */
interface AtCursor {
  readonly event: string;
  readonly nodes: string;
  readonly logs: string;
}

describe.skipIf(skipBrowserTests())('the windowed explorer in headless Chromium', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'raftsim-windowed-'));
  const trace = join(workspace, 'run.jsonl');
  const windowedPath = join(workspace, 'windowed.html');
  const singlePath = join(workspace, 'single.html');
  let browser: Browser;
  let places: readonly Place[];
  let recordTimes: readonly number[];

  beforeAll(async () => {
    expect(raftsim(['run', '--seed', '4', '--duration', '20s', '--trace', trace]).status).toBe(0);
    expect(raftsim(['report', trace, '--html', windowedPath], LOW_LIMITS).status).toBe(0);
    expect(raftsim(['report', trace, '--html', singlePath]).status).toBe(0);
    const index = /<script type="application\/json" id="explorer-index">(.*?)<\/script>/s.exec(readFileSync(windowedPath, 'utf8'))!;
    places = (JSON.parse(index[1]!) as { windows: Place[] }).windows;
    recordTimes = readFileSync(trace, 'utf8').trimEnd().split('\n').slice(1, -1).map((line) => (JSON.parse(line) as { t: number }).t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function atCursor(page: Page): Promise<AtCursor> {
    return { event: (await page.textContent('#cursor-event')) ?? '', nodes: (await page.textContent('#node-rows')) ?? '', logs: (await page.textContent('#logs')) ?? '' };
  }

  /** Clicks a control of the windowed page and waits for any window it loads. */
  async function press(page: Page, selector: string): Promise<void> {
    await page.click(selector);
    await page.waitForSelector('body[data-window]:not([data-loading])');
  }

  /** The record shown at the cursor, by its index in the run. */
  function recordOf(shown: AtCursor): number {
    const match = /^#(\d+) /.exec(shown.event);
    expect(match, shown.event).not.toBeNull();
    return Number(match![1]);
  }

  /** What the one-page explorer shows with a record of the run selected. */
  async function singlePageAt(page: Page, record: number): Promise<AtCursor> {
    await slideToMicroseconds(page, recordTimes[record]! - 1);
    const row = page.locator(`#event-list li[data-index="${record}"]`);
    expect(await row.count(), `record ${record} listed`).toBe(1);
    await row.click();
    return atCursor(page);
  }

  it('steps across window boundaries, both ways, showing what the one-page explorer shows at each record', async () => {
    const windowed = await openReport(browser, windowedPath);
    const single = await openReport(browser, singlePath);
    expect(places.length).toBeGreaterThan(5);
    expect(await windowed.page.getAttribute('body', 'data-window')).toBe('1');
    expect(await windowed.page.textContent('#summary')).toBe(await single.page.textContent('#summary'));

    for (const boundary of [1, 3]) {
      // The cursor on the window's last record, then one step on: into the next window.
      if (boundary > 1) await windowed.page.selectOption('#window-picker', String(boundary));
      await windowed.page.waitForSelector(`body[data-window="${boundary}"]:not([data-loading])`);
      await slideToMicroseconds(windowed.page, places[boundary - 1]!.toUs);
      const before = await atCursor(windowed.page);
      expect(recordOf(before)).toBeLessThan(places[boundary]!.firstRecord);
      await press(windowed.page, '#step-forward');
      expect(await windowed.page.getAttribute('body', 'data-window')).toBe(String(boundary + 1));
      const after = await atCursor(windowed.page);
      expect(recordOf(after)).toBeGreaterThanOrEqual(places[boundary]!.firstRecord);
      expect(after).toEqual(await singlePageAt(single.page, recordOf(after)));

      await press(windowed.page, '#step-back');
      expect(await windowed.page.getAttribute('body', 'data-window')).toBe(String(boundary));
      const back = await atCursor(windowed.page);
      expect(recordOf(back)).toBe(recordOf(before));
      expect(back).toEqual(await singlePageAt(single.page, recordOf(back)));
      expect(back.nodes).not.toBe('');
    }
    expect(windowed.errors).toEqual([]);
    expect(single.errors).toEqual([]);
    await windowed.page.close();
    await single.page.close();
  });

  it('keeps at most three windows however many are visited, and draws each', async () => {
    const { page, errors } = await openReport(browser, windowedPath);
    for (let number = 2; number <= places.length; number++) {
      await press(page, '#window-next');
      expect(await page.getAttribute('body', 'data-window')).toBe(String(number));
      expect(Number(await page.getAttribute('body', 'data-windows-held'))).toBeLessThanOrEqual(3);
      expect(await page.textContent('#window-note')).toContain(`window ${number} of ${places.length}: records #${places[number - 1]!.firstRecord}`);
    }
    await page.click('#zoom-fit');
    expect(await page.textContent('#diagram-note')).toMatch(/messages in view/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('jumps to a violation in its window', async () => {
    const failing = join(workspace, 'failing.html');
    expect(raftsim(['run', '--seed', '1', '--bug', 'double-vote', '--report', failing], { ...LOW_LIMITS, RAFTSIM_EXPLORER_PAGE_BYTES: '1000', RAFTSIM_EXPLORER_WINDOW_BYTES: '20000' }).status).toBe(1);
    const { page, errors } = await openReport(browser, failing);
    expect(await page.textContent('#violation-list')).toMatch(/election-safety/);
    await page.click('.jump-violation');
    await page.waitForSelector('body[data-window]:not([data-loading])');
    expect(await page.textContent('#cursor-event')).toMatch(/VIOLATION election-safety: nodes \d and \d both became leader of term 1/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
