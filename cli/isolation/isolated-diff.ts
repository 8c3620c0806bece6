/**
 * The seeds of `raftsim diff` when a variant is an implementation under test (--a-impl, --b-impl-cmd…).
 * That variant runs in a worker thread of its own (isolated-runner.ts), kept from seed to seed, and
 * streams its records back as it goes, so that the first divergence is still found record by record
 * here; raftsim's own code (the reference core, a known bug) runs in this thread, as it always has.
 * What an implementation does to its worker (a hang, an exit, a full heap) is that variant's failure
 * on that seed, with its kind: the seed has nothing to measure on that side, and diff goes on.
 */
import { differentialScenarios, differentialSeed, runScenario, unfinishedFailure, unfinishedVariantRun, variantRun } from '../../scenarios/index.js';
import type { DifferentialSeed, DifferentialVariant, Scenario, SharedRunOptions, UnfinishedRun, VariantRun } from '../../scenarios/index.js';
import { firstDivergence } from '../../sim/index.js';
import type { TraceDivergence, TraceRecord } from '../../sim/index.js';
import { runScenarioIsolated } from './isolated-job.js';
import { IsolatedRunner } from './isolated-runner.js';
import type { IsolationLimits, Misbehaviour } from './isolated-runner.js';
import type { ImplementationSource } from './protocol.js';

type Side = 'a' | 'b';

export interface DiffSide {
  /** Its label and policies; its `implementation` is raftsim's own code, absent when the side is isolated. */
  readonly variant: DifferentialVariant;
  /** Where a worker loads the implementation from; null for raftsim's own code, which runs in this thread. */
  readonly isolated: ImplementationSource | null;
}

/** One side's run of a seed with its records, complete when the run finished, up to where it stopped otherwise. */
interface SideRun {
  readonly run: VariantRun;
  readonly records: readonly TraceRecord[];
  readonly finished: boolean;
}

export class DifferentialRunner {
  private readonly runners: Record<Side, IsolatedRunner | null>;
  /** The seed each side's worker last ran: what it does between jobs belongs to that seed. */
  private readonly lastSeed: Record<Side, number> = { a: 0, b: 0 };
  private readonly late: { readonly seed: number; readonly side: Side; readonly misbehaviour: Misbehaviour }[] = [];

  constructor(
    private readonly sides: Readonly<Record<Side, DiffSide>>,
    limits: IsolationLimits,
  ) {
    const runner = (side: Side): IsolatedRunner | null => {
      const source = sides[side].isolated;
      return source === null ? null : new IsolatedRunner(source, limits, (misbehaviour) => this.late.push({ seed: this.lastSeed[side], side, misbehaviour }));
    };
    this.runners = { a: runner('a'), b: runner('b') };
  }

  /** Both variants of one seed; `repeat` runs each twice to check its determinism. */
  async seed(seed: number, shared: SharedRunOptions, repeat: boolean): Promise<DifferentialSeed> {
    const variants = { shared, a: this.sides.a.variant, b: this.sides.b.variant };
    if (this.runners.a === null && this.runners.b === null) return differentialSeed(seed, variants, repeat);
    const scenarios = differentialScenarios(seed, variants);
    const a = await this.run('a', seed, scenarios.a, repeat);
    const b = await this.run('b', seed, scenarios.b, repeat);
    return { seed, a: a.run, b: b.run, divergence: divergenceOf(a, b) };
  }

  /**
   * The seeds with what an implementation did to its worker after a seed's answer (a timer that fired
   * later) added to that seed's failures: its run had finished, so its measures stand.
   */
  withLateFailures(seeds: readonly DifferentialSeed[]): DifferentialSeed[] {
    return seeds.map((result) => {
      const late = this.late.filter((entry) => entry.seed === result.seed);
      if (late.length === 0) return result;
      const add = (side: Side, run: VariantRun): VariantRun => {
        const failures = late.filter((entry) => entry.side === side).map(({ misbehaviour }) => unfinishedFailure(unfinishedOf(misbehaviour)));
        return failures.length === 0 ? run : { ...run, failures: [...run.failures, ...failures] };
      };
      return { ...result, a: add('a', result.a), b: add('b', result.b) };
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.runners.a?.close(), this.runners.b?.close()]);
  }

  private async run(side: Side, seed: number, scenario: Scenario, repeat: boolean): Promise<SideRun> {
    const runner = this.runners[side];
    const implementation = this.sides[side].variant.implementation;
    const records: TraceRecord[] = [];
    const sink = { accept: (batch: readonly TraceRecord[]) => batch.forEach((record) => records.push(record)) };
    if (runner === null) {
      // Streamed here too: a streamed record leaves out what a full trace rebuilds (a delivery's message), and the two sides must compare alike.
      const result = runScenario(scenario, { implementation, traceSink: sink });
      const againHash = repeat ? runScenario(scenario, { implementation, trace: 'hash' }).run.traceHash : null;
      return { run: variantRun(result, records, againHash), records, finished: true };
    }
    this.lastSeed[side] = seed;
    const outcome = await runScenarioIsolated(runner, { scenario, seed: scenario.seed, repeat }, sink);
    if (!outcome.ok) return { run: unfinishedVariantRun(seed, unfinishedOf(outcome.misbehaviour)), records, finished: false };
    return { run: variantRun(outcome.value.result, records, outcome.value.againHash), records, finished: true };
  }
}

function unfinishedOf(misbehaviour: Misbehaviour): UnfinishedRun {
  return { kind: misbehaviour.kind, message: misbehaviour.message, atMs: misbehaviour.virtualMs, events: misbehaviour.event };
}

/**
 * Where two runs part. A run that stopped short has only the records it streamed before it stopped:
 * a difference among the records both have is a divergence, but its end is not one.
 */
function divergenceOf(a: SideRun, b: SideRun): TraceDivergence | null {
  const divergence = firstDivergence(a.records, b.records);
  if (divergence === null || (a.finished && b.finished)) return divergence;
  return divergence.a !== null && divergence.b !== null ? divergence : null;
}
