/** A run's client operations and their linearizability verdict as JSON: in `run --json` and a trace file's trailer. */
import type { RunResult } from '../sim/index.js';

/** A run's client operations as the explorer draws them, one bar per operation, and the check's verdict. */
export interface ClientsJson {
  readonly operations: readonly {
    readonly id: number;
    readonly process: number;
    readonly f: string;
    readonly key: string;
    readonly value: string | null;
    readonly from: string | null;
    readonly to: string | null;
    readonly invokeUs: number;
    readonly completion: { readonly type: string; readonly timeUs: number; readonly value: string | null } | null;
  }[];
  /** Null when the run stopped at another violation before the history was checked. */
  readonly linearizability: {
    readonly verdict: string;
    readonly key: string | null;
    /** The ids of the operations that cannot be ordered. */
    readonly witness: readonly number[];
    readonly steps: number;
    readonly bound: number;
    readonly undecidedKeys: readonly string[];
  } | null;
}

export function clientsToJson(result: RunResult): ClientsJson | null {
  const history = result.history ?? null;
  if (history === null) return null;
  const report = result.linearizability ?? null;
  return {
    operations: history.map((operation) => ({
      id: operation.id,
      process: operation.process,
      f: operation.f,
      key: operation.key,
      value: operation.value,
      from: operation.from,
      to: operation.to,
      invokeUs: operation.invokeUs,
      completion: operation.completion === null ? null : { type: operation.completion.type, timeUs: operation.completion.timeUs, value: operation.completion.value },
    })),
    linearizability:
      report === null
        ? null
        : { verdict: report.verdict, key: report.key, witness: report.witness.map((operation) => operation.id), steps: report.steps, bound: report.bound, undecidedKeys: report.undecidedKeys },
  };
}
