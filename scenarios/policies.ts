/**
 * Policies: the protocol options a run can switch on top of any scenario (a seed's swarm scenario or a
 * file), by name, as the CLI's --policy NAME=VALUE does. Each override replaces what the scenario set.
 */
import type { ProtocolOptionValues } from './protocol-options.js';
import { PROTOCOL_OPTION_LIST } from './protocol-options.js';
import type { ClusterSpec, Scenario } from './scenario.js';

export type PolicyOverrides = Partial<ProtocolOptionValues>;

export function applyPolicies(scenario: Scenario, overrides: PolicyOverrides): Scenario {
  const cluster: Record<string, unknown> = { ...scenario.cluster };
  for (const { field } of PROTOCOL_OPTION_LIST) if (overrides[field] !== undefined) cluster[field] = overrides[field];
  const withPolicies = { ...scenario, cluster: cluster as unknown as ClusterSpec };
  // A process pause stops a node's clock for as long as it lasts, beyond any drift a lease can assume:
  // switching lease reads on also takes the scenario's pauses out, as the swarm does for its own draws.
  if (overrides.leaseReads !== true) return withPolicies;
  const timeline = scenario.timeline.filter((step) => step.action.type !== 'pause' && step.action.type !== 'resume');
  return { ...withPolicies, timeline };
}
