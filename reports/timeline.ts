/**
 * The terminal timeline: one fixed-width line per state change that a person follows a run by (role
 * changes, elections, commits, faults, violations), read off a full trace. Columns: virtual time, node,
 * a role or fault glyph, the node's term and commit index, then what happened. Colours come from the
 * chalk instance given, so the caller decides whether a terminal gets them.
 */
import type { ChalkInstance } from 'chalk';
import type { RunResult, TraceRecord } from '../sim/index.js';
import { describeFault, ROLE_NAMES, TraceKind } from '../sim/index.js';
import type { FaultAction } from '../sim/index.js';
import { ClusterFold } from '../sim/trace/cluster-fold.js';

const ROLE_GLYPH = { follower: '·', precandidate: '¿', candidate: '?', leader: '★' } as const;

/** Commits by one leader are folded into one line per this much virtual time. */
const COMMIT_FOLD_US = 1_000_000;

interface PendingCommits {
  node: number;
  term: number;
  from: number;
  to: number;
  atUs: number;
}

export function renderTimeline(result: RunResult, chalk: ChalkInstance): string[] {
  const lines: string[] = [];
  let pending: PendingCommits | null = null;
  const flush = () => {
    if (pending === null) return;
    const count = pending.to - pending.from + 1;
    const text = `commit index ${pending.to} (${count} new ${count === 1 ? 'entry' : 'entries'})`;
    lines.push(line(chalk, pending.atUs, pending.node, '★', pending.term, pending.to, chalk.green(text)));
    pending = null;
  };
  const push = (text: string) => {
    flush();
    lines.push(text);
  };
  // A candidate that times out stands again in the next term without changing role; the fold tells
  // once the next record shows it was not a step down.
  const cluster = new ClusterFold({
    nodeCount: result.options.nodeCount,
    onStoodAgain: (node, term, timeUs) =>
      push(line(chalk, timeUs, node, ROLE_GLYPH.candidate, term, commitOf(node), chalk.yellow(`stood again: election for term ${term}`))),
  });
  /** Each node's commit index as last seen; a crash loses it, as it does in the node. */
  const commitOf = (node: number) => cluster.node(node)?.commit ?? 0;
  /** The term of a node's last role change; null before its first and after a crash. */
  const roleTermOf = (node: number) => cluster.node(node)?.roleTerm ?? null;
  /** Spare servers a leader has taken an add for, until they are switched on. */
  const joining = new Set<number>();

  const records = result.trace.records();
  for (let position = 0; position < records.length; position++) {
    const record = records[position]!;
    cluster.apply(record);
    switch (record.kind) {
      case TraceKind.roleChange: {
        const role = ROLE_NAMES[record.a]!;
        push(line(chalk, record.timeUs, record.node, ROLE_GLYPH[role], record.b, commitOf(record.node), describeRoleChange(chalk, role, record)));
        break;
      }
      case TraceKind.commit: {
        const state = cluster.node(record.node);
        if (state?.role !== 'leader' || record.a <= record.b) break;
        const current = pending as PendingCommits | null;
        if (current !== null && current.node === record.node && record.timeUs - current.atUs < COMMIT_FOLD_US) {
          current.to = record.a;
        } else {
          flush();
          pending = { node: record.node, term: state.roleTerm ?? 0, from: record.b + 1, to: record.a, atUs: record.timeUs };
        }
        break;
      }
      case TraceKind.crash:
        push(line(chalk, record.timeUs, record.node, '✕', null, null, chalk.red('crashed')));
        break;
      case TraceKind.restart:
        push(line(chalk, record.timeUs, record.node, '↺', null, null, chalk.cyan(joining.delete(record.node) ? 'switched on to join the cluster' : 'restarted from its persisted state')));
        break;
      case TraceKind.membershipChange: {
        const detail = record.detail as { refused?: string } | null;
        const change = `${record.b === 1 ? 'add' : 'remove'} node ${record.peer}`;
        if (record.a > 0 && record.b === 1) joining.add(record.peer);
        const text = record.a > 0 ? chalk.cyan(`${change}: configuration entry at index ${record.a}`) : chalk.dim(`refused to ${change}: ${detail?.refused ?? 'refused'}`);
        push(line(chalk, record.timeUs, record.node, '±', roleTermOf(record.node) ?? 0, commitOf(record.node), text));
        break;
      }
      case TraceKind.retire:
        push(line(chalk, record.timeUs, record.node, '⊘', null, null, chalk.red(record.a === 0 ? 'removed from the configuration: shut down for good' : 'switched off: its add was never committed')));
        break;
      case TraceKind.installSnapshot:
        push(line(chalk, record.timeUs, record.node, '▣', roleTermOf(record.node), record.a, chalk.cyan(`installed the leader's snapshot through index ${record.a} (term ${record.b}) in place of its log`)));
        break;
      case TraceKind.pause:
        push(line(chalk, record.timeUs, record.node, '‖', null, null, chalk.yellow('paused')));
        break;
      case TraceKind.resume:
        push(line(chalk, record.timeUs, record.node, '▶', null, null, chalk.cyan(`resumed (${record.a} messages were waiting)`)));
        break;
      case TraceKind.partition:
      case TraceKind.cut:
      case TraceKind.heal:
      case TraceKind.networkChange:
        push(line(chalk, record.timeUs, record.node, '⚡', null, null, chalk.magenta(describeFault(record.detail as FaultAction))));
        break;
      case TraceKind.messageFilter: {
        const text = describeFault(record.detail as FaultAction);
        const ended = `${record.b} message${record.b === 1 ? '' : 's'} dropped`;
        push(line(chalk, record.timeUs, record.node, '⚡', null, null, chalk.magenta(record.a === 1 ? text : `ended: ${text} (${ended})`)));
        break;
      }
      case TraceKind.clockDrift:
      case TraceKind.alignTimers:
        push(line(chalk, record.timeUs, record.kind === TraceKind.clockDrift ? record.node : 0, '⏱', null, null, chalk.magenta(describeFault(record.detail as FaultAction))));
        break;
      case TraceKind.leadershipTransfer:
        push(line(chalk, record.timeUs, record.node, '→', null, null, chalk.cyan(`hands leadership to node ${record.peer}`)));
        break;
      case TraceKind.settle:
        push(line(chalk, record.timeUs, 0, '☮', null, null, chalk.cyan('faults stop: network healed, every node up; the cluster must now converge')));
        break;
      case TraceKind.faultSkipped:
        // A refused membership change has its own line, with the leader's reason.
        if (records[position - 1]?.kind === TraceKind.membershipChange && records[position - 1]!.timeUs === record.timeUs) break;
        push(line(chalk, record.timeUs, 0, '⚡', null, null, chalk.dim(`skipped: ${describeFault(record.detail as FaultAction)} (nothing to act on)`)));
        break;
      case TraceKind.violation: {
        const detail = record.detail as { checker: string; message: string };
        push(line(chalk, record.timeUs, 0, '!', null, null, chalk.bgRed.white.bold(` ${detail.checker} `) + ' ' + chalk.red(detail.message)));
        break;
      }
      default:
        break;
    }
  }
  cluster.finish();
  flush();
  return lines;
}

