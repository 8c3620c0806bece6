/**
 * Exploration: many seeded runs, each with its own swarm configuration and fault schedule, every
 * checker watching every step. A failing seed comes back with the command that replays it.
 */
import type { RaftImplementation } from '../core/contract.js';
import { referenceImplementation } from '../core/node.js';
import type { Violation } from '../sim/index.js';
import { runSimulation } from '../sim/index.js';
import { replayCommand } from './replay-command.js';
import type { FaultMode } from './swarm.js';
import { optionsForSeed } from './swarm.js';

export interface ExploreOptions {
  /** The first seed; seeds run from it upward. */
  readonly fromSeed: number;
  readonly seeds: number;
  /** null: each seed draws its cluster size. */
  readonly nodeCount: number | null;
  readonly durationMs: number;
  readonly faults: FaultMode;
  /** The implementation under test and the name the replay command gives it (null: the reference core). */
  readonly implementation: RaftImplementation;
  readonly bug: string | null;
  /** Called after every seed, for progress bars. */
  readonly onSeedDone?: (done: number, failed: number) => void;
}

export const DEFAULT_EXPLORE_OPTIONS: ExploreOptions = {
  fromSeed: 1,
  seeds: 2000,
  nodeCount: null,
  durationMs: 10_000,
  faults: 'swarm',
  implementation: referenceImplementation,
  bug: null,
};

export interface ExploreFailure {
  readonly seed: number;
  readonly checker: Violation['checker'];
  readonly message: string;
  readonly replay: string;
  readonly violation: Violation;
  readonly traceHash: string;
}

export interface ExploreResult {
  readonly fromSeed: number;
  readonly seeds: number;
  readonly passed: number;
  readonly failed: readonly ExploreFailure[];
  /** Runs that hit their event bound before their duration; they count as passed. */
  readonly eventLimited: number;
  readonly totalEvents: number;
  readonly totalVirtualMs: number;
}

export function explore(input: Partial<ExploreOptions> = {}): ExploreResult {
  const options: ExploreOptions = { ...DEFAULT_EXPLORE_OPTIONS, ...input };
  const failed: ExploreFailure[] = [];
  let passed = 0;
  let eventLimited = 0;
  let totalEvents = 0;
  let totalVirtualMs = 0;
  for (let offset = 0; offset < options.seeds; offset++) {
    const seed = options.fromSeed + offset;
    const result = runSimulation(
      optionsForSeed(seed, {
        nodeCount: options.nodeCount,
        durationMs: options.durationMs,
        implementation: options.implementation,
        faults: options.faults,
        trace: 'hash',
      }),
    );
    totalEvents += result.events;
    totalVirtualMs += result.virtualMs;
    const violation = result.violations[0];
    if (violation === undefined) {
      passed++;
      if (result.outcome === 'event-limit') eventLimited++;
    } else {
      failed.push({
        seed,
        checker: violation.checker,
        message: violation.message,
        replay: replayCommand({ seed, nodeCount: options.nodeCount, durationMs: options.durationMs, bug: options.bug, faults: options.faults }),
        violation,
        traceHash: result.traceHash,
      });
    }
    options.onSeedDone?.(offset + 1, failed.length);
  }
  return { fromSeed: options.fromSeed, seeds: options.seeds, passed, failed, eventLimited, totalEvents, totalVirtualMs };
}
