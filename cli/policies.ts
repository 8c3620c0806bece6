import { POLICY_NAMES } from '../scenarios/index.js';
import type { PolicyOverrides } from '../scenarios/index.js';
import { parseDuration, UsageError } from './arguments.js';

/** Parses repeated --policy NAME=VALUE flags; returns the overrides and the flags to repeat in a replay. */
export function parsePolicies(values: unknown): { readonly overrides: PolicyOverrides; readonly flags: readonly string[] } {
  const list = values === undefined ? [] : Array.isArray(values) ? values.map(String) : [String(values)];
  const overrides: Record<string, unknown> = {};
  for (const item of list) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(item);
    if (match === null) throw new UsageError(`--policy must be NAME=VALUE (names: ${POLICY_NAMES.join(', ')}), got "${item}"`);
    const [, name, value] = match as unknown as [string, string, string];
    switch (name) {
      case 'preVote':
      case 'checkQuorum':
      case 'leaseReads':
        if (value !== 'true' && value !== 'false') throw new UsageError(`--policy ${name} must be true or false, got "${value}"`);
        overrides[name] = value === 'true';
        break;
      case 'maxEntriesPerAppend':
      case 'maxInflightAppends':
      case 'snapshotThreshold': {
        const [low, high] = name === 'snapshotThreshold' ? [0, 1_000_000] : name === 'maxInflightAppends' ? [1, 10_000] : [1, 100_000];
        if (!/^\d+$/.test(value) || Number(value) < low || Number(value) > high) {
          throw new UsageError(`--policy ${name} must be a whole number from ${low} to ${high}, got "${value}"`);
        }
        overrides[name] = Number(value);
        break;
      }
      case 'heartbeat':
        overrides.heartbeatMs = parseDuration('policy heartbeat', value);
        break;
      case 'electionTimeout':
      case 'diskLatency': {
        const parts = value.split('-');
        if (parts.length !== 2) throw new UsageError(`--policy ${name} must be a range such as 150ms-300ms, got "${value}"`);
        const low = name === 'diskLatency' && /^0(ms|s)?$/.test(parts[0]!) ? 0 : parseDuration(`policy ${name}`, parts[0]);
        const high = name === 'diskLatency' && /^0(ms|s)?$/.test(parts[1]!) ? 0 : parseDuration(`policy ${name}`, parts[1]);
        if (high < low) throw new UsageError(`--policy ${name} must be a range [low, high] with low ≤ high, got "${value}"`);
        overrides[name === 'electionTimeout' ? 'electionTimeoutMs' : 'diskLatencyMs'] = [low, high];
        break;
      }
      default:
        throw new UsageError(`--policy "${name}" is not a policy (names: ${POLICY_NAMES.join(', ')})`);
    }
  }
  return { overrides: overrides as PolicyOverrides, flags: list.map((item) => `--policy ${item}`) };
}
