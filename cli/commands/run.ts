import { renderSummary, renderTimeline, runToJson } from '../../reports/index.js';
import { optionsForSeed, replayCommand } from '../../scenarios/index.js';
import { runSimulation } from '../../sim/index.js';
import { chooseImplementation, parseDuration, parseFaultMode, parseNodeCount, parseSeed } from '../arguments.js';
import type { Output } from '../terminal.js';

export interface RunArguments {
  readonly seed: unknown;
  readonly nodes: unknown;
  readonly duration: unknown;
  readonly faults: unknown;
  readonly bug: unknown;
  readonly json: boolean;
}

/** Returns the exit code: 0 when every check held, 1 when one failed. */
export function runCommand(args: RunArguments, output: Output): number {
  const seed = parseSeed('seed', args.seed);
  const nodeCount = args.nodes === undefined ? null : parseNodeCount(args.nodes);
  const durationMs = parseDuration('duration', args.duration);
  const faults = parseFaultMode(args.faults);
  const { implementation, bug } = chooseImplementation(args.bug);
  const options = optionsForSeed(seed, { nodeCount, durationMs, implementation, faults, trace: args.json ? 'hash' : 'full' });
  const result = runSimulation(options);
  const replay = replayCommand({ seed, nodeCount, durationMs, bug, faults });
  if (args.json) {
    output.out(JSON.stringify(runToJson(result, replay), null, 2));
  } else {
    for (const line of renderTimeline(result, output.chalk)) output.out(line);
    for (const line of renderSummary(result, replay, output.chalk)) output.out(line);
  }
  return result.violations.length > 0 ? 1 : 0;
}
