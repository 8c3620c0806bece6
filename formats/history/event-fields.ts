/**
 * One event of a history file as its fields were read, in either format, checked and turned into a
 * history event: the functions and their aliases (Knossos names a register's get `read` and its put
 * `write`), the types, the values each function takes.
 */
import type { HistoryEvent, KvFunctionName } from './types.js';

export interface EventFields {
  readonly type: unknown;
  readonly process: unknown;
  readonly f: unknown;
  readonly key: unknown;
  readonly value: unknown;
  readonly timeUs: unknown;
  /** Whether the event names a key; a history of a single register names none. */
  readonly hasKey: boolean;
}

export type ParsedHistory =
  | { readonly ok: true; readonly events: HistoryEvent[]; /** The file's line of each event. */ readonly lines: readonly number[] }
  | { readonly ok: false; readonly line: number; readonly problem: string };

/** The key of the events of a history that names none: one register. */
export const SINGLE_REGISTER_KEY = 'register';

const FUNCTIONS: Readonly<Record<string, KvFunctionName>> = { get: 'get', read: 'get', put: 'put', write: 'put', append: 'append', cas: 'cas' };
const TYPES = ['invoke', 'ok', 'fail', 'info'];

export function eventFromFields(fields: EventFields, index: number): { ok: true; event: HistoryEvent } | { ok: false; problem: string } {
  const type = fields.type;
  if (typeof type !== 'string' || !TYPES.includes(type)) return { ok: false, problem: `type must be invoke, ok, fail or info, got ${show(type)}` };
  if (typeof fields.process !== 'number' || !Number.isSafeInteger(fields.process)) return { ok: false, problem: `process must be a whole number, got ${show(fields.process)}` };
  const f = typeof fields.f === 'string' ? FUNCTIONS[fields.f] : undefined;
  if (f === undefined) return { ok: false, problem: `f must be get, put, append or cas (or read, write), got ${show(fields.f)}` };
  const key = fields.hasKey ? scalar(fields.key) : SINGLE_REGISTER_KEY;
  if (key === undefined || key === null) return { ok: false, problem: `key must be a string or a number, got ${show(fields.key)}` };
  const timeUs = fields.timeUs === undefined ? 0 : fields.timeUs;
  if (typeof timeUs !== 'number' || !Number.isFinite(timeUs)) return { ok: false, problem: `the time must be a number, got ${show(fields.timeUs)}` };
  const value = eventValue(f, type, fields.value);
  if (value === undefined) return { ok: false, problem: `${show(fields.value)} is not a value of ${f} (${VALUE_SHAPES[f]})` };
  return { ok: true, event: { index, type: type as HistoryEvent['type'], process: fields.process, f, key, value, timeUs } };
}

const VALUE_SHAPES: Readonly<Record<KvFunctionName, string>> = {
  get: 'the value read, or null',
  put: 'the value written',
  append: 'the value appended',
  cas: '[expected, new]',
};

function eventValue(f: KvFunctionName, type: string, value: unknown): HistoryEvent['value'] | undefined {
  if (f === 'cas') {
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const from = scalar(value[0]);
    const to = scalar(value[1]);
    return from === undefined || to === undefined || to === null ? undefined : [from, to];
  }
  const read = scalar(value);
  if (f === 'get') return read === undefined ? (type === 'ok' ? undefined : null) : read;
  return read === undefined || read === null ? (type === 'invoke' ? undefined : null) : read;
}

/** A value as the history compares it: text (numbers written as they read), or null. */
export function scalar(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
