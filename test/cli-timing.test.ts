import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsim } from './cli-process.js';

const BROKEN = ['--policy', 'heartbeat=500ms', '--policy', 'electionTimeout=100ms-200ms'];
const WARNING =
  /^raftsim: warning: Raft's timing requirement \(broadcast time ≪ election timeout, §5\.6\) is not met: the heartbeat interval \(500 ms\) is not below the minimum election timeout \(100 ms\)/;

/** Runs, and returns stderr's lines; the command itself must have run (exit 0 or 1), not been refused. */
function warningsOf(args: string[]): string[] {
  const result = raftsim(args);
  expect([0, 1], `${args.join(' ')}: ${result.stderr}`).toContain(result.status);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr.split('\n').filter((line) => line !== '');
}

describe("a configuration that breaks Raft's timing requirement", () => {
  it('run and explore warn in one line on stderr, naming the requirement and the values, and still run', () => {
    expect(warningsOf(['run', '--duration', '1s', '--json', ...BROKEN])).toEqual([expect.stringMatching(WARNING)]);
    expect(warningsOf(['explore', '--seeds', '2', '--duration', '1s', '--json', ...BROKEN])).toEqual([expect.stringMatching(WARNING)]);
  });

  it('a scenario file that breaks it gets the same warning', () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-timing-'));
    const file = join(folder, 'slow-heartbeat.yaml');
    writeFileSync(file, 'name: slow-heartbeat\ncluster:\n  duration: 1s\n  heartbeat: 500ms\n  electionTimeout: [100ms, 200ms]\n');
    expect(warningsOf(['replay', file, '--json'])).toEqual([expect.stringMatching(WARNING)]);
    expect(warningsOf(['explore', '--scenario', file, '--seeds', '1', '--json'])).toEqual([expect.stringMatching(WARNING)]);
  });

  it('the defaults, the swarm and a named scenario that scripts a short timeout for one node give no warning', () => {
    expect(warningsOf(['run', '--duration', '1s', '--json'])).toEqual([]);
    expect(warningsOf(['explore', '--seeds', '2', '--duration', '1s', '--json'])).toEqual([]);
    expect(warningsOf(['run', '--scenario', 'figure-8', '--json'])).toEqual([]);
  });

  it('the election-timing experiment refuses it, in one line naming the requirement, the range and the latency', () => {
    const result = raftsim(['experiment', 'election-timing', '--latency', '500-900', '--ranges', '150-300']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^raftsim: --ranges: range 150-300 with latency 500-900 ms: Raft's timing requirement .* a message takes up to 900 ms one way, not less than the minimum election timeout \(150 ms\)/),
    ]);
  });

  it('the experiment still takes tight timing that works: 5–10 ms of latency against 12–24 ms timeouts', () => {
    const result = raftsim(['experiment', 'election-timing', '--latency', '5-10', '--ranges', '12-24', '--trials', '3', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).ranges[0]).toMatchObject({ range: '12-24', trials: 3, capped: 0 });
  });
});
