import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_BUGS } from '../bugs/index.js';
import { raftsim, replayArguments } from './cli-process.js';

const MINIMAL = 'examples/minimal-raft.js';

function expectUsageError(args: string[], line: string): void {
  const result = raftsim(args);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`raftsim: ${line}\n`);
}

describe('--impl runs another implementation of the node contract', () => {
  it('the minimal JavaScript example passes conformance, exit 0, with a table naming each test’s section', () => {
    const result = raftsim(['conformance', '--impl', MINIMAL]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✓ figure-7-f\s+§5\.3, Figure 7/);
    expect(result.stdout).toMatch(/minimal-raft: (\d+) conformance tests run, \1 passed, 0 failed, \d+ skipped \(\d+ strict, run with --strict; \d+ about optional methods it does not have\)/);
    const strict = raftsim(['conformance', '--impl', MINIMAL, '--strict']);
    expect(strict.status).toBe(0);
    expect(strict.stdout).toMatch(/✓ vote-stale-term-answered\s+§5\.1, Figure 2\s+strict a vote request/);
    expect(strict.stdout).toMatch(/minimal-raft: (\d+) conformance tests run \(strict tests included\), \1 passed, 0 failed, \d+ skipped \(\d+ about optional methods/);
  });

  it('explores the minimal example clean and repeats --impl in replay commands', () => {
    const explored = raftsim(['explore', '--impl', MINIMAL, '--seeds', '60', '--json']);
    expect(explored.status).toBe(0);
    expect(JSON.parse(explored.stdout)).toMatchObject({ implementation: 'minimal-raft', passed: 60, failed: [] });
    const run = JSON.parse(raftsim(['run', '--impl', MINIMAL, '--seed', '5', '--json']).stdout);
    expect(run.replay).toBe(`npx raftsim run --seed 5 --duration 10s --impl ${MINIMAL}`);
    expect(run.determinism).toMatchObject({ deterministic: true });
  });

  it('runs a strict test named with --only without --strict, and says it is strict', () => {
    const result = raftsim(['conformance', '--impl', MINIMAL, '--only', 'vote-stale-term-answered']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✓ vote-stale-term-answered\s+§5\.1, Figure 2\s+strict /);
    expect(result.stdout).toContain('minimal-raft: 1 conformance tests run (1 strict, named with --only), 1 passed, 0 failed\n');
  });

  it('loads TypeScript modules too, and their named `implementation` export', () => {
    const result = raftsim(['conformance', '--impl', 'test/fixtures/typed-raft.ts', '--only', 'figure-7-d', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ implementation: 'typed-minimal-raft', run: 1, passed: 1, failed: 0, skipped: 0 });
  });

  it('runs a TypeScript `export default` from a folder that is not "type": "module" (compiled to CommonJS)', () => {
    const result = raftsim(['conformance', '--impl', 'test/fixtures/module-shapes/commonjs/typescript-default.ts', '--only', 'figure-7-d', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ implementation: 'typescript-default-in-commonjs', run: 1, passed: 1, failed: 0 });
  });

  it('names what is missing or of the wrong shape, exit 2', () => {
    expectUsageError(['run', '--impl', 'test/fixtures/shapeless-raft.js'], 'test/fixtures/shapeless-raft.js: export `create` must be a function');
    expectUsageError(['explore', '--impl', 'test/fixtures/nowhere.js'], '--impl test/fixtures/nowhere.js: no such file');
    const unloadable = raftsim(['conformance', '--impl', 'README.md']);
    expect(unloadable.status).toBe(2);
    expect(unloadable.stderr).toMatch(/^raftsim: README\.md: cannot load it: .+\n$/);
    expectUsageError(['run', '--impl', MINIMAL, '--bug', 'double-vote'], '--bug cannot be combined with --impl: --bug switches a known bug on in the reference core');
  });

  it('an exception inside the implementation is its failure: exit 1, the seed, where it was thrown, and a replay with --impl', () => {
    const result = raftsim(['explore', '--impl', 'test/fixtures/throwing-raft.js', '--seeds', '2', '--json']);
    expect(result.status).toBe(1);
    const first = JSON.parse(result.stdout).failed[0];
    expect(first).toMatchObject({ seed: 1, checker: 'implementation-error' });
    expect(first.message).toMatch(/^node \d threw: lost track of a follower \(at .*throwing-raft\.js/);
    expect(first.replay).toBe('npx raftsim run --seed 1 --duration 10s --impl test/fixtures/throwing-raft.js');
    const replay = raftsim(replayArguments(first.replay));
    expect(replay.status).toBe(1);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toContain('lost track of a follower');
  });

  it('an implementation that breaks determinism is reported by explore, run and conformance, exit 1', () => {
    const explored = raftsim(['explore', '--impl', 'test/fixtures/unseeded-raft.js', '--seeds', '1', '--json']);
    expect(explored.status).toBe(1);
    expect(JSON.parse(explored.stdout).failed[0]).toMatchObject({ seed: 1, kind: 'nondeterminism', checker: 'determinism' });
    const run = raftsim(['run', '--impl', 'test/fixtures/unseeded-raft.js', '--seed', '1']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✗ determinism: seed 1 gave two different traces/);
    const conformance = JSON.parse(raftsim(['conformance', '--impl', 'test/fixtures/unseeded-raft.js', '--json']).stdout);
    const failed = conformance.tests.filter((test: { passed: boolean }) => !test.passed).map((test: { name: string }) => test.name);
    expect(failed).toEqual(expect.arrayContaining(['election-timeout-from-random-source', 'same-seed-same-trace']));
  });
});

describe('explore --out with an implementation that runs differently the second time', () => {
  it('writes no trace for the failing seed and says why, rather than a trace of another run or nothing at all', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'raftsim-rerun-')), 'failures');
    const explored = raftsim(['explore', '--impl', 'test/fixtures/unseeded-raft.js', '--seeds', '1', '--out', out, '--json']);
    expect(explored.status).toBe(1);
    const failure = JSON.parse(explored.stdout).failed[0];
    expect(failure).toMatchObject({ seed: 1, kind: 'nondeterminism', trace: null, report: null });
    expect(failure.reportProblem).toMatch(/^run again, it gave trace [0-9a-f]{16}, not [0-9a-f]{16} as when explored: the implementation is not deterministic$/);
    expect(existsSync(out) ? readdirSync(out).filter((name) => name.startsWith('seed-1.')) : []).toEqual([]);
  });
});

