import { join } from 'node:path';
import type { RaftImplementation } from '../../core/index.js';
import { runScenario } from '../../scenarios/index.js';
import type { ExploreFailure } from '../../scenarios/index.js';
import { startTraceOutputs, writeTraceOutputs } from '../trace-output.js';

export interface FailureReport {
  readonly trace: string;
  /** The explorer page; null when it could not be written (see `reportProblem`). */
  readonly report: string | null;
  readonly reportProblem: string | null;
}

/**
 * Runs a failing seed again, this time streaming every record to a file (exploration keeps only
 * hashes), and writes its trace and explorer report into the folder as seed-N.jsonl and seed-N.html.
 * A truncated seed gets none: it failed no check, and its trace runs to its event bound.
 */
export function writeFailureReport(failure: ExploreFailure, replay: string, implementation: RaftImplementation, folder: string): FailureReport | null {
  if (failure.kind === 'truncated') return null;
  const paths = { trace: join(folder, `seed-${failure.seed}.jsonl`), report: join(folder, `seed-${failure.seed}.html`) };
  const recording = startTraceOutputs(paths)!;
  try {
    const result = runScenario(failure.scenario, { implementation, traceSink: recording });
    if (result.run.traceHash !== failure.traceHash) {
      throw new Error(`seed ${failure.seed} ran again with trace ${result.run.traceHash}, not ${failure.traceHash} as when explored`);
    }
    const outcome = writeTraceOutputs(result, replay, paths, recording);
    return { trace: paths.trace, report: outcome.written.includes(paths.report) ? paths.report : null, reportProblem: outcome.notWritten[0] ?? null };
  } finally {
    recording.discard();
  }
}
