/**
 * Records in words, for the event list, the cursor line and the details box. Names come from the
 * trace's header (kinds, roles, message types, drop reasons), and a fault or any other detail is
 * written out field by field, so a kind, fault or drop reason added to the simulator shows here
 * without a change to the page.
 */
import type { TraceData, WireMessage } from './trace-data.js';

/** The fields the page writes out itself; any other field a message carries is listed after them. */
const SHOWN_FIELDS = ['type', 'from', 'to', 'term', 'entries', 'prevLogIndex', 'prevLogTerm', 'leaderCommit', 'snapshot', 'voteGranted', 'success', 'matchIndex', 'round', 'preVote'];
const CONTRACT_TYPES = ['RequestVoteRequest', 'RequestVoteResponse', 'AppendEntriesRequest', 'AppendEntriesResponse', 'TimeoutNowRequest', 'InstallSnapshotRequest'];
/** Fields of the contract's responses the summary leaves out, as it always has. */
const UNSHOWN_CONTRACT_FIELDS = ['rejectedIndex', 'conflictTerm', 'conflictIndex', 'lastLogIndex', 'lastLogTerm', 'leadershipTransfer'];

/** An AppendEntries that carries no entries, or a declared type named as a heartbeat (etcd's MsgHeartbeat). */
export function isHeartbeat(message: WireMessage): boolean {
  if (message.type === 'AppendEntriesRequest') return message.entries !== undefined && message.entries.length === 0;
  return !CONTRACT_TYPES.includes(message.type) && /heartbeat/i.test(message.type) && !/resp/i.test(message.type);
}

export function describeMessage(message: WireMessage): string {
  let text = message.type + ' ' + message.from + '\u2192' + message.to + ' t' + message.term;
  if (!CONTRACT_TYPES.includes(message.type)) text += ' (the implementation\u2019s own type)';
  if (message.entries !== undefined) {
    text += isHeartbeat(message) ? ' heartbeat,' : '';
    text += ' prev ' + message.prevLogIndex + '/' + message.prevLogTerm + ', ' + message.entries.length + ' entries, commit ' + message.leaderCommit;
  }
  if (message.snapshot !== undefined && message.snapshot !== null) {
    text += ' snapshot \u2264 ' + message.snapshot.lastIndex + ' (term ' + message.snapshot.lastTerm + ')';
    if (Array.isArray(message.snapshot.members)) text += ', members ' + describeMembers(message.snapshot.members.join(','));
  }
  if (message.voteGranted !== undefined) text += message.voteGranted ? ' granted' : ' refused';
  if (message.success !== undefined) text += message.success ? ' ok, match ' + message.matchIndex : ' refused';
  if (message.round !== undefined) text += ', round ' + message.round;
  if (message.preVote) text += ' (pre-vote)';
  return text + describeExtraFields(message);
}

/** Fields beyond those the summary writes, as sent: the implementation's own, or its own type's. */
function describeExtraFields(message: WireMessage): string {
  const fields = message as unknown as Record<string, unknown>;
  const extra = Object.keys(fields).filter((key) => !SHOWN_FIELDS.includes(key) && !UNSHOWN_CONTRACT_FIELDS.includes(key));
  return extra.length === 0 ? '' : ' + ' + extra.map((key) => key + ' ' + JSON.stringify(fields[key])).join(', ');
}

/** A configuration, from the member ids joined by commas (a config entry's command): "{1,2,3}". */
export function describeMembers(command: string): string {
  return '{' + String(command) + '}';
}

/** A fault or other detail: its type, then each other field with its value as JSON. */
export function describeDetail(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  const fields = detail as Record<string, unknown>;
  if (fields.type !== undefined && typeof fields.type === 'string') {
    const rest = Object.keys(fields)
      .filter((key) => key !== 'type')
      .map((key) => key + ' ' + JSON.stringify(fields[key]));
    return fields.type + (rest.length > 0 ? ' (' + rest.join(', ') + ')' : '');
  }
  return JSON.stringify(detail);
}

/** Why a message was dropped, by the header's names: a drop's b is eight times the term plus the reason. */
function dropReason(trace: TraceData, index: number, message: WireMessage): string {
  const code = trace.b[index]! - message.term * 8;
  const reason = trace.header.dropReasons[code];
  return reason !== undefined ? reason : 'reason ' + code;
}

function describeMembershipChange(trace: TraceData, index: number): string {
  const detail = (trace.detail[index] ?? {}) as { refused?: string };
  const node = trace.node[index]!;
  const change = (trace.b[index] === 1 ? 'add' : 'remove') + ' n' + trace.peer[index];
  if (trace.a[index]! > 0) return 'n' + node + ' (leader) proposed to ' + change + ': configuration entry at index ' + trace.a[index];
  return 'n' + node + ' refused to ' + change + (detail.refused !== undefined ? ' (' + detail.refused + ')' : '');
}

