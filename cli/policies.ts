/**
 * The --policy NAME=VALUE flags: which protocol option a name stands for, the values it takes and its
 * range come from its row (scenarios/protocol-options.ts); how a value is written on a command line
 * (`true`, `8`, `50ms`, `150ms-300ms`) is the CLI's.
 */
import { describeValues, findProtocolOption, optionName, policiesProblem, POLICY_NAMES } from '../scenarios/index.js';
import type { AnyProtocolOption, PolicyOverrides } from '../scenarios/index.js';
import { quoted } from '../sim/printable.js';
import { findKnownBug } from '../bugs/index.js';
import { parseDuration, UsageError } from './arguments.js';

/**
 * Parses repeated --policy NAME=VALUE flags; returns the overrides and the flags to repeat in a replay.
 * A known bug in an integrity defence (`bug`) brings that integrity level, unless a flag sets another.
 */
export function parsePolicies(values: unknown, bug: string | null = null): { readonly overrides: PolicyOverrides; readonly flags: readonly string[] } {
  const given = values === undefined ? [] : Array.isArray(values) ? values.map(String) : [String(values)];
  const bugIntegrity = bug === null ? undefined : findKnownBug(bug)?.integrity;
  const list = bugIntegrity === undefined || given.some((item) => item.startsWith('integrity=')) ? given : [...given, `integrity=${bugIntegrity}`];
  const overrides: Record<string, unknown> = {};
  for (const item of list) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(item);
    if (match === null) throw new UsageError(`--policy must be NAME=VALUE (names: ${POLICY_NAMES.join(', ')}), got ${quoted(item)}`);
    const [, name, value] = match as unknown as [string, string, string];
    const option = findProtocolOption(name);
    if (option === undefined) throw new UsageError(`--policy ${quoted(name)} is not a policy (names: ${POLICY_NAMES.join(', ')})`);
    overrides[option.field] = parsePolicyValue(option, value);
  }
  const conflict = policiesProblem(overrides as PolicyOverrides);
  if (conflict !== null) throw new UsageError(`--policy ${conflict}`);
  return { overrides: overrides as PolicyOverrides, flags: list.map((item) => `--policy ${item}`) };
}

function parsePolicyValue(option: AnyProtocolOption, value: string): unknown {
  const name = optionName(option.field);
  const refuse = (): never => {
    throw new UsageError(`--policy ${name} must be ${describeValues(option)}, got ${quoted(value)}`);
  };
  const kind = option.kind;
  switch (kind.type) {
    case 'switch':
      return value === 'true' || value === 'false' ? value === 'true' : refuse();
    case 'count':
      return /^\d+$/.test(value) && Number(value) >= kind.min && Number(value) <= kind.max ? Number(value) : refuse();
    case 'duration':
      return parseDuration(`policy ${name}`, value);
    case 'duration-range': {
      const parts = value.split('-');
      if (parts.length !== 2) refuse();
      // A disk may be instant: its range may start (or be) 0, which parseDuration refuses.
      const [low, high] = parts.map((part) => (kind.allowsZero && /^0(ms|s|m|h)?$/.test(part) ? 0 : parseDuration(`policy ${name}`, part))) as [number, number];
      if (high < low) throw new UsageError(`--policy ${name} must be a range [low, high] with low ≤ high, got ${quoted(value)}`);
      return [low, high];
    }
    case 'choice':
      return kind.values.includes(value) ? value : refuse();
  }
}
