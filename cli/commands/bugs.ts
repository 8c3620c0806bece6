import { KNOWN_BUGS } from '../../bugs/index.js';
import type { KnownBug } from '../../bugs/index.js';
import { parseWholeNumber, UsageError } from '../arguments.js';
import type { BugMeasurement } from '../bug-measure.js';
import { measureBug } from '../bug-measure.js';
import { interruptedExitCode, whileListeningForInterrupts, yieldToEventLoop } from '../interrupt.js';
import type { Interruption } from '../interrupt.js';
import type { Output } from '../terminal.js';
import { quoted } from '../../sim/printable.js';

export interface BugsArguments {
  readonly json: boolean;
  readonly measure?: boolean;
  readonly names?: unknown;
  readonly roots?: unknown;
  /** With --measure: guided exploration from the same roots too, in columns of its own. */
  readonly guided?: boolean;
}

export function bugsCommand(args: BugsArguments, output: Output): number | Promise<number> {
  const bugs = chosenBugs(args.names);
  if (args.measure === true) return measureCommand(bugs, args, output);
  if (args.guided === true) throw new UsageError('bugs --guided needs --measure: it measures guided exploration beside plain');
  if (args.json) {
    output.out(JSON.stringify(bugs.map((bug) => ({ name: bug.name, summary: bug.summary, explanation: bug.explanation, breaks: bug.breaks, conformance: bug.conformance })), null, 2));
    return 0;
  }
  const width = Math.max(...bugs.map((bug) => bug.name.length));
  for (const bug of bugs) {
    output.out(`${output.chalk.bold(bug.name.padEnd(width))}  ${bug.summary}`);
    output.out(`${' '.repeat(width)}  ${output.chalk.dim(`breaks: ${bug.breaks.join(', ')} · conformance: ${bug.conformance.join(', ')}`)}`);
  }
  output.out('');
  output.out(`Run one with: npx raftsim explore --bug ${bugs[0]!.name}; measure them with: npx raftsim bugs --measure`);
  return 0;
}

function chosenBugs(names: unknown): readonly KnownBug[] {
  const wanted = names === undefined ? [] : ([] as unknown[]).concat(names).map(String);
  if (wanted.length === 0) return KNOWN_BUGS;
  return wanted.map((name) => {
    const bug = KNOWN_BUGS.find((known) => known.name === name);
    if (bug === undefined) throw new UsageError(`bugs: ${quoted(name)} is not a known bug (${KNOWN_BUGS.map((known) => known.name).join(', ')})`);
    return bug;
  });
}

/**
 * Exit 0 when every bug was caught from every root seed within the default budget, 1 otherwise, 130 or
 * 143 when interrupted: then the bugs measured so far are printed, and the one in progress is left out.
 */
async function measureCommand(bugs: readonly KnownBug[], args: BugsArguments, output: Output): Promise<number> {
  const rootCount = parseWholeNumber('roots', args.roots ?? '5', 1, 100);
  // Root seeds far apart, so that their runs of seeds never overlap within the budget.
  const roots = Array.from({ length: rootCount }, (_, index) => 1 + index * 100_000);
  return whileListeningForInterrupts(async (interruption) => {
    const measurements: BugMeasurement[] = [];
    for (const bug of bugs) {
      const measurement = await measureUnlessInterrupted(bug, roots, args.guided === true, interruption);
      if (measurement === null) break;
      measurements.push(measurement);
      if (!args.json) output.err(`measured ${bug.name}`);
    }
    const interrupted = interruption.signal !== null;
    const allCaught = measurements.every((measurement) => measurement.medianSeeds !== null && measurement.guided?.medianRuns !== null);
    if (args.json) {
      output.out(JSON.stringify({ roots, budget: 2000, bugs: measurements, interrupted }, null, 2));
    } else if (args.guided === true) {
      for (const line of guidedTable(measurements)) output.out(line);
      output.out('');
      output.out(`Over root seeds ${roots.join(', ')}, each explored plainly and guided until its first failure, at most 2000 seeds or runs.`);
    } else {
      output.out(`| bug | caught by (exploration) | conformance tests that fail | median seeds to detection | median wall time | shrunk to |`);
      output.out(`| --- | --- | --- | --- | --- | --- |`);
      for (const [index, measurement] of measurements.entries()) output.out(tableRow(measurement, bugs[index]!));
      output.out('');
      output.out(`Over root seeds ${roots.join(', ')}, each explored until its first failure, at most 2000 seeds.`);
    }
    const interruptedExit = interruptedExitCode(interruption);
    if (interruptedExit === null) return allCaught ? 0 : 1;
    const rest = measurements.length < bugs.length ? `; ${bugs.length - measurements.length} not measured, the one in progress left out` : '';
    output.err(`raftsim: interrupted (${interruption.signal}) after measuring ${measurements.length} of ${bugs.length} bugs${rest}`);
    return interruptedExit;
  });
}

