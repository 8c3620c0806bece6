import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsim, raftsimIn } from './cli-process.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-guided-'));

/** A bug a mutant of an early corpus entry catches within a few dozen short runs (run 35, a mutant of run 4). */
const GUIDED = ['explore', '--guided', '--bug', 'accept-stale-append', '--seeds', '35', '--duration', '3s', '--json'];

interface GuidedJson {
  readonly failed: readonly { readonly run: number; readonly parent: number | null; readonly checker: string; readonly replay: string; readonly scenario: string }[];
  readonly order: readonly { readonly run: number; readonly parent: number | null }[];
  readonly corpus: { readonly entries: number };
}

function folderFiles(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}

describe('raftsim explore --guided', () => {
  it('is measured beside plain exploration only by bugs --measure', () => {
    const result = raftsim(['bugs', '--guided']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--guided needs --measure');
  });

  it('explores the same runs in the same order with one worker or two, and a failing mutant replays with the command printed for it', async () => {
    const [one, two] = await Promise.all(
      [1, 2].map((workers) => raftsimIn(workspace, [...GUIDED, '--workers', String(workers), '--out', `out-${workers}`, '--corpus', `corpus-${workers}`, '--stats', `coverage-${workers}.html`], 120_000)),
    );
    expect([one!.status, two!.status]).toEqual([1, 1]);
    const first = JSON.parse(one!.stdout) as GuidedJson;
    expect(two!.stdout.replaceAll('out-2', 'out-1').replaceAll('corpus-2', 'corpus-1')).toBe(one!.stdout);
    expect(folderFiles(join(workspace, 'corpus-2'))).toEqual(folderFiles(join(workspace, 'corpus-1')));
    // The chart of coverage over the runs is one inline SVG, the same for both.
    const chart = readFileSync(join(workspace, 'coverage-1.html'), 'utf8');
    expect(chart).toContain('<svg');
    expect(readFileSync(join(workspace, 'coverage-2.html'), 'utf8')).toBe(chart);
    expect(first.order.some((run) => run.parent !== null)).toBe(true);
    const mutant = first.failed.find((failed) => failed.parent !== null)!;
    expect(mutant.replay).toBe(`npx raftsim run --scenario ${mutant.scenario} --bug accept-stale-append`);
    const replay = await raftsimIn(workspace, ['run', '--scenario', mutant.scenario, '--bug', 'accept-stale-append', '--json'], 60_000);
    expect(replay.status).toBe(1);
    expect(replay.stdout + replay.stderr).toContain(mutant.checker);
  });

  it('summarises a corpus folder, and resumes from it', () => {
    const folder = join(workspace, 'corpus-1');
    const shown = raftsim(['corpus', 'show', folder, '--json']);
    expect(shown.status).toBe(0);
    const summary = JSON.parse(shown.stdout) as { entries: { file: string }[]; features: Record<string, number> };
    expect(summary.entries.map((entry) => entry.file)).toEqual(readdirSync(folder).sort());
    expect(Object.keys(summary.features)).toContain('role:follower>candidate');
    const resumed = raftsim(['explore', '--guided', '--bug', 'accept-stale-append', '--seeds', '2', '--from', '36', '--duration', '3s', '--json', '--corpus', folder, '--out', join(workspace, 'out-resumed')]);
    expect(resumed.status).not.toBe(2);
    expect((JSON.parse(resumed.stdout) as GuidedJson).corpus.entries).toBeGreaterThanOrEqual(summary.entries.length);
  });

  it('refuses a corpus file that does not read back, in one line, with exit 2', () => {
    const folder = join(workspace, 'bad-corpus');
    mkdirSync(folder);
    writeFileSync(join(folder, 'entry-0123456789abcdef.json'), '{"format": "raftsim-corpus-entry", "version": 1, "run": 1');
    for (const args of [['explore', '--guided', '--seeds', '1', '--corpus', folder], ['corpus', 'show', folder]]) {
      const result = raftsim(args);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('entry-0123456789abcdef.json: not a corpus entry: not JSON');
    }
    // A file far larger than any entry is refused before it is read.
    writeFileSync(join(folder, 'entry-0123456789abcdef.json'), ' '.repeat(4 * 1024 * 1024 + 1));
    const huge = raftsim(['corpus', 'show', folder]);
    expect(huge.status).toBe(2);
    expect(huge.stderr).toBe(`raftsim: corpus show: ${join(folder, 'entry-0123456789abcdef.json')}: larger than the 4194304 bytes an entry may take\n`);
    // So is a folder of more entries than any corpus keeps, before any of them is read.
    const crowded = join(workspace, 'crowded-corpus');
    mkdirSync(crowded);
    for (let entry = 0; entry <= 20_000; entry++) writeFileSync(join(crowded, `entry-${entry.toString(16).padStart(16, '0')}.json`), '');
    const many = raftsim(['corpus', 'show', crowded]);
    expect(many.status).toBe(2);
    expect(many.stderr).toBe(`raftsim: corpus show ${crowded}: 20001 entries, more than the 20000 a corpus may hold\n`);
  });
});
