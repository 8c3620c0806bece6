/**
 * Every node's log at the cursor, one row per node and one column per index, LOG_COLUMNS at a time:
 * the last ones unless the person pages back. Committed entries are green; an entry whose term
 * differs from another node's at the same index is outlined as a conflict.
 */
import type { ClusterFold, FoldedNode } from '../../../sim/trace/cluster-fold.js';
import type { Entry } from '../../../core/types.js';
import { describeMembers } from './describe.js';
import { byId, element } from './dom.js';
import { lastIndexOf } from './node-panel.js';
import { roleGlyph } from './roles.js';

const LOG_COLUMNS = 32;

export class LogPanel {
  /** The first index shown when the person paged; null to follow the end. */
  private start: number | null = null;
  private shownStart = 1;

  constructor(
    private readonly nodeCount: number,
    rerender: () => void,
  ) {
    byId('log-follow').addEventListener('click', () => {
      this.start = null;
      rerender();
    });
    byId('log-earlier').addEventListener('click', () => {
      this.start = Math.max(1, this.shownStart - LOG_COLUMNS / 2);
      rerender();
    });
    byId('log-later').addEventListener('click', () => {
      this.start = this.shownStart + LOG_COLUMNS / 2;
      rerender();
    });
  }

  render(cluster: ClusterFold): void {
    const nodeCount = this.nodeCount;
    let longest = 0;
    for (let id = 1; id <= nodeCount; id++) longest = Math.max(longest, lastIndexOf(cluster.node(id)!));
    const newest = Math.max(1, longest - LOG_COLUMNS + 1);
    const start = this.start === null ? newest : Math.max(1, Math.min(this.start, newest));
    this.shownStart = start;
    const end = Math.max(start, Math.min(longest, start + LOG_COLUMNS - 1));
    const table = byId('logs');
    table.textContent = '';
    const head = element('tr');
    head.appendChild(element('th', '', 'index'));
    for (let index = start; index <= end; index++) head.appendChild(element('th', '', index));
    table.appendChild(head);
    for (let id = 1; id <= nodeCount; id++) table.appendChild(this.row(cluster, id, start, end));
    byId('log-range').textContent = longest === 0 ? 'every log is empty' : 'indexes ' + start + '\u2013' + end + ' of ' + longest;
  }

  private row(cluster: ClusterFold, id: number, start: number, end: number): HTMLTableRowElement {
    const node = cluster.node(id)!;
    const row = element('tr', 'log-row status-' + node.status);
    const label = element('th', '', 'n' + id + ' ' + roleGlyph(node.role));
    if (node.status === 'retired' || node.status === 'spare') label.appendChild(element('span', 'log-note', ' ' + node.status));
    else if (node.snapshot > 0 && node.snapshot < start) label.appendChild(element('span', 'log-note', ' snapshot \u2264 ' + node.snapshot));
    row.appendChild(label);
    let index = start;
    if (node.snapshot >= start) {
      // The compacted prefix is one cell: its entries live on only as the snapshot's state (§7).
      const through = Math.min(end, node.snapshot);
      const compacted = element('td', 'snapshot', 'snapshot \u2264 ' + node.snapshot);
      compacted.colSpan = through - start + 1;
      compacted.title = 'indexes 1\u2013' + node.snapshot + ' compacted into a snapshot (last term ' + node.snapshotTerm + ')';
      row.appendChild(compacted);
      index = through + 1;
    }
    for (; index <= end; index++) {
      const entry = node.log[index - 1];
      row.appendChild(entry === undefined ? element('td', 'empty', '') : entryCell(node, index, entry, this.conflicts(cluster, index, entry)));
    }
    return row;
  }

  /** Whether another node holds a different term at this index. */
  private conflicts(cluster: ClusterFold, index: number, entry: Entry): boolean {
    let conflict = false;
    for (let other = 1; other <= this.nodeCount; other++) {
      const theirs = cluster.node(other)!.log[index - 1];
      if (theirs !== undefined && theirs.term !== entry.term) conflict = true;
    }
    return conflict;
  }
}

function entryCell(node: FoldedNode, index: number, entry: Entry, conflict: boolean): HTMLTableCellElement {
  const isConfig = entry.kind === 'config';
  const committed = index <= node.commit;
  const className = 'entry' + (committed ? ' committed' : '') + (conflict ? ' conflict' : '') + (entry.kind === 'noop' ? ' noop' : '') + (isConfig ? ' config' : '');
  const cell = element('td', className, isConfig ? 'cfg' + describeMembers(entry.command) : entry.term);
  const what = entry.kind === 'noop' ? 'no-op' : isConfig ? 'configuration ' + describeMembers(entry.command) : entry.kind + ' ' + entry.command;
  cell.title = 'index ' + index + ' \u00b7 term ' + entry.term + ' \u00b7 ' + what + (committed ? ' \u00b7 committed' : '') + (conflict ? ' \u00b7 conflicts with another node' : '');
  return cell;
}