type Describer = (trace: TraceData, index: number, who: string) => string;

/** Words for the kinds a person reads most; any other kind is written out field by field. */
const DESCRIBERS: Readonly<Record<string, Describer>> = {
  roleChange: (trace, index, who) => {
    const peer = trace.peer[index]!;
    const leader = peer > 0 && peer !== trace.node[index] ? ' (leader n' + peer + ')' : '';
    return who + ' became ' + trace.header.roles[trace.a[index]!] + ' in term ' + trace.b[index] + leader;
  },
  termChange: (trace, index, who) => who + ' term ' + trace.b[index] + ' \u2192 ' + trace.a[index],
  logWrite: (trace, index, who) => who + ' wrote ' + trace.b[index] + ' entries from index ' + trace.a[index],
  commit: (trace, index, who) => who + ' commit index ' + trace.b[index] + ' \u2192 ' + trace.a[index],
  apply: (trace, index, who) => who + ' applied ' + trace.b[index] + ' entries from index ' + trace.a[index],
  propose: (trace, index, who) =>
    who + ' proposal ' + (trace.b[index] === 1 ? 'accepted at index ' + trace.a[index] : 'refused') + ' ' + describeDetail(trace.detail[index]),
  crash: (_trace, _index, who) => who + ' crashed',
  restart: (_trace, _index, who) => who + ' restarted',
  pause: (_trace, _index, who) => who + ' paused',
  resume: (_trace, _index, who) => who + ' resumed',
  voteGranted: (trace, index, who) => who + ' granted its vote to n' + trace.peer[index],
  violation: (trace, index) => {
    const violation = trace.detail[index] as { checker: string; message: string };
    return 'VIOLATION ' + violation.checker + ': ' + violation.message;
  },
  settle: () => 'faults stop: the cluster must converge',
  compact: (trace, index, who) => who + ' compacted its log into a snapshot \u2264 ' + trace.a[index] + ' (term ' + trace.b[index] + ')',
  installSnapshot: (trace, index, who) =>
    who + ' installed the leader\u2019s snapshot \u2264 ' + trace.a[index] + ' (term ' + trace.b[index] + ') in place of its log',
  membershipChange: (trace, index) => describeMembershipChange(trace, index),
  retire: (trace, index, who) =>
    trace.a[index] === 0
      ? who + ' retired: removed from the configuration and shut down for good'
      : who + ' switched off: its add was never committed; a spare until added again',
  read: (trace, index, who) => 'read #' + trace.a[index] + ' asked of ' + who + (trace.b[index] === 1 ? ': taken' : ': not taken'),
  readAnswer: (trace, index, who) => who + ' answered read #' + trace.a[index] + ' with its state machine at index ' + trace.b[index],
  tamper: (trace, index, who) => {
    const detail = trace.detail[index] as { attack?: string; message?: { type: string; from: number; to: number; term: number }; type?: string } | null;
    if (trace.node[index] === 0 && trace.peer[index] === 0) return 'attack ' + (trace.b[index] === 1 ? 'starts: ' : 'ends: ') + describeDetail(detail);
    if (trace.peer[index] === 0) return 'bit rot on ' + who + '\u2019s disk at index ' + trace.b[index];
    const message = detail?.message;
    return 'attack (' + (detail?.attack ?? '?') + ') on a ' + (message?.type ?? 'message') + ' to n' + trace.peer[index] + ' naming n' + trace.node[index] + ' as sender';
  },
  rejected: (trace, index, who) => {
    const detail = trace.detail[index] as { reason?: string; message?: { type: string } } | null;
    if (trace.peer[index] === 0) return who + ' on restart: ' + (detail?.reason ?? 'a record refused') + ' (index ' + trace.a[index] + ')';
    return who + ' refused a ' + (detail?.message?.type ?? 'message') + ' naming n' + trace.peer[index] + ': ' + (detail?.reason ?? 'refused');
  },
};

/** One record in words. */
export function describe(trace: TraceData, index: number): string {
  const name = trace.kindName(index);
  const node = trace.node[index]!;
  const who = node > 0 ? 'n' + node : 'cluster';
  const message = trace.wireMessage(index);
  if (message !== null) {
    const text = name + ' ' + describeMessage(message);
    return name === 'drop' ? text + ' (' + dropReason(trace, index, message) + ')' : text;
  }
  const describer = Object.hasOwn(DESCRIBERS, name) ? DESCRIBERS[name] : undefined;
  if (describer !== undefined) return describer(trace, index, who);
  const peer = trace.peer[index]!;
  const detail = trace.detail[index];
  return name + ' ' + who + (peer > 0 ? ' peer n' + peer : '') + ' a=' + trace.a[index] + ' b=' + trace.b[index] + (detail !== null ? ' ' + describeDetail(detail) : '');
}
