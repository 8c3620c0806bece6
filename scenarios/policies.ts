/**
 * Policies: the protocol options a run can switch on top of any scenario (a seed's swarm scenario or a
 * file), by name, as the CLI's --policy NAME=VALUE does. Each override replaces what the scenario set.
 *
 * An option that needs another (lease reads need CheckQuorum: its row's `needs`) brings it along, so
 * that whether a policy can run never depends on what a seed drew: `leaseReads=true` also switches
 * CheckQuorum on, `checkQuorum=false` also switches lease reads off, and the two together are refused
 * (`policiesProblem`) before anything runs.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { boolean, checkArguments, integer, oneOf, onlyFields, optional } from '../core/argument-checks.js';
import { DURATION_MS, SCENARIO } from './argument-rules.js';
import type { AnyProtocolOption, OptionKind, OptionNeed, ProtocolOptionValues } from './protocol-options.js';
import { optionName, PROTOCOL_OPTION_LIST } from './protocol-options.js';
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
    case 'choice':
      return oneOf(kind.values);
  }
}

/** Overrides as an argument: protocol options by field, each a value its row takes. */
export const POLICY_OVERRIDES: ArgumentRule = onlyFields(
  'PolicyOverrides (protocol options by field, such as { preVote: true })',
  PROTOCOL_OPTION_LIST.map((option) => option.field),
  Object.fromEntries(PROTOCOL_OPTION_LIST.map((option) => [option.field, optional(valueRule(option.kind))])),
);

/** The scenario with the protocol options given switched on or off (and those they need); those left out keep the scenario's values. */
export function applyPolicies(scenario: Scenario, overrides: PolicyOverrides = {}): Scenario {
  checkArguments('applyPolicies', ['scenario', scenario, SCENARIO], ['overrides', overrides, POLICY_OVERRIDES]);
  const complete = withNeeds(overrides);
  const cluster: Record<string, unknown> = { ...scenario.cluster };
  for (const { field } of PROTOCOL_OPTION_LIST) if (complete[field] !== undefined) cluster[field] = complete[field];
  const withPolicies = { ...scenario, cluster: cluster as unknown as ClusterSpec };
  // A process pause stops a node's clock for as long as it lasts, beyond any drift a lease can assume:
  // switching lease reads on also takes the scenario's pauses out, as the swarm does for its own draws.
  if (complete.leaseReads !== true) return withPolicies;
  const timeline = scenario.timeline.filter((step) => step.action.type !== 'pause' && step.action.type !== 'resume');
  return { ...withPolicies, timeline };
}

/** Two policies that set one option against what another needs (`leaseReads=true` with `checkQuorum=false`), or null. */
export function policiesProblem(overrides: PolicyOverrides): string | null {
  for (const { option, need } of optionNeeds()) {
    const value = overrides[option.field];
    const other = overrides[need.needs.field];
    if (value === undefined || other === undefined || !sameValue(value, need.when) || sameValue(other, need.needs.value)) continue;
    return (
      `${setting(option.field, value)} needs ${setting(need.needs.field, need.needs.value)} (${need.because}), ` +
      `but ${setting(need.needs.field, other)} is given too`
    );
  }
  return null;
}

/**
 * The overrides with what their options need: an option set to a value that needs another sets that
 * other too, and an option whose need a policy takes away goes back to its default. What the overrides
 * set themselves stays as they set it (policiesProblem names a conflict).
 */
export function withNeeds(overrides: PolicyOverrides): PolicyOverrides {
  const complete: Record<string, unknown> = { ...overrides };
  for (const { option, need } of optionNeeds()) {
    const value = overrides[option.field];
    const other = overrides[need.needs.field];
    if (value !== undefined && sameValue(value, need.when)) {
      if (other === undefined) complete[need.needs.field] = need.needs.value;
    } else if (value === undefined && other !== undefined && !sameValue(other, need.needs.value)) {
      complete[option.field] = option.defaultValue;
    }
  }
  return complete as PolicyOverrides;
}

function optionNeeds(): { readonly option: AnyProtocolOption; readonly need: OptionNeed<unknown> }[] {
  return PROTOCOL_OPTION_LIST.flatMap((option) => (option.needs === undefined ? [] : [{ option, need: option.needs as OptionNeed<unknown> }]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function setting(field: keyof ProtocolOptionValues, value: unknown): string {
  return `${optionName(field)}=${Array.isArray(value) ? value.map((part) => `${String(part)}ms`).join('-') : String(value)}`;
}
