/**
 * A scenario run's result as it crosses from a worker to the command line. Two parts of it cannot cross
 * a thread and are not needed on the other side: the implementation (functions; its name is what the
 * reports show) and the trace recorder (the records were streamed across as the run went; the reports
 * need only their count).
 */
import type { RaftImplementation } from '../../core/index.js';
import type { ScenarioRunResult } from '../../scenarios/index.js';
import type { RunResult, SimulationOptions, TraceMode, TraceRecorder } from '../../sim/index.js';

export interface PortableRunResult extends Omit<ScenarioRunResult, 'run'> {
  readonly run: Omit<RunResult, 'trace' | 'options'> & {
    readonly options: Omit<SimulationOptions, 'implementation'> & { readonly implementationName: string };
    readonly traceLength: number;
    readonly traceMode: TraceMode;
  };
}

export function portableRunResult(result: ScenarioRunResult): PortableRunResult {
  const { trace, options, ...run } = result.run;
  const { implementation, ...plainOptions } = options;
  return { ...result, run: { ...run, options: { ...plainOptions, implementationName: implementation.name }, traceLength: trace.length, traceMode: trace.mode } };
}

/** The result again, with stand-ins for what stayed behind: an implementation that only names itself, a trace that only counts. */
export function runResultFromPortable(portable: PortableRunResult): ScenarioRunResult {
  const { traceLength, traceMode, options, ...run } = portable.run;
  const { implementationName, ...plainOptions } = options;
  const implementation: RaftImplementation = {
    name: implementationName,
    create: () => {
      throw new Error(`${implementationName} runs in a worker thread, never here`);
    },
  };
  const records = (): never => {
    throw new Error('the records of a run in a worker thread were streamed as it went; they are not kept');
  };
  // Only what the reports read of a recorder is here: its length and mode (see formats/trace-file).
  const trace = { length: traceLength, mode: traceMode, records } as unknown as TraceRecorder;
  return { ...portable, run: { ...run, options: { ...plainOptions, implementation }, trace } };
}
