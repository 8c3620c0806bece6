/** One job in a worker of its own, for the commands that run one thing (run, conformance) rather than many seeds. */
import type { Output } from '../terminal.js';
import { IsolatedRunner } from './isolated-runner.js';
import type { IsolatedOutcome, IsolationLimits, Misbehaviour } from './isolated-runner.js';
import type { ImplementationSource, WorkerJob, WorkerResults } from './protocol.js';

export async function runIsolatedJob<K extends WorkerJob['kind']>(
  source: ImplementationSource,
  limits: IsolationLimits,
  job: Extract<WorkerJob, { kind: K }>,
): Promise<IsolatedOutcome<WorkerResults[K]>> {
  const runner = new IsolatedRunner(source, limits);
  try {
    return await runner.run(job);
  } finally {
    await runner.close();
  }
}

/** Prints what the implementation did, as JSON or as text, with the command that does it again; the exit code is 1. */
export function reportMisbehaviour(output: Output, misbehaviour: Misbehaviour, seed: number | null, replay: string, json: boolean): number {
  if (json) {
    const { kind, message, virtualMs, event } = misbehaviour;
    output.out(JSON.stringify({ passed: false, failure: { kind, seed, message, atMs: virtualMs, event }, replay }, null, 2));
  } else {
    const where = seed === null ? '' : ` (seed ${seed})`;
    output.out(`${output.chalk.red.bold(`✗ ${misbehaviour.kind}`)}${where}: ${misbehaviour.message}`);
    output.out(`  replay: ${replay}`);
  }
  return 1;
}
