import { join } from 'node:path';
import type { RaftImplementation } from '../../core/index.js';
import { runScenario } from '../../scenarios/index.js';
import type { ExploreFailure } from '../../scenarios/index.js';
import { writeTraceOutputs } from '../trace-output.js';

export interface FailureReport {
  readonly trace: string;
  readonly report: string;
}

/**
 * Runs a failing seed again, this time recording every record (exploration keeps only hashes), and
 * writes its trace and explorer report into the folder as seed-N.jsonl and seed-N.html.
 */
export function writeFailureReport(failure: ExploreFailure, replay: string, implementation: RaftImplementation, folder: string): FailureReport {
  const result = runScenario(failure.scenario, { implementation, trace: 'full' });
  if (result.run.traceHash !== failure.traceHash) {
    throw new Error(`seed ${failure.seed} ran again with trace ${result.run.traceHash}, not ${failure.traceHash} as when explored`);
  }
  const paths = { trace: join(folder, `seed-${failure.seed}.jsonl`), report: join(folder, `seed-${failure.seed}.html`) };
  writeTraceOutputs(result, replay, paths);
  return paths;
}
