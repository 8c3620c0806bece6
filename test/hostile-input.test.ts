/**
 * Hostile input, as a property: command lines, scenario files and trace files drawn by fast-check
 * (valid ones, then damaged), each run by the built CLI in a folder of its own. Whatever the input,
 * raftsim exits 0, 1 or 2, prints no stack trace, says what is wrong in one line when it exits 2, and
 * leaves no half-written or temporary file behind.
 *
 * The cases are drawn from a fixed seed and run two at a time. RAFTSIM_TEST_SEED draws another set,
 * RAFTSIM_HOSTILE_RUNS sets how many (120 here, where each is a process; run thousands locally). A failing case is
 * listed with its command line, the damage done, its output and the folder it ran in, kept for a look.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { findNamedScenario, scenarioToDocument, scenarioToYaml } from '../scenarios/index.js';
import { raftsimIn, ROOT } from './cli-process.js';
import { commandLineArbitrary } from './hostile/argument-cases.js';
import { scenarioDocumentCase, traceFileCase } from './hostile/document-cases.js';
import type { CaseOutcome, HostileCase } from './hostile/run-case.js';
import { runHostileCases } from './hostile/run-case.js';

const SEED = Number(process.env.RAFTSIM_TEST_SEED ?? 1212);
const RUNS = Number(process.env.RAFTSIM_HOSTILE_RUNS ?? 120);
const PARALLEL = 2;
/** No drawn case should run longer than this: budgets are always small, and bad input is refused at once. */
const CASE_TIMEOUT_MS = 120_000;

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Inputs that have misbehaved before, run on every draw besides the drawn cases. */
function reproducers(trace: string): HostileCase[] {
  const commandLine = (args: readonly string[]): HostileCase => ({ description: 'arguments', args, files: {} });
  return [
    commandLine(['explore', '--seeds', '30', '--policy', 'leaseReads=true']),
    commandLine(['run', '--seed', '2', '--policy', 'leaseReads=true']),
    commandLine(['explore', '--seeds', '3', '--from', '9007199254740990']),
    commandLine(['run', '--seed', '9007199254740993']),
    commandLine(['run', '--duration', '-5s']),
    commandLine(['run', '--seed', '3', '--duration', '1s', '--trace']),
    commandLine(['run', '--seed', '3', '--duration', '1s', '--report']),
    commandLine(['replay', 'input.yaml', '--trace', 'input.yaml']),
    commandLine(['run', '--scenario', 'input.json', '--trace', 'run.jsonl', '--report', 'run.jsonl']),
    { description: 'trace gzipped', args: ['report', 'damaged.jsonl'], files: { 'damaged.jsonl': gzipSync(trace) } },
    { description: 'trace CRLF line endings', args: ['report', 'damaged.jsonl'], files: { 'damaged.jsonl': utf8(trace.replace(/\n/g, '\r\n')) } },
  ];
}

function standardFiles(trace: string): Record<string, Uint8Array> {
  const scenario = findNamedScenario('leader-crash')!;
  return {
    'input.yaml': utf8(scenarioToYaml(scenario)),
    'input.json': utf8(JSON.stringify(scenarioToDocument(scenario), null, 2)),
    'input.jsonl': utf8(trace),
    'input.txt': utf8('not a scenario\n'),
    'input.history.jsonl': readFileSync(join(ROOT, 'test/fixtures/histories/keyed-lost-write.jsonl')),
    'input.edn': readFileSync(join(ROOT, 'test/fixtures/histories/register-linearizable.edn')),
    'package.json': utf8(JSON.stringify({ type: 'module' })),
    'examples/minimal-raft.js': readFileSync(join(ROOT, 'examples/minimal-raft.js')),
  };
}

/** Writes the traces the trace cases damage, with short runs of the CLI: one that passes, one that fails. */
async function validTraces(): Promise<Record<string, string>> {
  const runs = {
    passing: ['run', '--seed', '3', '--duration', '1s', '--trace', 'out.jsonl'],
    failing: ['run', '--seed', '1', '--bug', 'double-vote', '--duration', '1s', '--trace', 'out.jsonl'],
  };
  const traces: Record<string, string> = {};
  for (const [name, args] of Object.entries(runs)) {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-hostile-trace-'));
    const run = await raftsimIn(folder, args, CASE_TIMEOUT_MS);
    expect(run.status, run.stderr).toBe(name === 'passing' ? 0 : 1);
    traces[name] = readFileSync(join(folder, 'out.jsonl'), 'utf8');
    rmSync(folder, { recursive: true });
  }
  return traces;
}

function describeOutcome({ hostileCase, run, problems, folder }: CaseOutcome, folderKept = true): string {
  return [
    `raftsim ${hostileCase.args.map((word) => JSON.stringify(word)).join(' ')}`,
    `  input: ${hostileCase.description}`,
    `  exit ${run.status}; ${problems.join('; ')}`,
    `  stderr: ${JSON.stringify(run.stderr.slice(0, 600))}`,
    ...(folderKept ? [`  folder: ${folder}`] : []),
  ].join('\n');
}

/** How many cases exited with each code, by kind of input: a draw that only ever exits 2 tests little. */
function exitCodeCounts(outcomes: readonly CaseOutcome[]): string {
  const counts = new Map<string, number>();
  for (const { hostileCase, run } of outcomes) {
    const key = `${hostileCase.description.split(' ')[0]} exit ${run.timedOut ? 'timeout' : run.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort().map(([key, count]) => `${key}: ${count}`).join(', ');
}

describe('hostile input: exit 0, 1 or 2, no stack trace, one line for bad input, no half-written file', () => {
  let traces: Record<string, string>;
  beforeAll(async () => {
    traces = await validTraces();
  }, 300_000);

  it(`holds for ${RUNS} command lines, scenario files and trace files drawn from seed ${SEED}`, async () => {
    const files = standardFiles(traces.passing!);
    const argumentCase = commandLineArbitrary.map((args): HostileCase => ({ description: 'arguments', args, files }));
    const withStandardFiles = (documentCase: HostileCase): HostileCase => ({ ...documentCase, files: { ...files, ...documentCase.files } });
    const anyCase = fc.oneof(
      { weight: 2, arbitrary: argumentCase },
      { weight: 1, arbitrary: scenarioDocumentCase.map(withStandardFiles) },
      { weight: 1, arbitrary: traceFileCase(traces).map(withStandardFiles) },
    );
    const cases = [...reproducers(traces.passing!).map(withStandardFiles), ...fc.sample(anyCase, { seed: SEED, numRuns: RUNS })];
    const outcomes = await runHostileCases(cases, PARALLEL, CASE_TIMEOUT_MS);

    const misbehaved = outcomes.filter((outcome) => outcome.problems.length > 0);
    console.log(`hostile input, seed ${SEED}: ${outcomes.length} cases, ${outcomes.length - misbehaved.length} clean, ${misbehaved.length} failed; ${exitCodeCounts(outcomes)}`);
    expect(misbehaved.map((outcome) => describeOutcome(outcome))).toEqual([]);
  }, 600_000 + RUNS * 20_000);
});