describe('raftsim conformance and raftsim bugs', () => {
  it('the reference core passes every test; a known bug fails the tests the catalog names, exit 1', () => {
    const reference = JSON.parse(raftsim(['conformance', '--json']).stdout);
    expect(reference).toMatchObject({ implementation: 'reference', strict: false, failed: 0 });
    const strictTests = reference.tests.filter((test: { strict: boolean }) => test.strict);
    expect(strictTests.length).toBeGreaterThan(0);
    expect(reference.skipped).toBe(strictTests.length);
    expect(reference.run).toBe(reference.tests.length - strictTests.length);
    expect(reference.passed).toBe(reference.run);
    const strict = JSON.parse(raftsim(['conformance', '--strict', '--json']).stdout);
    expect(strict).toMatchObject({ strict: true, run: reference.tests.length, passed: reference.tests.length, failed: 0, skipped: 0 });
    const bug = KNOWN_BUGS.find((known) => known.name === 'off-by-one-consistency-check')!;
    const result = raftsim(['conformance', '--bug', bug.name, '--json']);
    expect(result.status).toBe(1);
    const failed = JSON.parse(result.stdout).tests.filter((test: { passed: boolean }) => !test.passed).map((test: { name: string }) => test.name);
    expect(failed).toEqual(expect.arrayContaining([...bug.conformance]));
  });

  it('bugs --measure names the checker, the conformance tests, the seeds to detection and the shrunk size', () => {
    const result = raftsim(['bugs', 'double-vote', '--measure', '--roots', '1', '--json']);
    expect(result.status).toBe(0);
    const [measured] = JSON.parse(result.stdout).bugs;
    expect(measured).toMatchObject({ name: 'double-vote', checkers: ['election-safety'], seedsToDetection: [1], medianSeeds: 1 });
    expect(measured.conformanceFailures).toContain('vote-once-per-term');
    expect(measured.shrunk.actions).toBeLessThanOrEqual(measured.original.actions);
    expect(raftsim(['bugs']).stdout).toMatch(/keep-vote-in-new-term\s+a node keeps votedFor/);
  });
});
