import { join } from 'node:path';
import type { ExploreFailure } from '../../scenarios/index.js';
import { runScenarioIsolated } from '../isolation/isolated-job.js';
import type { IsolatedRunner } from '../isolation/isolated-runner.js';
import { startTraceOutputs, writeTraceOutputs } from '../trace-output.js';

export interface FailureReport {
  readonly trace: string;
  /** The explorer page; null when it could not be written (see `reportProblem`). */
  readonly report: string | null;
  readonly reportProblem: string | null;
}

/**
 * Runs a failing seed again in the runner's worker, this time streaming every record back to a file here
 * (exploration keeps only hashes), and writes its trace and explorer report into the folder as
 * seed-N.jsonl and seed-N.html. A truncated seed gets none: it failed no check, and its trace runs to
 * its event bound. Nor does a seed whose implementation misbehaves when run again: its run never ends.
 */
export async function writeFailureReport(failure: ExploreFailure, replay: string, runner: IsolatedRunner, folder: string): Promise<FailureReport | null> {
  if (failure.kind === 'truncated') return null;
  const paths = { trace: join(folder, `seed-${failure.seed}.jsonl`), report: join(folder, `seed-${failure.seed}.html`) };
  const recording = startTraceOutputs(paths)!;
  try {
    const run = await runScenarioIsolated(runner, { scenario: failure.scenario, seed: failure.scenario.seed, repeat: false }, recording);
    if (!run.ok) return null;
    const result = run.value.result;
    if (result.run.traceHash !== failure.traceHash) {
      throw new Error(`seed ${failure.seed} ran again with trace ${result.run.traceHash}, not ${failure.traceHash} as when explored`);
    }
    const outcome = writeTraceOutputs(result, replay, paths, recording);
    return { trace: paths.trace, report: outcome.written.includes(paths.report) ? paths.report : null, reportProblem: outcome.notWritten[0] ?? null };
  } finally {
    recording.discard();
  }
}