/** One bug's measurement, or null when a signal came before it was complete: half a measurement is none. */
async function measureUnlessInterrupted(bug: KnownBug, roots: readonly number[], guided: boolean, interruption: Interruption): Promise<BugMeasurement | null> {
  const steps = measureBug(bug, { roots, budget: 2000, shrinkBudget: 300, now: () => performance.now(), guided });
  let step = steps.next();
  while (step.done !== true) {
    await yieldToEventLoop();
    if (interruption.signal !== null) return null;
    step = steps.next();
  }
  return step.value;
}

function tableRow(measurement: BugMeasurement, bug: KnownBug): string {
  const checkers = [...new Set(measurement.checkers.map((checker) => checker ?? 'not found'))].join(', ');
  // The tests whose rule the bug breaks come first; the others it fails on the way are counted.
  const named = measurement.conformanceFailures.filter((name) => bug.conformance.includes(name));
  const others = measurement.conformanceFailures.length - named.length;
  const conformance = measurement.conformanceFailures.length === 0 ? '—' : [...named.map((name) => `\`${name}\``), ...(others > 0 ? [`${others} more`] : [])].join(', ');
  const seeds = measurement.medianSeeds === null ? `not found from every root (${measurement.seedsToDetection.join(', ')})` : `${measurement.medianSeeds} (${measurement.seedsToDetection.join(', ')})`;
  const size = measurement.shrunk;
  const shrunk = size === null ? '—' : `${size.actions} action${size.actions === 1 ? '' : 's'}, ${size.nodes} nodes, ${(size.durationMs / 1000).toFixed(1)} s`;
  return `| \`${measurement.name}\` | ${checkers} | ${conformance} | ${seeds} | ${formatMs(measurement.medianWallMs)} | ${shrunk} |`;
}

/** Plain and guided exploration side by side: runs to detection (each root's in brackets), wall time, and the cost of a run. */
function guidedTable(measurements: readonly BugMeasurement[]): string[] {
  const lines = [
    '| bug | plain: median seeds to detection | plain: median wall time | guided: median runs to detection | guided: median wall time | wall time per run, plain → guided |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const measurement of measurements) {
    const guided = measurement.guided!;
    const plain = `${measurement.medianSeeds ?? 'not found from every root'} (${measurement.seedsToDetection.map((count) => count ?? '—').join(', ')})`;
    const runs = `${guided.medianRuns ?? 'not found from every root'} (${guided.runsToDetection.map((count) => count ?? '—').join(', ')})`;
    const cost = `${measurement.wallMsPerSeed.toFixed(1)} ms → ${guided.wallMsPerRun.toFixed(1)} ms`;
    lines.push(`| \`${measurement.name}\` | ${plain} | ${formatMs(measurement.medianWallMs)} | ${runs} | ${formatMs(guided.medianWallMs)} | ${cost} |`);
  }
  return lines;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