function describeRoleChange(chalk: ChalkInstance, role: (typeof ROLE_NAMES)[number], record: TraceRecord): string {
  switch (role) {
    case 'precandidate':
      return chalk.yellow(`asks for pre-votes for term ${record.b + 1}`);
    case 'candidate':
      return chalk.yellow(`became candidate: election for term ${record.b}`);
    case 'leader':
      return chalk.green.bold(`became leader of term ${record.b}`);
    case 'follower':
      return chalk.blue(record.peer === 0 ? `became follower in term ${record.b}` : `became follower of node ${record.peer} in term ${record.b}`);
  }
}

/** Column widths: time, node, glyph (in terminal columns), term and commit index. */
export const TIMELINE_COLUMNS = { time: 9, node: 3, glyph: 2, term: 6, commit: 7 } as const;

/** Glyphs a terminal draws two columns wide (emoji presentation); the rest take one. */
const WIDE_GLYPHS = new Set(['⚡']);

function line(chalk: ChalkInstance, timeUs: number, node: number, glyph: string, term: number | null, commit: number | null, text: string): string {
  const columns = TIMELINE_COLUMNS;
  const time = `${(timeUs / 1_000_000).toFixed(3)}s`.padStart(columns.time);
  const who = (node === 0 ? '' : `n${node}`).padEnd(columns.node);
  const glyphCell = glyph + ' '.repeat(columns.glyph - (WIDE_GLYPHS.has(glyph) ? 2 : 1));
  const termText = (term === null ? '' : `t${term}`).padEnd(columns.term);
  const commitText = (commit === null ? '' : `c${commit}`).padEnd(columns.commit);
  return `${chalk.dim(time)}  ${chalk.bold(who)} ${glyphCell} ${chalk.dim(termText)}${chalk.cyan(commitText)}${text}`;
}
