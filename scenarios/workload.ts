/**
 * Which client workload a run's scenarios use, when a run imposes one (`--workload kv`): the key-value
 * workload in place of the digest commands. A seed's swarm scenario draws the key-value clients'
 * settings from a stream of its own, so that the draws of every other part stay what they were, and
 * leaves out the reads it drew for the digest workload: the key-value clients read through the same
 * read protocol, and what they saw is judged as a whole, by the linearizability check. A scenario given
 * as it is keeps the settings it has, or takes the defaults.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { boolean, oneOf, optional, optionsOf } from '../core/argument-checks.js';
import type { KvWorkloadOptions } from '../sim/index.js';
import { DEFAULT_KV_WORKLOAD, RandomStream } from '../sim/index.js';
import type { Scenario } from './scenario.js';

export type WorkloadChoice =
  | { readonly kind: 'digest' }
  | {
      readonly kind: 'kv';
      /** Client sessions (dissertation §6.3); absent, on. */
      readonly sessions?: boolean;
    };

export const WORKLOAD_CHOICE: ArgumentRule = optionsOf<{ kind: string; sessions?: boolean }>('WorkloadChoice { kind: "kv" or "digest", sessions? }', {
  kind: oneOf(['kv', 'digest']),
  sessions: optional(boolean),
});

/** The scenario with the key-value workload, its settings drawn for the seed (a swarm scenario) or the scenario's own. */
export function withWorkload(scenario: Scenario, choice: WorkloadChoice, drawnForSeed: number | null): Scenario {
  if (choice.kind === 'digest') {
    const { kv: _dropped, ...rates } = scenario.workload;
    return { ...scenario, workload: rates };
  }
  const base = scenario.workload.kv ?? (drawnForSeed === null ? DEFAULT_KV_WORKLOAD : swarmKvWorkload(drawnForSeed));
  const kv: KvWorkloadOptions = choice.sessions === undefined ? base : { ...base, sessions: choice.sessions };
  const readsPerSecond = drawnForSeed === null ? scenario.workload.readsPerSecond : 0;
  return { ...scenario, workload: { ...scenario.workload, readsPerSecond, kv } };
}

/** A seed's key-value clients: few keys and several clients, so that operations meet on a key. */
export function swarmKvWorkload(seed: number): KvWorkloadOptions {
  const random = new RandomStream(seed, 'swarm-kv-workload');
  return {
    ...DEFAULT_KV_WORKLOAD,
    keys: random.pick([1, 2, 3, 5]),
    clients: random.pick([2, 3, 4, 6]),
    timeoutMs: random.pick([150, 300, 600]),
    retries: random.pick([1, 2, 4]),
  };
}
