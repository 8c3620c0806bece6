/**
 * Runs one generation of a guided exploration on several isolated runners at once. The runners live as
 * long as the exploration (a worker takes long to start; a generation is a handful of runs), each takes
 * the next run not yet started, and the results come back in run order, so that the exploration folds
 * them as one runner would have. A run whose implementation misbehaves fails as in plain exploration.
 */
import type { ExploreResult, GuidedExploration, PlannedRun } from '../../scenarios/index.js';
import { IsolatedRunner } from './isolated-runner.js';
import type { IsolationLimits, Misbehaviour } from './isolated-runner.js';
import { misbehaviourFailure } from './isolated-explore.js';
import type { ImplementationSource } from './protocol.js';

export class GenerationPool {
  private readonly runners: IsolatedRunner[];

  constructor(source: ImplementationSource, limits: IsolationLimits, workers: number) {
    this.runners = Array.from({ length: workers }, () => new IsolatedRunner(source, limits));
  }

  /** The results of the generation's runs in run order: all of them, or those before the first that `shouldStop` kept from starting. */
  async run(exploration: GuidedExploration, generation: readonly PlannedRun[], shouldStop: () => boolean): Promise<ExploreResult[]> {
    const results: (ExploreResult | undefined)[] = [];
    let next = 0;
    let end = generation.length;
    const lane = async (runner: IsolatedRunner): Promise<void> => {
      while (next < end) {
        if (shouldStop()) {
          end = Math.min(end, next);
          return;
        }
        const index = next++;
        results[index] = await runOne(runner, exploration, generation[index]!);
      }
    };
    await Promise.all(this.runners.map(lane));
    return results.slice(0, end) as ExploreResult[];
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.close()));
  }
}

async function runOne(runner: IsolatedRunner, exploration: GuidedExploration, planned: PlannedRun): Promise<ExploreResult> {
  const options = exploration.runOptions(planned);
  const streamed: ExploreResult[] = [];
  const job = { kind: 'explore-seeds', options, seed: planned.scenario.seed, offset: planned.offset, count: 1 } as const;
  const outcome = await runner.run(job, (data) => streamed.push(data as ExploreResult));
  if (outcome.ok && streamed[0] !== undefined) return streamed[0];
  const misbehaviour: Misbehaviour = outcome.ok ? { kind: 'implementation-error', message: 'the worker sent no result', reason: 'no result', virtualMs: 0, event: 0 } : outcome.misbehaviour;
  const failure = { ...misbehaviourFailure(planned.scenario.seed, misbehaviour, options), scenario: planned.scenario };
  return { fromSeed: planned.scenario.seed, seeds: 1, stoppedEarly: false, passed: 0, failed: [failure], eventLimited: 0, totalEvents: 0, totalVirtualMs: 0, statistics: null };
}
