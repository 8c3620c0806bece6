/**
 * Policies: the protocol options a run can switch on top of any scenario (a seed's swarm scenario or a
 * file), by name, as the CLI's --policy NAME=VALUE does. Each override replaces what the scenario set.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { boolean, checkArguments, integer, onlyFields, optional } from '../core/argument-checks.js';
import { DURATION_MS, SCENARIO } from './argument-rules.js';
import type { OptionKind, ProtocolOptionValues } from './protocol-options.js';
import { PROTOCOL_OPTION_LIST } from './protocol-options.js';
import type { ClusterSpec, Scenario } from './scenario.js';

export type PolicyOverrides = Partial<ProtocolOptionValues>;

/** [low, high] in milliseconds with low ≤ high; low above 0 unless zero is allowed. */
function durationRange(allowsZero: boolean): ArgumentRule {
  const expected = `a range [low, high] of milliseconds with 0 ${allowsZero ? '≤' : '<'} low ≤ high`;
  return (value) => {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((bound) => typeof bound === 'number')) return { kind: 'type', at: '', expected, value };
    const [low, high] = value as [number, number];
    const ordered = Number.isFinite(high) && (allowsZero ? low >= 0 : low > 0) && low <= high;
    return ordered ? null : { kind: 'range', at: '', expected, value };
  };
}

function valueRule(kind: OptionKind): ArgumentRule {
  switch (kind.type) {
    case 'switch':
      return boolean;
    case 'count':
      return integer(kind.min, kind.max);
    case 'duration':
      return DURATION_MS;
    case 'duration-range':
      return durationRange(kind.allowsZero);
  }
}

/** Overrides as an argument: protocol options by field, each a value its row takes. */
export const POLICY_OVERRIDES: ArgumentRule = onlyFields(
  'PolicyOverrides (protocol options by field, such as { preVote: true })',
  PROTOCOL_OPTION_LIST.map((option) => option.field),
  Object.fromEntries(PROTOCOL_OPTION_LIST.map((option) => [option.field, optional(valueRule(option.kind))])),
);

/**
 * The scenario with the protocol options given switched on or off; those left out keep the scenario's
 * values. Whether the options go together (lease reads need CheckQuorum) is judged when it runs.
 */
export function applyPolicies(scenario: Scenario, overrides: PolicyOverrides = {}): Scenario {
  checkArguments('applyPolicies', ['scenario', scenario, SCENARIO], ['overrides', overrides, POLICY_OVERRIDES]);
  const cluster: Record<string, unknown> = { ...scenario.cluster };
  for (const { field } of PROTOCOL_OPTION_LIST) if (overrides[field] !== undefined) cluster[field] = overrides[field];
  const withPolicies = { ...scenario, cluster: cluster as unknown as ClusterSpec };
  // A process pause stops a node's clock for as long as it lasts, beyond any drift a lease can assume:
  // switching lease reads on also takes the scenario's pauses out, as the swarm does for its own draws.
  if (overrides.leaseReads !== true) return withPolicies;
  const timeline = scenario.timeline.filter((step) => step.action.type !== 'pause' && step.action.type !== 'resume');
  return { ...withPolicies, timeline };
}
