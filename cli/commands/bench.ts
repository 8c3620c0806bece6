import { measureSpeed } from '../../bench/speed.js';
import { parseWholeNumber, UsageError } from '../arguments.js';
import { parsePolicies } from '../policies.js';
import type { Output } from '../terminal.js';

export function benchCommand(args: { readonly json: boolean; readonly runs: unknown; readonly warmup: unknown; readonly policy?: unknown }, output: Output): number {
  const runs = parseWholeNumber('runs', args.runs, 1, 1000);
  const warmup = parseWholeNumber('warmup', args.warmup, 0, 1000);
  const { overrides } = parsePolicies(args.policy);
  const other = Object.keys(overrides).find((field) => field !== 'integrity');
  if (other !== undefined) throw new UsageError(`bench --policy takes only integrity (its cost is what bench measures), got ${other}`);
  const report = measureSpeed(runs, warmup, overrides.integrity ?? 'none');
  if (args.json) {
    output.out(JSON.stringify(report, null, 2));
    return 0;
  }
  const spread = (value: { median: number; min: number; max: number }, unit: string) =>
    `${value.median} ${unit} (min ${value.min}, max ${value.max})`;
  output.out(`workload: ${report.workload}`);
  output.out(`runs: ${report.runs} after ${report.warmupRuns} warm-up runs; ${report.eventsPerRun} events per run`);
  output.out(`simulated seconds per wall-clock second: ${spread(report.simSecondsPerWallSecond, '')}`);
  output.out(`events per second: ${spread(report.eventsPerSecond, '')}`);
  output.out(`wall time per run: ${spread(report.wallMsPerRun, 'ms')}`);
  return 0;
}
