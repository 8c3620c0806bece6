/**
 * The terminal timeline: one fixed-width line per state change that a person follows a run by (role
 * changes, elections, commits, faults, violations), read off a full trace. Columns: virtual time, node,
 * a role or fault glyph, the node's term and commit index, then what happened. Colours come from the
 * styles given (a chalk instance; plain text by default), so the caller decides whether a terminal gets them.
 */
import { checkArguments } from '../core/argument-checks.js';
import { RUN_RESULT } from '../sim/argument-rules.js';
import type { RunResult, TraceRecord, TraceSink } from '../sim/index.js';
import { describeFault, ROLE_NAMES, TraceKind } from '../sim/index.js';
import type { FaultAction } from '../sim/index.js';
import { ClusterFold } from '../sim/trace/cluster-fold.js';
import { PLAIN_TEXT, TEXT_STYLES } from './text-styles.js';
import type { TextStyles } from './text-styles.js';

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

/** The timeline of a run recorded in full. */
export function renderTimeline(result: RunResult, chalk: TextStyles = PLAIN_TEXT): string[] {
  checkArguments('renderTimeline', ['result', result, RUN_RESULT], ['styles', chalk, TEXT_STYLES]);
  const lines: string[] = [];
  const writer = new TimelineStream(result.options.nodeCount, chalk, (text) => lines.push(text));
  writer.accept(result.trace.records());
  writer.finish();
  return lines;
}

/**
 * Writes the timeline record by record, folding the trace into cluster state as it goes. As a
 * TraceSink it takes a streamed run's records as they come and hands each line to `emit` once it is
 * settled, so a run of any length is printed as it goes without its timeline held in memory.
 */
export class TimelineStream implements TraceSink {
  private pending: PendingCommits | null = null;
  private readonly cluster: ClusterFold;
  /** Spare servers a leader has taken an add for, until they are switched on. */
  private readonly joining = new Set<number>();
  /** The record before the next one, which may be in the batch before. */
  private previous: TraceRecord | undefined = undefined;

  constructor(
    nodeCount: number,
    private readonly chalk: TextStyles,
    private readonly emit: (line: string) => void,
  ) {
    // A candidate that times out stands again in the next term without changing role; the fold tells
    // once the next record shows it was not a step down. The timeline has no use for the tally of
    // elections, which grows with the terms of the run.
    this.cluster = new ClusterFold({
      nodeCount,
      tallyElections: false,
      onStoodAgain: (node, term, timeUs) =>
        this.push(timelineLine(chalk, timeUs, node, ROLE_GLYPH.candidate, term, this.commitOf(node), chalk.yellow(`stood again: election for term ${term}`))),
    });
  }

  accept(records: readonly TraceRecord[]): void {
    for (const record of records) {
      this.cluster.apply(record);
      const previous = this.previous;
      this.previous = record;
      if (record.kind === TraceKind.commit) {
        this.foldCommit(record);
        continue;
      }
      const text = this.nodeLine(record) ?? this.faultLine(record, previous);
      if (text !== null) this.push(text);
    }
  }

  /** Emits what the last records left open; call once, after the last record. */
  finish(): void {
    this.cluster.finish();
    this.flush();
  }

  /** Each node's commit index as last seen; a crash loses it, as it does in the node. */
  private commitOf(node: number): number {
    return this.cluster.node(node)?.commit ?? 0;
  }

  /** The term of a node's last role change; null before its first and after a crash. */
  private roleTermOf(node: number): number | null {
    return this.cluster.node(node)?.roleTerm ?? null;
  }

  private push(text: string): void {
    this.flush();
    this.emit(text);
  }

  private flush(): void {
    const pending = this.pending;
    if (pending === null) return;
    const count = pending.to - pending.from + 1;
    const text = `commit index ${pending.to} (${count} new ${count === 1 ? 'entry' : 'entries'})`;
    this.emit(timelineLine(this.chalk, pending.atUs, pending.node, '★', pending.term, pending.to, this.chalk.green(text)));
    this.pending = null;
  }

  /** A leader's commits within COMMIT_FOLD_US of each other make one line. */
  private foldCommit(record: TraceRecord): void {
    const state = this.cluster.node(record.node);
    if (state?.role !== 'leader' || record.a <= record.b) return;
    const current = this.pending;
    if (current !== null && current.node === record.node && record.timeUs - current.atUs < COMMIT_FOLD_US) {
      current.to = record.a;
    } else {
      this.flush();
      this.pending = { node: record.node, term: state.roleTerm ?? 0, from: record.b + 1, to: record.a, atUs: record.timeUs };
    }
  }

