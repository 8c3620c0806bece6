/**
 * A history as JSON Lines (docs/history-format.md): one event a line, in the order they happened,
 * `{"index":0,"type":"invoke","process":0,"f":"put","key":"k1","value":"7","timeUs":120000}`.
 */
import type { HistoryEvent } from '../../sim/index.js';
import type { EventFields, ParsedHistory } from './event-fields.js';
import { eventFromFields } from './event-fields.js';

export function historyToJsonLines(events: readonly HistoryEvent[]): string {
  return events.map((event) => JSON.stringify({ index: event.index, type: event.type, process: event.process, f: event.f, key: event.key, value: event.value, timeUs: event.timeUs }) + '\n').join('');
}

export function parseJsonLinesHistory(text: string): ParsedHistory {
  const events: HistoryEvent[] = [];
  const lines = text.split('\n');
  for (let number = 1; number <= lines.length; number++) {
    const line = lines[number - 1]!.trim();
    if (line === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { ok: false, line: number, problem: 'not a JSON object' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, line: number, problem: 'not a JSON object' };
    const fields = parsed as Record<string, unknown>;
    const event = eventFromFields(readFields(fields), events.length);
    if (!event.ok) return { ok: false, line: number, problem: event.problem };
    events.push(event.event);
  }
  return { ok: true, events, lines: eventLines(text) };
}

function readFields(fields: Record<string, unknown>): EventFields {
  return { type: fields.type, process: fields.process, f: fields.f, key: fields.key, value: fields.value, timeUs: fields.timeUs, hasKey: 'key' in fields };
}

/** The line of each event, for problems found once events are paired. */
function eventLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() !== '') lines.push(index + 1);
  });
  return lines;
}
