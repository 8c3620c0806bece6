/** The table of nodes at the cursor: role, term, commit index, last entry, snapshot, configuration, status. */
import type { ClusterFold, FoldedNode } from '../../../sim/trace/cluster-fold.js';
import { describeMembers } from './describe.js';
import { byId, element, keepChildren, setClass, setText } from './dom.js';
import { roleColour, roleGlyph } from './roles.js';
import type { TraceData } from './trace-data.js';

/** A node's last index: its log's, or its snapshot's while an installed snapshot's entries are not yet written. */
export function lastIndexOf(node: FoldedNode): number {
  return Math.max(node.log.length, node.snapshot);
}

/** The configuration a node acts on: the last config entry in its log, committed or not (dissertation §4.1). */
function configurationOf(trace: TraceData, node: FoldedNode): string {
  for (let index = node.log.length - 1; index >= 0; index--) if (node.log[index]!.kind === 'config') return node.log[index]!.command;
  return trace.initialMembers.join(',');
}

function lastEntryText(node: FoldedNode): string {
  const last = lastIndexOf(node);
  if (last > node.log.length) return last + '/' + node.snapshotTerm;
  return node.log.length > 0 ? last + '/' + node.log[node.log.length - 1]!.term : String(last);
}

/** Whom it granted a vote in its current term; two names are a double vote (§5.2 allows one). */
function votedText(node: FoldedNode): string {
  if (node.votesTerm !== node.term || node.votes.length === 0) return '\u2013';
  return node.votes.map((id) => 'n' + id).join(', ') + (node.votes.length > 1 ? ' \u2717 twice' : '');
}

/** The table's cells by class, in order; the first (the node's name) has none. */
const CELLS = ['', 'role', 'term', 'voted', 'commit', 'last', 'snapshot', 'members', 'status'] as const;

function makeRow(): HTMLTableRowElement {
  const row = element('tr');
  for (const name of CELLS) row.appendChild(element('td', name));
  row.children[1]!.appendChild(element('span', 'swatch'));
  row.children[1]!.appendChild(document.createTextNode(''));
  return row;
}

/** A role cell: its swatch coloured, its words after it, changed only where they differ. */
function updateRole(cell: Element, role: string): void {
  const swatch = cell.firstElementChild as HTMLElement;
  if (swatch.dataset.role !== role) {
    swatch.dataset.role = role;
    swatch.style.background = roleColour(role);
  }
  const words = cell.lastChild!;
  const text = roleGlyph(role) + ' ' + role;
  if (words.nodeValue !== text) words.nodeValue = text;
}

/** Updates the table in place: its rows are made once, and only the text that changed is written. */
export function renderNodes(trace: TraceData, cluster: ClusterFold): void {
  const rows = keepChildren(byId('node-rows'), trace.nodeCount, makeRow);
  rows.forEach((row, index) => {
    const id = index + 1;
    const node = cluster.node(id)!;
    setClass(row, 'node-row role-' + node.role + ' status-' + node.status);
    const cells = row.children as HTMLCollectionOf<HTMLElement>;
    const outside = node.status === 'retired' || node.status === 'spare';
    setText(cells[0]!, 'n' + id);
    updateRole(cells[1]!, node.role);
    setText(cells[2]!, node.term);
    setText(cells[3]!, votedText(node));
    setText(cells[4]!, node.commit);
    setText(cells[5]!, lastEntryText(node));
    setText(cells[6]!, node.snapshot > 0 ? '\u2264 ' + node.snapshot + '/' + node.snapshotTerm : '\u2013');
    setText(cells[7]!, outside ? '\u2013' : describeMembers(configurationOf(trace, node)));
    setText(cells[8]!, node.status);
  });
}
