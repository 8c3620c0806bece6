/**
 * A history in Jepsen's format: EDN maps, one an operation event, `{:type :invoke, :f :write, :value
 * [k v], :process 0, :time 120000000, :index 0}`, as Knossos, Elle and Porcupine's Jepsen reader take
 * them. Keys go in Jepsen's independent tuples `[key value]`; a history of one register gives bare
 * values. Times are nanoseconds. Events of a process that is no number (Jepsen's `:nemesis`) are left
 * out, since they are not client operations.
 */
import type { HistoryEvent } from '../../sim/index.js';
import type { EdnValue } from './edn-reader.js';
import { EdnError, EdnKeyword, EdnMap, EdnReader } from './edn-reader.js';
import type { ParsedHistory } from './event-fields.js';
import { eventFromFields } from './event-fields.js';

const EDN_FUNCTION: Readonly<Record<HistoryEvent['f'], string>> = { get: 'read', put: 'write', append: 'append', cas: 'cas' };

export function historyToEdn(events: readonly HistoryEvent[]): string {
  return events
    .map((event) => {
      const value = event.f === 'cas' ? `[${ednString(event.key)} [${ednOf((event.value as readonly [string | null, string])[0])} ${ednOf((event.value as readonly [string | null, string])[1])}]]` : `[${ednString(event.key)} ${ednOf(event.value as string | null)}]`;
      return `{:index ${event.index}, :type :${event.type}, :f :${EDN_FUNCTION[event.f]}, :value ${value}, :process ${event.process}, :time ${Math.round(event.timeUs * 1000)}}\n`;
    })
    .join('');
}

function ednOf(value: string | null): string {
  return value === null ? 'nil' : ednString(value);
}

function ednString(text: string): string {
  return JSON.stringify(text);
}

export function parseEdnHistory(text: string): ParsedHistory {
  const reader = new EdnReader(text);
  const events: HistoryEvent[] = [];
  const lines: number[] = [];
  try {
    // A history may be one vector or list of maps, or the maps one after another.
    const wrapped = reader.peek() === '[' || reader.peek() === '(';
    if (wrapped) reader.skip();
    while (reader.more()) {
      if (wrapped && (reader.peek() === ']' || reader.peek() === ')')) {
        reader.skip();
        if (reader.more()) return { ok: false, line: reader.line, problem: 'text after the history' };
        break;
      }
      const line = reader.line;
      const value = reader.read();
      if (!(value instanceof EdnMap)) return { ok: false, line, problem: 'an event must be a map such as {:type :invoke, :f :read, :process 0}' };
      if (typeof value.get('process') !== 'number') continue;
      const event = eventFromFields(fieldsOf(value), events.length);
      if (!event.ok) return { ok: false, line, problem: event.problem };
      events.push(event.event);
      lines.push(line);
    }
  } catch (error) {
    if (error instanceof EdnError) return { ok: false, line: error.line, problem: error.message };
    throw error;
  }
  return { ok: true, events, lines };
}

function fieldsOf(map: EdnMap) {
  const f = keywordName(map.get('f'));
  const raw = map.get('value');
  const tuple = splitTuple(f, raw);
  const time = map.get('time');
  return {
    type: keywordName(map.get('type')),
    process: map.get('process'),
    f,
    key: tuple === null ? undefined : plain(tuple[0]),
    value: plain(tuple === null ? raw : tuple[1]),
    timeUs: typeof time === 'number' ? time / 1000 : undefined,
    hasKey: tuple !== null,
  };
}

/** `[key value]` for a keyed history; null for a single register's bare value. */
function splitTuple(f: unknown, value: EdnValue | undefined): [EdnValue, EdnValue] | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  // A single register's compare-and-set is [from to]; a keyed one is [key [from to]].
  if (f === 'cas' && !Array.isArray(value[1])) return null;
  return [value[0]!, value[1]!];
}

function keywordName(value: EdnValue | undefined): unknown {
  return value instanceof EdnKeyword ? value.name : value;
}

/** An EDN value as the checks read it: keywords by name, vectors as arrays. */
function plain(value: EdnValue | undefined): unknown {
  if (value instanceof EdnKeyword) return value.name;
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof EdnMap) return '{…}';
  return value;
}
