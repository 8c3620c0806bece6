/**
 * The explorer in a real browser: reports written by the CLI are opened from file:// in headless
 * Chromium, driven through their controls, and must raise no console or page error. Screenshots go to
 * test-output/explorer/ (ignored by git). In CI a missing Chromium fails the suite; elsewhere these
 * tests are skipped with a message saying why.
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNamedScenario, parseTraceText, renderExplorerHtml, runScenario, TRACE_KIND_NAMES, traceToJsonLines } from '../internals.js';
import type { TraceKind } from '../internals.js';
import { launchChromium, openReport, skipBrowserTests, slideToMicroseconds } from './browser.js';
import type { OpenedPage } from './browser.js';
import { ROOT, raftsim } from './cli-process.js';

const SCREENSHOTS = join(ROOT, 'test-output', 'explorer');

interface PageWindow {
  requestAnimationFrame(callback: () => void): number;
}
interface PageCanvas {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { readonly data: Uint8ClampedArray } };
}

describe.skipIf(skipBrowserTests())('the HTML explorer in headless Chromium', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'raftsim-explorer-'));
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Writes a report with the CLI, as a user would, and returns its path. */
  function report(name: string, args: string[], expectedStatus: number): string {
    const path = join(workspace, `${name}.html`);
    const result = raftsim([...args, '--report', path]);
    expect(result.status, result.stderr).toBe(expectedStatus);
    expect(result.stderr).toBe('');
    return path;
  }

  function open(path: string): Promise<OpenedPage> {
    return openReport(browser, path);
  }

  async function text(page: Page, selector: string): Promise<string> {
    return (await page.textContent(selector)) ?? '';
  }

  function slideTo(page: Page, seconds: number): Promise<void> {
    return slideToMicroseconds(page, seconds * 1_000_000);
  }

  /** Waits for the diagram's next drawing (it draws on animation frames). */
  async function nextFrame(page: Page): Promise<void> {
    await page.evaluate(() => new Promise((resolve) => (globalThis as unknown as PageWindow).requestAnimationFrame(() => resolve(null))));
  }

  /** Canvas pixels that are not background: proof that the diagram was drawn at all. */
  async function drawnPixels(page: Page): Promise<number> {
    await nextFrame(page);
    return page.$eval('#diagram', (canvas) => {
      const element = canvas as unknown as PageCanvas;
      const data = element.getContext('2d').getImageData(0, 0, element.width, element.height).data;
      let count = 0;
      for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) count++;
      return count;
    });
  }

  /** Pixels of the strip above the lanes shaded as a network fault (translucent red). */
  async function faultShadedPixels(page: Page): Promise<number> {
    await nextFrame(page);
    return page.$eval('#diagram', (canvas) => {
      const element = canvas as unknown as PageCanvas;
      const ratio = element.width / Number.parseFloat((canvas as unknown as { style: { width: string } }).style.width);
      const row = element.getContext('2d').getImageData(0, Math.round(23 * ratio), element.width, 1).data;
      let count = 0;
      for (let index = 0; index < row.length; index += 4) if (row[index + 3]! > 10 && row[index + 3]! < 60 && row[index]! > row[index + 1]! + 40) count++;
      return count;
    });
  }

  /**
   * The diagram's pixels between two shares of the plot's width, each as its colour on the white page
   * (red, green and blue in turn).
   */
  async function plotColours(page: Page, fromShare: number, toShare: number): Promise<number[]> {
    await nextFrame(page);
    return page.$eval(
      '#diagram',
      (canvas, shares) => {
        const element = canvas as unknown as PageCanvas;
        const ratio = element.width / Number.parseFloat((canvas as unknown as { style: { width: string } }).style.width);
        // The plot runs from the lane labels' gutter (64 px) to 8 px short of the right edge.
        const left = 64 * ratio, right = element.width - 8 * ratio;
        const x0 = Math.floor(left + (right - left) * shares[0]!), x1 = Math.floor(left + (right - left) * shares[1]!);
        const data = element.getContext('2d').getImageData(x0, 0, x1 - x0, element.height).data;
        const colours: number[] = [];
        for (let index = 0; index < data.length; index += 4) {
          const alpha = data[index + 3]! / 255;
          for (let channel = 0; channel < 3; channel++) colours.push(data[index + channel]! * alpha + 255 * (1 - alpha));
        }
        return colours;
      },
      [fromShare, toShare],
    );
  }

  /**
   * Pixels between two shares of the plot's width that the message arrows change plainly (by 80 or
   * more in some colour channel, against the same view drawn with no messages): arrows one can see,
   * not merely arrows drawn.
   */
  async function visibleArrowPixels(page: Page, fromShare: number, toShare: number): Promise<number> {
    const withArrows = await plotColours(page, fromShare, toShare);
    await page.selectOption('#message-filter', 'none');
    const withoutArrows = await plotColours(page, fromShare, toShare);
    await page.selectOption('#message-filter', 'all');
    await nextFrame(page);
    let count = 0;
    for (let pixel = 0; pixel < withArrows.length; pixel += 3) {
      let change = 0;
      for (let channel = 0; channel < 3; channel++) change = Math.max(change, Math.abs(withArrows[pixel + channel]! - withoutArrows[pixel + channel]!));
      if (change >= 80) count++;
    }
    return count;
  }

  /** The number in the diagram's note "… N messages in view". */
  async function messagesInView(page: Page): Promise<number> {
    await nextFrame(page);
    const note = await text(page, '#diagram-note');
    const match = /(\d+) messages in view/.exec(note);
    expect(match, note).not.toBeNull();
    return Number(match![1]);
  }

  /** Shows the last quarter of the run: the cursor at the end, then the whole run zoomed in twice around it. */
  async function viewLastQuarter(page: Page): Promise<void> {
    await slideTo(page, 1e6);
    await page.click('#zoom-fit');
    await page.click('#zoom-in');
    await page.click('#zoom-in');
    await nextFrame(page);
  }

  /**
   * In the whole-run view, the message arrows of the run's last quarter can be seen (they once faded
   * into the lanes where only heartbeats and replies were left), and zoomed to that quarter, the
   * arrows counted there are some.
   */
  async function expectArrowsToTheEnd(page: Page): Promise<number> {
    await page.selectOption('#message-filter', 'all');
    await page.click('#zoom-fit');
    expect(await visibleArrowPixels(page, 0.75, 1)).toBeGreaterThan(1_500);
    await viewLastQuarter(page);
    const inView = await messagesInView(page);
    expect(inView).toBeGreaterThan(0);
    await page.click('#zoom-fit');
    return inView;
  }

  /** Deliveries and drops (the records drawn as arrows) whose message was sent and arrived within [fromUs, toUs]. */
  function arrowsWithin(tracePath: string, fromUs: number, toUs: number): number {
    const records = readFileSync(tracePath, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { kind?: string; t: number; ref?: number });
    const body = records.slice(1, -1);
    return body.filter((record) => (record.kind === 'deliver' || record.kind === 'drop') && record.ref !== undefined && record.t >= fromUs && body[record.ref]!.t <= toUs).length;
  }

  /** The time, in seconds, of the first record of a kind in a JSON Lines trace. */
  function firstRecordSeconds(tracePath: string, kind: string): number {
    const line = readFileSync(tracePath, 'utf8')
      .split('\n')
      .find((text) => text.includes(`"kind":"${kind}"`));
    expect(line, `a ${kind} record in ${tracePath}`).toBeDefined();
    return (JSON.parse(line!) as { t: number }).t / 1_000_000;
  }

  /** Moves the cursor to just before a record's time, so that the event list starts with that record's instant. */
  async function slideJustBefore(page: Page, seconds: number): Promise<void> {
    await slideTo(page, seconds - 0.000_001);
  }

  /** Each node's column of the node table, by the column's class ("status", "members", "snapshot"). */
  async function column(page: Page, name: string): Promise<string[]> {
    return page.$$eval(`#node-rows tr td.${name}`, (cells) => cells.map((cell) => (cell.textContent ?? '').trim()));
  }

  async function roles(page: Page): Promise<string[]> {
    return page.$$eval('#node-rows tr td.role', (cells) => cells.map((cell) => (cell.textContent ?? '').replace(/^\W+/, '').trim()));
  }

  it('a split vote: the slider and the step buttons change what is shown, and a click shows an event', async () => {
    const { page, errors } = await open(report('split-vote', ['run', '--scenario', 'split-vote'], 0));
    expect(await text(page, '#title')).toBe('raftsim · split-vote · seed 17');
    expect(await text(page, '#summary')).toMatch(/elections\s*8/);
    expect(await drawnPixels(page)).toBeGreaterThan(10_000);
    const start = { time: await text(page, '#cursor-time'), event: await text(page, '#cursor-event'), logs: await text(page, '#logs') };
    expect(start.time).toBe('0 ms');

    await page.click('#step-forward');
    const first = await text(page, '#cursor-event');
    expect(first).not.toBe(start.event);
    await page.click('#step-forward');
    await page.click('#step-forward');
    const third = await text(page, '#cursor-event');
    expect(third).not.toBe(first);
    await page.click('#step-back');
    expect(await text(page, '#cursor-event')).not.toBe(third);

    // Term 2 is the split vote: four candidates, no leader (the first leader crashed at 0.77 s).
    await slideTo(page, 1.0);
    expect(await text(page, '#cursor-time')).toBe('1.000 s');
    expect((await roles(page)).filter((role) => role === 'candidate')).toHaveLength(4);
    await slideTo(page, 3.0);
    expect((await roles(page)).filter((role) => role === 'leader')).toHaveLength(1);
    const logs = await text(page, '#logs');
    expect(logs).not.toBe(start.logs);
    expect(await page.$$eval('#logs td.committed', (cells) => cells.length)).toBeGreaterThan(20);

    const bounds = (await (await page.$('#diagram'))!.boundingBox())!;
    await page.mouse.click(bounds.x + bounds.width * 0.5, bounds.y + 36 + 34 * 2 + 17);
    expect(await text(page, '#details')).toMatch(/^.+\n\nrecord #\d+ at [\d.]+ (ms|s): \w+ (at node n\d|in the cluster)/);
    await page.screenshot({ path: join(SCREENSHOTS, 'split-vote.png'), fullPage: true });
    await expectArrowsToTheEnd(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a partition: the isolated old leader and the new one lead at once, and the fault is shaded', async () => {
    const { page, errors } = await open(report('leader-isolated', ['run', '--scenario', 'leader-isolated'], 0));
    await expectArrowsToTheEnd(page);
    await slideTo(page, 0.5);
    expect((await roles(page)).filter((role) => role === 'leader')).toHaveLength(1);
    await slideTo(page, 2.5);
    expect((await roles(page)).filter((role) => role === 'leader')).toHaveLength(2);
    // Zoomed to the isolation, the network fault is shaded; before it, nothing is.
    await page.click('#zoom-in');
    expect(await drawnPixels(page)).toBeGreaterThan(10_000);
    expect(await faultShadedPixels(page)).toBeGreaterThan(300);
    await slideTo(page, 0.3);
    await page.click('#zoom-fit');
    for (let zoom = 0; zoom < 4; zoom++) await page.click('#zoom-in');
    await nextFrame(page);
    expect(await text(page, '#diagram-note')).toMatch(/^2\d\d\.\dms – 7\d\d\.\dms/);
    expect(await faultShadedPixels(page)).toBe(0);
    await slideTo(page, 2.5);
    await page.selectOption('#message-filter', 'none');
    await nextFrame(page);
    expect(await text(page, '#diagram-note')).toMatch(/0 messages in view/);
    await page.screenshot({ path: join(SCREENSHOTS, 'leader-isolated.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a violation: listed, and the jump button moves to it with both leaders of the term shown', async () => {
    const { page, errors } = await open(report('double-vote', ['run', '--seed', '1', '--bug', 'double-vote'], 1));
    expect(await text(page, '#outcome')).toBe('a check failed');
    expect(await page.isVisible('#violations')).toBe(true);
    expect(await text(page, '#violation-list')).toMatch(/election-safety/);
    // The page opens at the violation, and the jump button comes back to it from elsewhere.
    expect(await text(page, '#cursor-event')).toMatch(/VIOLATION election-safety/);
    await slideTo(page, 0);
    expect(await text(page, '#cursor-event')).not.toMatch(/VIOLATION/);
    await page.click('.jump-violation');
    const after = await text(page, '#cursor-event');
    expect(after).toMatch(/VIOLATION election-safety: nodes \d and \d both became leader of term 1/);
    expect((await roles(page)).filter((role) => role === 'leader')).toHaveLength(2);
    expect(await text(page, '#details')).toMatch(/the check that failed: election-safety\nwhat it saw: nodes \d and \d both became leader/);
    expect((await column(page, 'voted')).some((cell) => /twice/.test(cell))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'double-vote.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a snapshot install and a membership change: described, drawn, and shown in the nodes and logs', async () => {
    const snapshotTrace = join(workspace, 'snapshot-catch-up.jsonl');
    const snapshot = await open(report('snapshot-catch-up', ['run', '--scenario', 'snapshot-catch-up', '--trace', snapshotTrace], 0));
    expect(await text(snapshot.page, '#summary')).toMatch(/snapshots\s*[1-9]/);
    await slideJustBefore(snapshot.page, firstRecordSeconds(snapshotTrace, 'installSnapshot'));
    expect(await text(snapshot.page, '#event-list')).toMatch(/deliver InstallSnapshotRequest 3→1 t1 snapshot ≤ \d+ \(term 1\), members \{1,2,3\}/);
    await snapshot.page.locator('#event-list li', { hasText: 'installed the leader’s snapshot' }).first().click();
    expect(await text(snapshot.page, '#details')).toMatch(/^n1 installed the leader’s snapshot ≤ (\d+)[\s\S]*: installSnapshot at node n1/);
    expect((await column(snapshot.page, 'snapshot'))[0]).toMatch(/^≤ \d+\/1$/);
    // Earlier indexes bring the compacted prefixes into view, each as one cell.
    await snapshot.page.click('#log-earlier');
    expect(await snapshot.page.$$eval('#logs td.snapshot', (cells) => cells.map((cell) => cell.textContent))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^snapshot ≤ \d+$/)]),
    );
    await snapshot.page.screenshot({ path: join(SCREENSHOTS, 'snapshot-catch-up.png'), fullPage: true });
    expect(snapshot.errors).toEqual([]);
    await snapshot.page.close();

    const membershipTrace = join(workspace, 'membership-replace-crashed.jsonl');
    const membership = await open(report('membership-replace-crashed', ['run', '--scenario', 'membership-replace-crashed', '--trace', membershipTrace], 0));
    // Node 4 is a spare, not running, until the leader adds it.
    await slideTo(membership.page, 0.5);
    expect(await column(membership.page, 'status')).toEqual(['up', 'up', 'up', 'spare']);
    await slideJustBefore(membership.page, firstRecordSeconds(membershipTrace, 'membershipChange'));
    expect(await text(membership.page, '#event-list')).toMatch(/proposed to remove n1: configuration entry at index \d+/);
    await membership.page.locator('#event-list li', { hasText: 'proposed to remove n1' }).first().click();
    expect(await text(membership.page, '#details')).toMatch(/: membershipChange at node n\d/);
    await slideJustBefore(membership.page, firstRecordSeconds(membershipTrace, 'retire'));
    expect(await text(membership.page, '#event-list')).toContain('n1 retired: removed from the configuration');
    await slideTo(membership.page, 3.5);
    expect(await column(membership.page, 'status')).toEqual(['retired', 'up', 'up', 'up']);
    expect((await column(membership.page, 'members')).slice(1)).toEqual(['{2,3,4}', '{2,3,4}', '{2,3,4}']);
    expect(await text(membership.page, '#logs')).toContain('cfg{2,3,4}');
    expect(await drawnPixels(membership.page)).toBeGreaterThan(10_000);
    await membership.page.screenshot({ path: join(SCREENSHOTS, 'membership-replace-crashed.png'), fullPage: true });
    // The clients stop before the last quarter: from there on only heartbeats and their replies are sent.
    const endUs = (JSON.parse(readFileSync(membershipTrace, 'utf8').trim().split('\n').at(-1)!) as { virtualMs: number }).virtualMs * 1000;
    expect(await expectArrowsToTheEnd(membership.page)).toBe(arrowsWithin(membershipTrace, endUs * 0.75, endUs));
    expect(membership.errors).toEqual([]);
    await membership.page.close();
  });

  it('a record of a kind the page does not know is listed and shown, not an error', async () => {
    const result = runScenario(findNamedScenario('leader-crash')!, { trace: 'full' });
    const unknown = TRACE_KIND_NAMES.length + 1;
    const atUs = result.run.virtualMs * 1000;
    result.run.trace.record(unknown as TraceKind, atUs, 2, 3, 5, 0, { snapshotIndex: 40 });
    const jsonLines = traceToJsonLines({ ...result, run: { ...result.run, traceHash: result.run.trace.hashHex() } }, 'test');
    const read = parseTraceText(jsonLines, 'unknown.jsonl');
    if (!read.ok) throw new Error(read.problem);
    const path = join(workspace, 'unknown-kind.html');
    writeFileSync(path, renderExplorerHtml(read.trace));
    const { page, errors } = await open(path);
    await slideTo(page, atUs / 1_000_000);
    const row = page.locator('#event-list li', { hasText: `kind-${unknown} n2 peer n3 a=5` });
    await row.first().click();
    expect(await text(page, '#details')).toContain(`: kind-${unknown} at node n2, toward n3`);
    expect(await text(page, '#details')).toContain('"snapshotIndex": 40');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a run of more than 100,000 events loads, draws a decimated diagram, and follows the slider', async () => {
    const path = join(workspace, 'large.html');
    const trace = join(workspace, 'large.jsonl');
    const run = raftsim(['run', '--seed', '4', '--faults', 'none', '--nodes', '5', '--duration', '120s', '--json', '--trace', trace, '--report', path]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).events).toBeGreaterThanOrEqual(100_000);
    const { page, errors, loadMs } = await open(path);
    await nextFrame(page);
    console.log(`explorer: ${JSON.parse(run.stdout).events} events (${(statSync(path).size / 1e6).toFixed(1)} MB) loaded in ${loadMs.toFixed(0)} ms`);
    expect(await text(page, '#diagram-note')).toMatch(/showing 1 in \d+ of \d+ messages in view/);
    expect(await drawnPixels(page)).toBeGreaterThan(10_000);
    const seen = new Set<string>();
    for (const seconds of [10, 60, 110]) {
      await slideTo(page, seconds);
      const shown = `${await text(page, '#cursor-time')} ${await text(page, '#node-rows')} ${await text(page, '#logs')}`;
      expect(shown).toContain(`${seconds.toFixed(3)} s`);
      seen.add(shown);
    }
    expect(seen.size).toBe(3);
    const before = await text(page, '#cursor-event');
    await page.click('#step-forward');
    expect(await text(page, '#cursor-event')).not.toBe(before);
    await page.click('#zoom-in');
    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, 400);
    expect(await drawnPixels(page)).toBeGreaterThan(1_000);
    await page.screenshot({ path: join(SCREENSHOTS, 'large.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
