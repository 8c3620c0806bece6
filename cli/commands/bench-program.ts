/**
 * `raftsim bench --impl-cmd CMD [--impl MODULE]`: what a node costs through the process protocol. The
 * same swarm seeds (crashes and restarts included) run through the program, through it without a
 * spare process started ahead, and, given --impl with the same node as a module, in process; the runs
 * take turns seed by seed, so a machine that slows down slows them all alike. Medians of events per
 * second, and their ratios: a report of figures, never a test that a figure is reached.
 */
import { performance } from 'node:perf_hooks';
import { spread } from '../../bench/speed.js';
import type { Spread } from '../../bench/speed.js';
import { programImplementation } from '../../bridge/index.js';
import type { RaftImplementation } from '../../core/index.js';
import { exploreSeedScenario, runScenario } from '../../scenarios/index.js';
import { parseWholeNumber, UsageError } from '../arguments.js';
import { loadImplementation } from '../load-implementation.js';
import { implementationSource } from '../program-flags.js';
import type { Output } from '../terminal.js';

export interface ProgramBenchArguments {
  readonly json: boolean;
  readonly seeds?: unknown;
  readonly impl?: unknown;
  readonly implCmd?: unknown;
  readonly implTimeout?: unknown;
}

/** Virtual time of each seed: long enough for several crashes and restarts, short enough for a slow program. */
const SEED_DURATION_MS = 3000;

interface Variant {
  readonly label: string;
  readonly implementation: RaftImplementation;
  readonly rates: number[];
  close(): void;
}

export async function benchProgramCommand(args: ProgramBenchArguments, output: Output): Promise<number> {
  const source = implementationSource({ implCmd: args.implCmd, implTimeout: args.implTimeout });
  const program = source.program!;
  const seeds = args.seeds === undefined ? 5 : parseWholeNumber('seeds', args.seeds, 1, 1000);
  const variants: Variant[] = [];
  try {
    if (args.impl !== undefined) {
      const module = await loadImplementation(String(args.impl));
      variants.push({ label: 'in process (--impl)', implementation: module, rates: [], close: () => {} });
    }
    for (const spare of [true, false]) {
      const served = programImplementation(program.command, { timeoutMs: program.timeoutMs, spare });
      variants.push({ label: spare ? 'over the protocol' : 'over the protocol, no spare process', implementation: served, rates: [], close: () => served.close() });
    }
  } catch (error) {
    for (const variant of variants) variant.close();
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--impl-cmd: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  let events = 0;
  try {
    // Seed 0 warms every variant up (the engine's compiled code, the program's own start); it is not counted.
    for (let seed = 0; seed <= seeds; seed++) {
      const scenario = exploreSeedScenario(seed + 1, { durationMs: SEED_DURATION_MS });
      for (const variant of variants) {
        const started = performance.now();
        const result = runScenario(scenario, { seed: seed + 1, implementation: variant.implementation, trace: 'hash' });
        const elapsedMs = performance.now() - started;
        if (seed === 0) continue;
        variant.rates.push((result.run.events / elapsedMs) * 1000);
        if (variant === variants[0]) events += result.run.events;
      }
    }
  } finally {
    for (const variant of variants) variant.close();
  }
  return report(output, args.json, { command: program.command, seeds, events, variants });
}

function report(output: Output, json: boolean, measured: { command: string; seeds: number; events: number; variants: readonly Variant[] }): number {
  const rows = measured.variants.map((variant) => ({ variant: variant.label, eventsPerSecond: spread(variant.rates) }));
  const base = rows[0]!.eventsPerSecond.median;
  const ratios = rows.slice(1).map((row) => ({ of: row.variant, to: rows[0]!.variant, ratio: Math.round((row.eventsPerSecond.median / base) * 1000) / 1000 }));
  const workload = `swarm seeds 2–${measured.seeds + 1} of ${SEED_DURATION_MS / 1000} virtual seconds each (seed 1 warms up), all checkers on; ${measured.events} events in all`;
  if (json) {
    output.out(JSON.stringify({ command: measured.command, workload, rows, ratios }, null, 2));
    return 0;
  }
  const show = (value: Spread): string => `${value.median} (min ${value.min}, max ${value.max})`;
  output.out(`program: ${measured.command}`);
  output.out(`workload: ${workload}`);
  for (const row of rows) output.out(`events per second, ${row.variant}: ${show(row.eventsPerSecond)}`);
  for (const ratio of ratios) output.out(`${ratio.of} / ${ratio.to}: ${ratio.ratio} of the events per second (medians)`);
  return 0;
}
