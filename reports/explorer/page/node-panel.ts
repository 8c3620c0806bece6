/** The table of nodes at the cursor: role, term, commit index, last entry, snapshot, configuration, status. */
import type { ClusterFold, FoldedNode } from '../../../sim/trace/cluster-fold.js';
import { describeMembers } from './describe.js';
import { byId, element } from './dom.js';
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

export function renderNodes(trace: TraceData, cluster: ClusterFold): void {
  const body = byId('node-rows');
  body.textContent = '';
  for (let id = 1; id <= trace.nodeCount; id++) {
    const node = cluster.node(id)!;
    const row = element('tr', 'node-row role-' + node.role + ' status-' + node.status);
    row.appendChild(element('td', '', 'n' + id));
    const role = element('td', 'role');
    const swatch = element('span', 'swatch');
    swatch.style.background = roleColour(node.role);
    role.appendChild(swatch);
    role.appendChild(document.createTextNode(roleGlyph(node.role) + ' ' + node.role));
    row.appendChild(role);
    row.appendChild(element('td', 'term', node.term));
    row.appendChild(element('td', 'voted', votedText(node)));
    row.appendChild(element('td', 'commit', node.commit));
    row.appendChild(element('td', 'last', lastEntryText(node)));
    row.appendChild(element('td', 'snapshot', node.snapshot > 0 ? '\u2264 ' + node.snapshot + '/' + node.snapshotTerm : '\u2013'));
    const outside = node.status === 'retired' || node.status === 'spare';
    row.appendChild(element('td', 'members', outside ? '\u2013' : describeMembers(configurationOf(trace, node))));
    row.appendChild(element('td', 'status', node.status));
    body.appendChild(row);
  }
}
