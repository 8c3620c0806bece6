/**
 * The --param NAME=V1,V2,… flags of `experiment sweep`: a protocol option (any --policy name, its values
 * written as --policy takes them) or a setting of the network's weather. Each value keeps the text it was
 * written in, which is how tables and files name the setting.
 */
import { findProtocolOption, POLICY_NAMES } from '../../scenarios/index.js';
import type { SweepParameter, SweepValue, SweptNetwork } from '../../scenarios/index.js';
import { quoted } from '../../sim/printable.js';
import { parseDuration, UsageError } from '../arguments.js';
import { parsePolicies } from '../policies.js';

interface NetworkParameter {
  readonly name: string;
  readonly values: string;
  readonly read: (text: string, whole: string) => SweptNetwork;
}

const RATE = /^(0|1|0?\.\d+)$/;

function rate(name: string, field: 'lossRate' | 'duplicateRate' | 'reorderRate'): NetworkParameter {
  return {
    name,
    values: 'a probability from 0 to 1, such as 0.05',
    read: (text, whole) => {
      if (!RATE.test(text)) throw new UsageError(`--param ${quoted(whole)}: ${quoted(text)} is not a probability from 0 to 1, such as 0.05`);
      return { [field]: Number(text) };
    },
  };
}

/** "0", "5ms" or "1ms-3ms": a one-way latency drawn per message from the range; one time has no randomness. */
function latency(text: string, whole: string): SweptNetwork {
  const parts = text.split('-');
  if (parts.length > 2 || parts.some((part) => part === '')) throw new UsageError(`--param ${quoted(whole)}: ${quoted(text)} is not a latency such as 10ms or 1ms-3ms`);
  const [low, high] = parts.map((part) => (/^0(ms|s)?$/.test(part) ? 0 : parseDuration(`param ${whole}`, part)));
  const range: [number, number] = [low!, high ?? low!];
  if (range[1] < range[0]) throw new UsageError(`--param ${quoted(whole)}: ${quoted(text)} must be a range low-high with low ≤ high`);
  return { latencyMs: range };
}

const NETWORK_PARAMETERS: readonly NetworkParameter[] = [
  { name: 'latency', values: 'a one-way latency such as 10ms, or a range such as 1ms-3ms', read: latency },
  rate('loss', 'lossRate'),
  rate('duplication', 'duplicateRate'),
  rate('reorder', 'reorderRate'),
];

export const SWEEP_PARAMETER_NAMES: readonly string[] = [...NETWORK_PARAMETERS.map((parameter) => parameter.name), ...POLICY_NAMES];

export function parseSweepParameter(item: string): SweepParameter {
  const match = /^([A-Za-z]+)=(.*)$/.exec(item);
  if (match === null) throw new UsageError(`--param must be NAME=VALUE,VALUE,… (names: ${SWEEP_PARAMETER_NAMES.join(', ')}), got ${quoted(item)}`);
  const [, name, list] = match as unknown as [string, string, string];
  const texts = list.split(',').map((text) => text.trim());
  if (texts.some((text) => text === '')) throw new UsageError(`--param ${quoted(item)}: every value must be non-empty, separated by single commas`);
  const twice = texts.find((text, index) => texts.indexOf(text) !== index);
  if (twice !== undefined) throw new UsageError(`--param ${quoted(item)}: the value ${quoted(twice)} is given twice`);
  const network = NETWORK_PARAMETERS.find((parameter) => parameter.name === name);
  if (network !== undefined) return { name, values: texts.map((text): SweepValue => ({ label: text, policies: {}, network: network.read(text, item) })) };
  if (findProtocolOption(name) === undefined) throw new UsageError(`--param ${quoted(name)} is neither a network setting nor a policy (names: ${SWEEP_PARAMETER_NAMES.join(', ')})`);
  return { name, values: texts.map((text): SweepValue => ({ label: text, policies: policyValue(name, text), network: {} })) };
}

/** One value of a policy, read as --policy reads it, its errors naming --param. */
function policyValue(name: string, text: string): SweepValue['policies'] {
  try {
    return parsePolicies([`${name}=${text}`]).overrides;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(error.message.replace(/^--policy\b/, '--param'));
  }
}
