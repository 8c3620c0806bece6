/**
 * Asking the leader to add or remove one server (§4.2), shared by the add-server and remove-server
 * kinds. `spare` names the lowest-numbered node outside the leader's configuration that was never
 * retired; `follower`, a member other than the leader.
 */
import type { NodeId } from '../../../core/types.js';
import type { NodeRef } from '../actions.js';
import type { FaultContext } from '../context.js';

export function changeMembership(
  context: FaultContext,
  add: boolean,
  target: NodeRef | 'spare',
  keepAtLeast: number | undefined,
  detail: object,
): boolean {
  const leader = context.hostOf(context.select.resolveRef('leader'));
  if (leader === null || leader.paused || !context.control.takesConfigChanges(leader)) return false;
  const members = context.cluster.configurationOf(context.cluster.node(leader.id));
  let node: NodeId | null;
  if (target === 'spare') {
    node = context.nodes.find((id) => !members.includes(id) && context.membership.isSpare(id)) ?? null;
  } else if (target === 'follower') {
    node = members.find((id) => id !== leader.id) ?? null;
  } else {
    node = context.select.resolveRef(target);
  }
  if (node === null || context.hosts[node - 1]!.retired) return false;
  // A server that was a member once is decommissioned once removed, never added back.
  if (add && !context.membership.isSpare(node)) return false;
  if (!add && keepAtLeast !== undefined && members.length - 1 < keepAtLeast) return false;
  return context.membership.propose(leader, add, node, detail);
}
