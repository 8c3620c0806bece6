/**
 * The clients' history in the explorer, in headless Chromium: one row per client process and one bar per
 * operation, as Porcupine draws them. A linearizable run draws every operation; a run whose history
 * cannot be ordered draws the key in question and marks the witness in red, listed in words below.
 * Screenshots go to test-output/explorer/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReport, sharedChromium, skipBrowserTests } from './browser.js';
import { raftsim, ROOT } from './cli-process.js';

const SCREENSHOTS = join(ROOT, 'test-output', 'explorer');

describe.skipIf(skipBrowserTests())('the clients’ history in the explorer', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'raftsim-clients-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = sharedChromium();

  function report(name: string, args: string[], status: number): { path: string; json: { clients: { operations: { id: number; key: string; process: number }[]; linearizability: { verdict: string; key?: string; witness?: number[] } } } } {
    const path = join(workspace, `${name}.html`);
    const result = raftsim([...args, '--json', '--report', path]);
    expect(result.status, result.stderr).toBe(status);
    return { path, json: JSON.parse(result.stdout) };
  }

  it('a linearizable run: every operation a bar in its client’s row, none marked', async () => {
    const { path, json } = report('kv-clean', ['run', '--workload', 'kv', '--seed', '3'], 0);
    const operations = json.clients.operations;
    const { page, errors } = await openReport(browser(), path);
    expect(await page.isVisible('#clients-section')).toBe(true);
    expect(await page.textContent('#clients-note')).toMatch(new RegExp(`^${operations.length} operations: linearizable`));
    expect(await page.locator('#clients rect.client-op').count()).toBe(operations.length);
    expect(await page.locator('#clients rect.witness').count()).toBe(0);
    const rows = await page.locator('#clients text.client-label').allTextContents();
    expect(rows).toEqual([...new Set(operations.map((operation) => operation.process))].sort((a, b) => a - b).map((process) => `process ${process}`));
    await page.locator('#clients-section').screenshot({ path: join(SCREENSHOTS, 'clients-linearizable.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an acknowledged write lost: the key’s operations drawn, the witness in red and listed in words', async () => {
    const { path, json } = report('kv-lost', ['run', '--bug', 'ack-before-commit', '--seed', '1'], 1);
    const verdict = json.clients.linearizability;
    expect(verdict.verdict).toBe('not-linearizable');
    const onKey = json.clients.operations.filter((operation) => operation.key === verdict.key);
    const { page, errors } = await openReport(browser(), path);
    expect(await page.textContent('#clients-note')).toContain(`not linearizable. The ${onKey.length} operations on key ${verdict.key} are drawn; the ${verdict.witness!.length} in red`);
    expect(await page.locator('#clients rect.client-op').count()).toBe(onKey.length);
    expect(await page.locator('#clients rect.witness').count()).toBe(verdict.witness!.length);
    const fill = await page.locator('#clients rect.witness').first().evaluate((bar) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(bar).fill);
    const other = await page.locator('#clients rect.client-op:not(.witness)').first().evaluate((bar) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(bar).fill);
    expect(fill).not.toBe(other);
    const listed = await page.locator('#clients-witness li').allTextContents();
    expect(listed).toHaveLength(verdict.witness!.length);
    for (const line of listed) expect(line).toMatch(new RegExp(`^process \\d+: (get|put|append|cas) ${verdict.key}\\b`));
    await page.setViewportSize({ width: 480, height: 900 });
    await page.locator('#clients-section').screenshot({ path: join(SCREENSHOTS, 'clients-witness-narrow.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
