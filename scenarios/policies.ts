/**
 * Policies: the protocol options a run can switch on top of any scenario (a seed's swarm scenario or a
 * file), by name, as the CLI's --policy NAME=VALUE does. Each override replaces what the scenario set.
 */
import type { ClusterSpec, Scenario } from './scenario.js';

export interface PolicyOverrides {
  readonly preVote?: boolean;
  readonly checkQuorum?: boolean;
  readonly maxEntriesPerAppend?: number;
  readonly heartbeatMs?: number;
  readonly electionTimeoutMs?: readonly [number, number];
  readonly diskLatencyMs?: readonly [number, number];
}

export const POLICY_NAMES = ['preVote', 'checkQuorum', 'maxEntriesPerAppend', 'heartbeat', 'electionTimeout', 'diskLatency'] as const;

export function applyPolicies(scenario: Scenario, overrides: PolicyOverrides): Scenario {
  const cluster: ClusterSpec = {
    ...scenario.cluster,
    ...(overrides.preVote === undefined ? {} : { preVote: overrides.preVote }),
    ...(overrides.checkQuorum === undefined ? {} : { checkQuorum: overrides.checkQuorum }),
    ...(overrides.maxEntriesPerAppend === undefined ? {} : { maxEntriesPerAppend: overrides.maxEntriesPerAppend }),
    ...(overrides.heartbeatMs === undefined ? {} : { heartbeatMs: overrides.heartbeatMs }),
    ...(overrides.electionTimeoutMs === undefined ? {} : { electionTimeoutMs: overrides.electionTimeoutMs }),
    ...(overrides.diskLatencyMs === undefined ? {} : { diskLatencyMs: overrides.diskLatencyMs }),
  };
  return { ...scenario, cluster };
}
