/**
 * Every node's log at the cursor, one row per node and one column per index, LOG_COLUMNS at a time:
 * the last ones unless the person pages back. Committed entries are green; an entry whose term
 * differs from another node's at the same index is outlined as a conflict.
 */
import type { ClusterFold, FoldedNode } from '../../../sim/trace/cluster-fold.js';
import type { Entry } from '../../../core/types.js';
import { describeMembers } from './describe.js';
import { byId, element, keepChildren, setClass, setText } from './dom.js';
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
    // Rows and cells are kept from one drawing to the next: only what changed is written.
    const rows = keepChildren(byId('logs'), nodeCount + 1, () => element('tr'));
    const head: CellSpec[] = [{ tag: 'th', className: '', text: 'index' }];
    for (let index = start; index <= end; index++) head.push({ tag: 'th', className: '', text: String(index) });
    syncCells(rows[0]!, head, 0);
    for (let id = 1; id <= nodeCount; id++) this.updateRow(rows[id]!, cluster, id, start, end);
    setText(byId('log-range'), longest === 0 ? 'every log is empty' : 'indexes ' + start + '\u2013' + end + ' of ' + longest);
  }

  private updateRow(row: HTMLTableRowElement, cluster: ClusterFold, id: number, start: number, end: number): void {
    const node = cluster.node(id)!;
    setClass(row, 'log-row status-' + node.status);
    let note = '';
    if (node.status === 'retired' || node.status === 'spare') note = ' ' + node.status;
    else if (node.snapshot > 0 && node.snapshot < start) note = ' snapshot \u2264 ' + node.snapshot;
    updateLabel(row, 'n' + id + ' ' + roleGlyph(node.role), note);
    const cells: CellSpec[] = [];
    let index = start;
    if (node.snapshot >= start) {
      // The compacted prefix is one cell: its entries live on only as the snapshot's state (§7).
      const through = Math.min(end, node.snapshot);
      const title = 'indexes 1\u2013' + node.snapshot + ' compacted into a snapshot (last term ' + node.snapshotTerm + ')';
      cells.push({ tag: 'td', className: 'snapshot', text: 'snapshot \u2264 ' + node.snapshot, title, colSpan: through - start + 1 });
      index = through + 1;
    }
    for (; index <= end; index++) {
      const entry = node.log[index - 1];
      cells.push(entry === undefined ? { tag: 'td', className: 'empty', text: '' } : entryCell(node, index, entry, this.conflicts(cluster, index, entry)));
    }
    syncCells(row, cells, 1);
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

/** A cell of the table as it should be: the cell on the page is made to match it. */
interface CellSpec {
  readonly tag: 'td' | 'th';
  readonly className: string;
  readonly text: string;
  readonly title?: string;
  readonly colSpan?: number;
}

/** Makes a row's cells from `offset` on match `specs`, reusing each cell of the right tag. */
function syncCells(row: HTMLTableRowElement, specs: readonly CellSpec[], offset: number): void {
  specs.forEach((spec, at) => {
    let cell = row.children[offset + at] as HTMLTableCellElement | undefined;
    if (cell === undefined || cell.tagName.toLowerCase() !== spec.tag) {
      const made = document.createElement(spec.tag);
      if (cell === undefined) row.appendChild(made);
      else row.replaceChild(made, cell);
      cell = made;
    }
    setClass(cell, spec.className);
    setText(cell, spec.text);
    if (cell.title !== (spec.title ?? '')) cell.title = spec.title ?? '';
    if (cell.colSpan !== (spec.colSpan ?? 1)) cell.colSpan = spec.colSpan ?? 1;
  });
  while (row.children.length > offset + specs.length) row.lastElementChild!.remove();
}

/** A row's label: the node and its role's glyph, then a note (its status or its snapshot) when it has one. */
function updateLabel(row: HTMLTableRowElement, text: string, note: string): void {
  let label = row.firstElementChild;
  if (label === null) {
    label = row.appendChild(element('th'));
    label.appendChild(document.createTextNode(''));
    label.appendChild(element('span', 'log-note'));
  }
  if (label.firstChild!.nodeValue !== text) label.firstChild!.nodeValue = text;
  setText(label.lastChild as HTMLElement, note);
}

function entryCell(node: FoldedNode, index: number, entry: Entry, conflict: boolean): CellSpec {
  const isConfig = entry.kind === 'config';
  const committed = index <= node.commit;
  const className = 'entry' + (committed ? ' committed' : '') + (conflict ? ' conflict' : '') + (entry.kind === 'noop' ? ' noop' : '') + (isConfig ? ' config' : '');
  const what = entry.kind === 'noop' ? 'no-op' : isConfig ? 'configuration ' + describeMembers(entry.command) : entry.kind + ' ' + entry.command;
  const title = 'index ' + index + ' \u00b7 term ' + entry.term + ' \u00b7 ' + what + (committed ? ' \u00b7 committed' : '') + (conflict ? ' \u00b7 conflicts with another node' : '');
  return { tag: 'td', className, text: isConfig ? 'cfg' + describeMembers(entry.command) : String(entry.term), title };
}
