/**
 * The README's policy table and its list of --policy examples, rendered from the protocol options'
 * rows (protocol-options.ts). test/readme.test.ts holds the README to exactly this, so it cannot drift.
 */
import type { AnyProtocolOption, OptionKind } from './protocol-options.js';
import { describeValues, optionName, PROTOCOL_OPTION_LIST } from './protocol-options.js';

export function policyTableMarkdown(): string {
  const rows = PROTOCOL_OPTION_LIST.map(
    (option) => `| \`${optionName(option.field)}=${option.example}\` | ${describeValues(option)} | ${describeDefault(option)} | ${option.meaning} |`,
  );
  return ['| policy | values | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** One example of each policy, as the README's --policy row lists them. */
export function policyExamplesMarkdown(): string {
  return PROTOCOL_OPTION_LIST.map((option) => `\`${optionName(option.field)}=${option.example}\``).join(', ');
}

function describeDefault(option: AnyProtocolOption): string {
  const text = formatValue(option.kind, option.defaultValue) + (option.defaultNote === undefined ? '' : ` (${option.defaultNote})`);
  const swarm = option.swarm;
  if (!('fixed' in swarm) || JSON.stringify(swarm.fixed) === JSON.stringify(option.defaultValue)) return text;
  return `${text} (swarm: ${formatValue(option.kind, swarm.fixed)})`;
}

function formatValue(kind: OptionKind, value: unknown): string {
  if (kind.type === 'duration') return `${String(value)} ms`;
  if (kind.type !== 'duration-range') return String(value);
  const [low, high] = value as readonly [number, number];
  return low === high ? `${low} ms` : `${low}–${high} ms`;
}
