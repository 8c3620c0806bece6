import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsim, ROOT } from './cli-process.js';

const HISTORIES = join(ROOT, 'test/fixtures/histories');

describe('raftsim check-history', () => {
  it.each([
    ['register-linearizable.edn', 0, /linearizable \(3 operations on 1 key/],
    ['register-concurrent-writes.jsonl', 0, /: linearizable/],
    ['keyed-indeterminate.jsonl', 0, /: linearizable \(4 operations on 2 keys/],
    ['register-stale-read.edn', 1, /not linearizable[^\n]*\n {2}process 0: put register 1 \[0\.001 s, 0\.002 s\] ok\n {2}process 1: get register → nil/],
    ['register-new-old-inversion.jsonl', 1, /not linearizable/],
    ['cas-register.edn', 1, /process 1: cas register 0→2/],
    ['keyed-lost-write.jsonl', 1, /key k1 cannot be ordered/],
  ])('%s: exit %i', (name, exit, output) => {
    const result = raftsim(['check-history', join(HISTORIES, name)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(exit);
    expect(result.stdout).toMatch(output);
  });

  it.each([
    ['bad-type.jsonl', /^raftsim: \S+bad-type\.jsonl:3: type must be invoke, ok, fail or info, got "done"\n$/],
    ['bad-unclosed.edn', /^raftsim: \S+bad-unclosed\.edn:2: a map \{ is never closed\n$/],
    ['bad-overlap.jsonl', /^raftsim: \S+bad-overlap\.jsonl:2: process 0 invokes an operation while operation put k1 1 is in flight\n$/],
    ['missing.jsonl', /^raftsim: \S+missing\.jsonl: cannot read it \(ENOENT\)\n$/],
  ])('%s is bad input: one line naming the file and line, exit 2', (name, line) => {
    const result = raftsim(['check-history', join(HISTORIES, name)]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(line);
  });

  it('says unknown, and exits 1, when its search bound is hit', () => {
    const result = raftsim(['check-history', join(HISTORIES, 'register-concurrent-writes.jsonl'), '--bound', '2']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/unknown: bound hit: the search of key register took more than 2 steps/);
  });
});

describe('raftsim run --workload kv --history', () => {
  it('writes the history in both formats, which check-history finds linearizable, and refuses --history without the workload', () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-kv-'));
    const jsonl = join(folder, 'h.jsonl');
    const edn = join(folder, 'h.edn');
    const run = raftsim(['run', '--workload', 'kv', '--seed', '3', '--history', jsonl, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.clients.linearizability.verdict).toBe('linearizable');
    expect(report.clients.operations.length).toBeGreaterThan(50);
    expect(readFileSync(jsonl, 'utf8').split('\n').filter(Boolean)).toHaveLength(report.clients.operations.filter((operation: { completion: unknown }) => operation.completion !== null).length + report.clients.operations.length);
    expect(raftsim(['run', '--workload', 'kv', '--seed', '3', '--history', edn]).status).toBe(0);
    for (const file of [jsonl, edn]) expect(raftsim(['check-history', file]).status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['h.edn', 'h.jsonl']);
    const refused = raftsim(['run', '--seed', '3', '--history', join(folder, 'x.jsonl')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^raftsim: --history records what the key-value clients saw: add --workload kv/);
  });

  it('catches each bug only clients see with the linearizability check', () => {
    for (const bug of ['duplicate-apply-on-retry', 'ack-before-commit', 'read-from-follower']) {
      const result = raftsim(['explore', '--bug', bug, '--seeds', '3', '--json']);
      expect(result.status, bug).toBe(1);
      const first = JSON.parse(result.stdout).failed[0];
      expect(first.checker, bug).toBe('linearizability');
      expect(first.message, bug).toMatch(/cannot be ordered/);
    }
  });

  it('--sessions off runs clients without sessions: the linearizability check catches a retried command applied twice, and --out keeps the history', () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-kv-sessions-'));
    const off = raftsim(['explore', '--workload', 'kv', '--sessions', 'off', '--seeds', '2', '--json', '--out', folder]);
    expect(off.status, off.stderr).toBe(1);
    const failed = JSON.parse(off.stdout).failed[0];
    expect(failed.checker).toBe('linearizability');
    expect(failed.replay).toMatch(/ --workload kv --sessions off\b/);
    expect(failed.history).toBe(join(folder, `seed-${failed.seed}.history.jsonl`));
    const checked = raftsim(['check-history', failed.history]);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toMatch(/not linearizable/);
    expect(readdirSync(folder)).toContain(`seed-${failed.seed}.history.jsonl`);
    const replayed = raftsim([...failed.replay.replace(/^npx raftsim /, '').split(' '), '--json']);
    expect(replayed.status).toBe(1);
    expect(JSON.parse(replayed.stdout).traceHash).toBe(failed.traceHash);
    // The bug that is this application, with sessions switched back on, is the reference: clean.
    expect(raftsim(['explore', '--bug', 'duplicate-apply-on-retry', '--sessions', 'on', '--seeds', '2']).status).toBe(0);
  });

  it.each([
    [['run', '--workload', 'kv', '--sessions', 'maybe'], 'raftsim: --sessions must be on or off, got "maybe"\n'],
    [['run', '--sessions', 'off'], 'raftsim: --sessions is a setting of the key-value clients: add --workload kv\n'],
    [['explore', '--workload', 'digest', '--sessions', 'on'], 'raftsim: --sessions is a setting of the key-value clients: add --workload kv\n'],
  ])('refuses %j in one line, exit 2', (args, line) => {
    const result = raftsim(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(line);
  });

  it('refuses a workload it does not know, naming it', () => {
    const result = raftsim(['run', '--workload', 'bank']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('raftsim: --workload must be digest or kv, got "bank"\n');
  });
});
