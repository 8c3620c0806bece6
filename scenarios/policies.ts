/**
 * Policies: the protocol options a run can switch on top of any scenario (a seed's swarm scenario or a
 * file), by name, as the CLI's --policy NAME=VALUE does. Each override replaces what the scenario set.
 */
import type { ClusterSpec, Scenario } from './scenario.js';

export interface PolicyOverrides {
  readonly preVote?: boolean;
  readonly checkQuorum?: boolean;
  readonly leaseReads?: boolean;
  readonly maxEntriesPerAppend?: number;
  readonly maxInflightAppends?: number;
  readonly snapshotThreshold?: number;
  readonly heartbeatMs?: number;
  readonly electionTimeoutMs?: readonly [number, number];
  readonly diskLatencyMs?: readonly [number, number];
}

export const POLICY_NAMES = [
  'preVote',
  'checkQuorum',
  'leaseReads',
  'maxEntriesPerAppend',
  'maxInflightAppends',
  'snapshotThreshold',
  'heartbeat',
  'electionTimeout',
  'diskLatency',
] as const;

export function applyPolicies(scenario: Scenario, overrides: PolicyOverrides): Scenario {
  const cluster: ClusterSpec = {
    ...scenario.cluster,
    ...(overrides.preVote === undefined ? {} : { preVote: overrides.preVote }),
    ...(overrides.checkQuorum === undefined ? {} : { checkQuorum: overrides.checkQuorum }),
    ...(overrides.leaseReads === undefined ? {} : { leaseReads: overrides.leaseReads }),
    ...(overrides.maxEntriesPerAppend === undefined ? {} : { maxEntriesPerAppend: overrides.maxEntriesPerAppend }),
    ...(overrides.maxInflightAppends === undefined ? {} : { maxInflightAppends: overrides.maxInflightAppends }),
    ...(overrides.snapshotThreshold === undefined ? {} : { snapshotThreshold: overrides.snapshotThreshold }),
    ...(overrides.heartbeatMs === undefined ? {} : { heartbeatMs: overrides.heartbeatMs }),
    ...(overrides.electionTimeoutMs === undefined ? {} : { electionTimeoutMs: overrides.electionTimeoutMs }),
    ...(overrides.diskLatencyMs === undefined ? {} : { diskLatencyMs: overrides.diskLatencyMs }),
  };
  // A process pause stops a node's clock for as long as it lasts, beyond any drift a lease can assume:
  // switching lease reads on also takes the scenario's pauses out, as the swarm does for its own draws.
  if (overrides.leaseReads !== true) return { ...scenario, cluster };
  const timeline = scenario.timeline.filter((step) => step.action.type !== 'pause' && step.action.type !== 'resume');
  return { ...scenario, cluster, timeline };
}
