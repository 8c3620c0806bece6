/**
 * The protocol options in a scenario file, under `cluster:`: each row's field, schema and default, how
 * it is read into the cluster and how it is written back. Read off the rows of protocol-options.ts, so
 * that an option added there is at once a field a file may hold.
 */
import { z } from 'zod';
import { formatDuration, positiveDuration } from '../sim/faults/document-fields.js';
import { range, rangeFromZero } from './durations.js';
import type { AnyProtocolOption, OptionKind, ProtocolOptionField, ProtocolOptionName, ProtocolOptionValues } from './protocol-options.js';
import { optionName, PROTOCOL_OPTION_LIST } from './protocol-options.js';

/** A protocol option's value in a file, by its kind (protocol-options.ts); durations as durations.ts reads them. */
function optionSchema(kind: OptionKind): z.ZodType {
  switch (kind.type) {
    case 'switch':
      return z.boolean();
    case 'count':
      return z.number().int().min(kind.min).max(kind.max);
    case 'duration':
      return positiveDuration;
    case 'duration-range':
      return kind.allowsZero ? rangeFromZero : range;
    case 'choice':
      return z.enum(kind.values as [string, ...string[]], { error: `one of ${kind.values.join(', ')}` });
  }
}

type OptionInput<Value> = Value extends boolean ? boolean : Value extends string ? string : Value extends number ? number | string : readonly [number | string, number | string];
type ProtocolOptionShape = {
  [Field in ProtocolOptionField as ProtocolOptionName<Field>]: z.ZodDefault<z.ZodType<ProtocolOptionValues[Field], OptionInput<ProtocolOptionValues[Field]>>>;
};

/** The fields under cluster: of the protocol options that pass the test, each defaulting as its row says. */
export function protocolOptionFields(which: (option: AnyProtocolOption) => boolean): ProtocolOptionShape {
  const fields = PROTOCOL_OPTION_LIST.filter(which).map((option) => {
    const fallback = Array.isArray(option.defaultValue) ? [...option.defaultValue] : option.defaultValue;
    return [optionName(option.field), optionSchema(option.kind).default(fallback)];
  });
  return Object.fromEntries(fields) as ProtocolOptionShape;
}

// A written scenario lists the disk's options after `members`, where files have always had them.
export const beforeMembers = (option: AnyProtocolOption) => option.configures !== 'disk';
export const afterMembers = (option: AnyProtocolOption) => option.configures === 'disk';

export function protocolOptionsFromDocument(cluster: { readonly [Name in ProtocolOptionName]: unknown }): ProtocolOptionValues {
  return Object.fromEntries(PROTOCOL_OPTION_LIST.map((option) => [option.field, cluster[optionName(option.field)]])) as unknown as ProtocolOptionValues;
}

/** The options that pass the test as a file writes them: each unless it holds its default and its row lets it be left out. */
export function protocolOptionsToDocument(cluster: ProtocolOptionValues, which: (option: AnyProtocolOption) => boolean): Record<string, unknown> {
  const written: Record<string, unknown> = {};
  for (const option of PROTOCOL_OPTION_LIST.filter(which)) {
    const value: unknown = cluster[option.field];
    if (!option.alwaysWritten && JSON.stringify(value) === JSON.stringify(option.defaultValue)) continue;
    written[optionName(option.field)] =
      option.kind.type === 'duration' ? formatDuration(value as number) : option.kind.type === 'duration-range' ? (value as readonly number[]).map(formatDuration) : value;
  }
  return written;
}
