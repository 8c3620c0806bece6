/** The page's head and the panels that do not move with the cursor: the run's summary and its violations. */
import { byId, element, fieldWords, formatShortTime, formatTime, keepChildren, setClass, setText } from './dom.js';
import type { TraceData } from './trace-data.js';
import type { Viewer } from './viewer.js';

export function renderHeader(trace: TraceData): void {
  const header = trace.header;
  const scenario = header.scenario as { name?: string } | undefined;
  const scenarioName = scenario && scenario.name ? scenario.name : 'run';
  setText(byId('title'), 'raftsim \u00b7 ' + scenarioName + ' \u00b7 seed ' + header.seed);
  const outcome = byId('outcome');
  setText(outcome, trace.trailer.passed ? 'all checks held' : 'a check failed');
  setClass(outcome, trace.trailer.passed ? 'badge passed' : 'badge failed');
  setText(byId('replay'), header.replay);
}

function makeStat(): HTMLDivElement {
  const pair = element('div', 'stat');
  pair.appendChild(element('dt'));
  pair.appendChild(element('dd'));
  return pair;
}

/** The run's figures, each label and its value in one box, so that a wrapping grid never parts them; boxes are reused when redrawn. */
export function renderSummary(trace: TraceData): void {
  const pairs: [string, unknown][] = [];
  const add = (label: string, value: unknown) => pairs.push([label, value]);
  const { header, trailer } = trace;
  add('nodes', trace.nodeCount);
  add('implementation', header.implementation);
  add('virtual time', formatShortTime(trailer.virtualMs * 1000));
  add('events', trailer.events);
  add('trace records', trailer.records);
  add('outcome', trailer.outcome);
  add('trace hash', trailer.traceHash);
  add('raftsim', header.raftsim);
  const stats = trailer.stats as unknown as Record<string, unknown>;
  Object.keys(stats).forEach((key) => {
    const value = stats[key];
    if (value !== null && typeof value === 'object') {
      const inner = value as Record<string, unknown>;
      Object.keys(inner).forEach((name) => {
        const number = inner[name];
        add(fieldWords(key).replace(' (ms)', '') + ' ' + name + (/Ms$/.test(key) && name !== 'count' ? ' (ms)' : ''), typeof number === 'number' && !Number.isInteger(number) ? number.toFixed(2) : JSON.stringify(number));
      });
    } else add(fieldWords(key), value === null ? '\u2013' : value);
  });
  const boxes = keepChildren(byId('summary'), pairs.length, makeStat);
  pairs.forEach(([label, value], index) => {
    setText(boxes[index]!.firstElementChild as HTMLElement, label);
    setText(boxes[index]!.lastElementChild as HTMLElement, value);
  });
  renderOutcomes(trace);
}

/** Each expectation with whether it held, and each failure other than a violation (those have their own panel). */
function renderOutcomes(trace: TraceData): void {
  const items: [string, string][] = [];
  const expectations = (trace.trailer.expectations || []) as readonly { passed: boolean; expectation: string; detail: string }[];
  expectations.forEach((item) => items.push([item.passed ? 'passed' : 'failed', (item.passed ? '\u2713 ' : '\u2717 ') + item.expectation + ': ' + item.detail]));
  const failures = (trace.trailer.failures || []) as readonly { kind: string; message: string }[];
  failures.forEach((item) => {
    if (item.kind !== 'violation') items.push(['failed', '\u2717 ' + item.kind + ': ' + item.message]);
  });
  const rows = keepChildren(byId('expectations'), items.length, () => element('li'));
  items.forEach(([className, text], index) => {
    setClass(rows[index]!, className);
    setText(rows[index]!, text);
  });
}

/** A violation as listed: when it happened, what the checker said, and how to show it. */
export interface ViolationItem {
  readonly timeUs: number;
  readonly detail: unknown;
  readonly jump: () => void;
}

export function renderViolations(violations: readonly ViolationItem[]): void {
  const box = byId('violations');
  if (violations.length === 0) {
    box.hidden = true;
    return;
  }
  const list = byId('violation-list');
  violations.forEach((violation) => {
    const { checker, message } = violation.detail as { checker: string; message: string };
    const item = element('li', 'violation');
    item.appendChild(element('strong', '', checker));
    item.appendChild(document.createTextNode(' at ' + formatTime(violation.timeUs) + ': ' + message + ' '));
    const button = element('button', 'jump-violation', 'jump to it');
    button.addEventListener('click', violation.jump);
    item.appendChild(button);
    list.appendChild(item);
  });
}

/** Selects a record and shows the time around it, most of the span before it. */
export function showAround(trace: TraceData, viewer: Viewer, recordIndex: number): void {
  const timeUs = trace.time[recordIndex]!;
  viewer.select(recordIndex);
  const span = Math.max(2000, Math.min(trace.endUs - trace.startUs, 400000));
  viewer.setView(timeUs - span * 0.7, timeUs + span * 0.3);
}
