/** The list of events around the cursor, and the selected record's details (with its message, if any). */
import { describe } from './describe.js';
import { byId, element, formatShortTime, formatTime, keepChildren, setClass, setText } from './dom.js';
import type { TraceData } from './trace-data.js';
import type { Viewer } from './viewer.js';

/** Steps listed before and after the cursor's. */
const EVENTS_BEFORE = 12;
const EVENTS_AFTER = 25;

function makeEventRow(): HTMLLIElement {
  const row = element('li');
  row.appendChild(element('span', 'event-time'));
  row.appendChild(element('span', 'event-text'));
  return row;
}

/** Updates the list in place: rows are kept from one cursor to the next, and only what changed is written. */
export function renderEventList(trace: TraceData, viewer: Viewer): void {
  const position = trace.stepPosition(viewer.cursorIndex);
  const from = Math.max(0, position - EVENTS_BEFORE);
  const to = Math.min(trace.steps.length, position + EVENTS_AFTER);
  const rows = keepChildren(byId('event-list'), Math.max(0, to - from), makeEventRow);
  rows.forEach((row, at) => {
    const recordIndex = trace.steps[from + at]!;
    setClass(row, 'event-row kind-' + trace.kindName(recordIndex) + (recordIndex === viewer.cursorIndex ? ' current' : ''));
    setText(row.children[0] as HTMLElement, formatShortTime(trace.time[recordIndex]!));
    setText(row.children[1] as HTMLElement, describe(trace, recordIndex));
    if (row.dataset.index !== String(recordIndex)) row.dataset.index = String(recordIndex);
  });
}

/** A click on a listed event selects it, in the viewer shown at the time. */
export function listenToEventList(currentViewer: () => Viewer): void {
  byId('event-list').addEventListener('click', (event) => {
    const row = (event.target as Element | null)?.closest('li');
    if (row && row.dataset.index !== undefined) currentViewer().select(Number(row.dataset.index));
  });
}

export function renderDetails(trace: TraceData, viewer: Viewer): void {
  const box = byId('details');
  const selected = viewer.selected;
  if (selected < 0) {
    setText(box, 'Click an event on the diagram or in the list to see it here.');
    return;
  }
  let text = describe(trace, selected) + '\n\n' + recordInWords(trace, selected);
  const sentBefore = trace.sentBeforeWindow(selected);
  if (trace.wireMessage(selected) !== null && sentBefore >= 0) {
    text += '\nsent before this window (record #' + sentBefore + ')';
    text += '\n\nmessage ' + JSON.stringify(trace.messageOf(selected), null, 2);
  } else if (trace.wireMessage(selected) !== null) {
    const sent = trace.ref[selected]! >= 0 ? trace.ref[selected]! : selected;
    text += '\nsent at ' + formatTime(trace.time[sent]!) + ' (record #' + (trace.firstRecord + sent) + ')';
    if (sent !== selected) text += ', in flight ' + formatShortTime(trace.time[selected]! - trace.time[sent]!);
    text += '\n\nmessage ' + JSON.stringify(trace.messageOf(selected), null, 2);
  } else if (trace.kindName(selected) === 'violation') {
    text += '\n\n' + violationInWords(trace.detail[selected]);
  } else if (trace.detail[selected] !== null) {
    text += '\n\ndetail ' + JSON.stringify(trace.detail[selected], null, 2);
  }
  setText(box, text);
}

/** Where a record stands: its number, its instant, its kind and the nodes it names (its raw numbers a and b last, for the curious). */
function recordInWords(trace: TraceData, index: number): string {
  const node = trace.node[index]!;
  const peer = trace.peer[index]!;
  const who = node > 0 ? ' at node n' + node : ' in the cluster';
  const toward = peer > 0 ? ', toward n' + peer : '';
  return 'record #' + (trace.firstRecord + index) + ' at ' + formatTime(trace.time[index]!) + ': ' + trace.kindName(index) + who + toward + ' (a ' + trace.a[index] + ', b ' + trace.b[index] + ')';
}

/** A violation: which rule, what the checker saw, and, when it says, each node's state then. */
function violationInWords(detail: unknown): string {
  const violation = (detail ?? {}) as { checker?: string; message?: string; nodes?: readonly Record<string, unknown>[] };
  let text = 'the check that failed: ' + violation.checker + '\nwhat it saw: ' + violation.message;
  for (const node of violation.nodes ?? []) {
    text += '\n  n' + node.node + ': ' + node.role + ' in term ' + node.term + (node.votedFor !== undefined && node.votedFor !== null ? ', voted for n' + node.votedFor : '') + (node.commitIndex !== undefined ? ', commit ' + node.commitIndex : '');
  }
  return text;
}