  /** The line of a change in one node's life; undefined for a record of another sort. */
  private nodeLine(record: TraceRecord): string | undefined {
    const chalk = this.chalk;
    const at = (glyph: string, term: number | null, commit: number | null, text: string) => timelineLine(chalk, record.timeUs, record.node, glyph, term, commit, text);
    switch (record.kind) {
      case TraceKind.roleChange: {
        const role = ROLE_NAMES[record.a]!;
        return at(ROLE_GLYPH[role], record.b, this.commitOf(record.node), describeRoleChange(chalk, role, record));
      }
      case TraceKind.crash:
        return at('✕', null, null, chalk.red('crashed'));
      case TraceKind.restart:
        return at('↺', null, null, chalk.cyan(this.joining.delete(record.node) ? 'switched on to join the cluster' : 'restarted from its persisted state'));
      case TraceKind.membershipChange: {
        const detail = record.detail as { refused?: string } | null;
        const change = `${record.b === 1 ? 'add' : 'remove'} node ${record.peer}`;
        if (record.a > 0 && record.b === 1) this.joining.add(record.peer);
        const text = record.a > 0 ? chalk.cyan(`${change}: configuration entry at index ${record.a}`) : chalk.dim(`refused to ${change}: ${detail?.refused ?? 'refused'}`);
        return at('±', this.roleTermOf(record.node) ?? 0, this.commitOf(record.node), text);
      }
      case TraceKind.retire:
        return at('⊘', null, null, chalk.red(record.a === 0 ? 'removed from the configuration: shut down for good' : 'switched off: its add was never committed'));
      case TraceKind.installSnapshot:
        return at('▣', this.roleTermOf(record.node), record.a, chalk.cyan(`installed the leader's snapshot through index ${record.a} (term ${record.b}) in place of its log`));
      case TraceKind.pause:
        return at('‖', null, null, chalk.yellow('paused'));
      case TraceKind.resume:
        return at('▶', null, null, chalk.cyan(`resumed (${record.a} messages were waiting)`));
      case TraceKind.leadershipTransfer:
        return at('→', null, null, chalk.cyan(`hands leadership to node ${record.peer}`));
      default:
        return undefined;
    }
  }

  /** The line of a fault, the end of the faults or a violation; null for anything else. */
  private faultLine(record: TraceRecord, previous: TraceRecord | undefined): string | null {
    const chalk = this.chalk;
    const fault = () => describeFault(record.detail as FaultAction);
    switch (record.kind) {
      case TraceKind.partition:
      case TraceKind.cut:
      case TraceKind.heal:
      case TraceKind.networkChange:
        return timelineLine(chalk, record.timeUs, record.node, '⚡', null, null, chalk.magenta(fault()));
      case TraceKind.messageFilter: {
        const ended = `${record.b} message${record.b === 1 ? '' : 's'} dropped`;
        return timelineLine(chalk, record.timeUs, record.node, '⚡', null, null, chalk.magenta(record.a === 1 ? fault() : `ended: ${fault()} (${ended})`));
      }
      case TraceKind.tamper:
        return tamperLineOf(chalk, record);
      case TraceKind.rejected: {
        const detail = record.detail as { reason?: string; message?: { type: string } } | null;
        const text =
          record.peer === 0
            ? `on restart: ${detail?.reason ?? 'a record refused'} at index ${record.a}`
            : `refused ${detail?.message?.type ?? 'a message'} naming node ${record.peer}: ${detail?.reason ?? 'refused'}`;
        return timelineLine(chalk, record.timeUs, record.node, '⛨', null, null, chalk.cyan(text));
      }
      case TraceKind.clockDrift:
      case TraceKind.alignTimers:
        return timelineLine(chalk, record.timeUs, record.kind === TraceKind.clockDrift ? record.node : 0, '⏱', null, null, chalk.magenta(fault()));
      case TraceKind.settle:
        return timelineLine(chalk, record.timeUs, 0, '☮', null, null, chalk.cyan('faults stop: network healed, every node up; the cluster must now converge'));
      case TraceKind.faultSkipped:
        // A refused membership change has its own line, with the leader's reason.
        if (previous?.kind === TraceKind.membershipChange && previous.timeUs === record.timeUs) return null;
        return timelineLine(chalk, record.timeUs, 0, '⚡', null, null, chalk.dim(`skipped: ${fault()} (nothing to act on)`));
      case TraceKind.violation: {
        const detail = record.detail as { checker: string; message: string };
        return timelineLine(chalk, record.timeUs, 0, '!', null, null, chalk.bgRed.white.bold(` ${detail.checker} `) + ' ' + chalk.red(detail.message));
      }
      default:
        return null;
    }
  }
}

/** An attack starting or ending, or a disk record rotting; each altered message has a record, left to the explorer. */
function tamperLineOf(chalk: TextStyles, record: TraceRecord): string | null {
  if (record.node === 0 && record.peer === 0) {
    const fault = describeFault(record.detail as FaultAction);
    return timelineLine(chalk, record.timeUs, 0, '☠', null, null, chalk.magenta(record.b === 1 ? fault : `ended: ${fault}`));
  }
  if (record.peer === 0) return timelineLine(chalk, record.timeUs, record.node, '☠', null, null, chalk.magenta(`bit rot: the record at index ${record.b} changed on disk`));
  return null;
}

function describeRoleChange(chalk: TextStyles, role: (typeof ROLE_NAMES)[number], record: TraceRecord): string {
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

export function timelineLine(chalk: TextStyles, timeUs: number, node: number, glyph: string, term: number | null, commit: number | null, text: string): string {
  const columns = TIMELINE_COLUMNS;
  const time = `${(timeUs / 1_000_000).toFixed(3)}s`.padStart(columns.time);
  const who = (node === 0 ? '' : `n${node}`).padEnd(columns.node);
  const glyphCell = glyph + ' '.repeat(columns.glyph - (WIDE_GLYPHS.has(glyph) ? 2 : 1));
  // A term or commit index wider than its column still keeps a space before the next one.
  const termText = `${(term === null ? '' : `t${term}`).padEnd(columns.term - 1)} `;
  const commitText = `${(commit === null ? '' : `c${commit}`).padEnd(columns.commit - 1)} `;
  return `${chalk.dim(time)}  ${chalk.bold(who)} ${glyphCell} ${chalk.dim(termText)}${chalk.cyan(commitText)}${text}`;
}
