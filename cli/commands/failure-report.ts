import { join } from 'node:path';
import type { ExploreFailure } from '../../scenarios/index.js';
import { runScenarioIsolated } from '../isolation/isolated-job.js';
import type { IsolatedRunner } from '../isolation/isolated-runner.js';
import { startTraceOutputs, writeTraceOutputs } from '../trace-output.js';

export interface FailureReport {
  /** The trace file; null when the seed's second run gave none to write (see `reportProblem`). */
  readonly trace: string | null;
  /** The explorer page; null when it could not be written (see `reportProblem`). */
  readonly report: string | null;
  readonly reportProblem: string | null;
  /** The clients' history, for a run with the key-value workload (seed-N.history.jsonl); null otherwise. */
  readonly history: string | null;
}

/**
 * Runs a failing seed again in the runner's worker, this time streaming every record back to a file here
 * (exploration keeps only hashes), and writes its trace and explorer report into the folder as
 * seed-N.jsonl and seed-N.html (or another stem), and with key-value clients their history as seed-N.history.jsonl, which
 * `raftsim check-history` and other checkers read. A truncated seed gets none: it failed no check, and its trace runs to
 * its event bound. A seed whose implementation misbehaves when run again, or runs differently, gets the
 * reason instead of files: what would be written is not the run that failed.
 */
export async function writeFailureReport(failure: ExploreFailure, replay: string, runner: IsolatedRunner, folder: string, stem = `seed-${failure.seed}`): Promise<FailureReport | null> {
  if (failure.kind === 'truncated') return null;
  const history = failure.scenario.workload.kv === undefined ? null : join(folder, `${stem}.history.jsonl`);
  const paths = { trace: join(folder, `${stem}.jsonl`), report: join(folder, `${stem}.html`), history };
  const recording = startTraceOutputs(paths)!;
  try {
    const run = await runScenarioIsolated(runner, { scenario: failure.scenario, seed: failure.scenario.seed, repeat: false }, recording);
    if (!run.ok) return noFiles(`run again, the implementation ended in ${run.misbehaviour.kind}: ${run.misbehaviour.reason}`);
    const result = run.value.result;
    if (result.run.traceHash !== failure.traceHash) {
      return noFiles(`run again, it gave trace ${result.run.traceHash}, not ${failure.traceHash} as when explored: the implementation is not deterministic`);
    }
    const outcome = writeTraceOutputs(result, replay, paths, recording);
    return { trace: paths.trace, report: outcome.written.includes(paths.report) ? paths.report : null, reportProblem: outcome.notWritten[0] ?? null, history };
  } finally {
    recording.discard();
  }
}

function noFiles(problem: string): FailureReport {
  return { trace: null, report: null, reportProblem: problem, history: null };
}
