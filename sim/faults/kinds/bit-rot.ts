/**
 * Bit rot: durable log records of a node's disk change at rest, beyond Raft's fault model. Nothing
 * reads them until the node restarts; then, without checksums, it takes the rotten entries for what it
 * wrote, and with them (integrity on) it finds them out and repairs them from a peer (see
 * SimulatedDisk.readChecked). The swarm draws it only when exploration asks for attacks, and crashes
 * and restarts the node at once, so that the rot is read.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId } from '../../../core/types.js';
import { TamperKind, TraceKind } from '../../trace/trace.js';
import { nodeNumber } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';

export interface BitRotAction {
  readonly type: 'bit-rot';
  readonly node: NodeId;
  /** How many records rot; 1 unless given. */
  readonly records?: number;
}

const schema = z.union([nodeNumber, z.object({ node: nodeNumber, records: z.number().int().min(1).max(1000).optional() }).strict()]);

export const bitRot: FaultKind<BitRotAction, z.output<typeof schema>> = {
  type: 'bit-rot',
  injects: true,
  schema,
  fromDocument: (written) => (typeof written === 'number' ? { type: 'bit-rot', node: written } : { type: 'bit-rot', node: written.node, ...(written.records === undefined ? {} : { records: written.records }) }),
  toDocument: (action) => (action.records === undefined ? action.node : { node: action.node, records: action.records }),
  describe: (action) => `rot ${action.records ?? 1} record${(action.records ?? 1) === 1 ? '' : 's'} on node ${action.node}'s disk`,
  apply(context, action) {
    const host = context.hostOf(action.node);
    if (host === null) return false;
    const attacks = context.network.attacks;
    if (attacks === null) return false;
    // As TigerBeetle's simulator spreads storage faults, rot never strikes the last intact copy of a
    // record: what every replica lost, no checksum and no repair could give back.
    // And only committed records: an uncommitted copy elsewhere may yet be overwritten before the repair.
    const committed = context.cluster.committedLength();
    const intactCopyElsewhere = (index: number): boolean => {
      const entry = index > committed ? undefined : host.disk.entryAt(index);
      if (entry === undefined || attacks.isRotten(host.id, index)) return false;
      return context.hosts.some((peer) => {
        const copy = peer === host ? undefined : peer.disk.entryAt(index);
        return copy !== undefined && !attacks.isRotten(peer.id, index) && copy.term === entry.term && copy.kind === entry.kind && copy.command === entry.command;
      });
    };
    let rotted = 0;
    for (let count = 0; count < (action.records ?? 1); count++) {
      const candidates: number[] = [];
      for (let index = host.disk.snapshotIndex + 1; index <= host.disk.lastIndex(); index++) if (intactCopyElsewhere(index)) candidates.push(index);
      if (candidates.length === 0) break;
      const index = candidates[attacks.drawIndex(0, candidates.length - 1)]!;
      host.disk.rot(index);
      attacks.noteRotten(host.id, index);
      rotted++;
      context.record(TraceKind.tamper, host.id, 0, TamperKind.rotten, index, action);
    }
    return rotted > 0;
  },
  swarm: {
    bitRot(random, nodes) {
      const node = random.pick(nodes);
      return [
        [0, { type: 'bit-rot', node }],
        [0, { type: 'crash', nodes: node }],
        [0, { type: 'restart', nodes: node }],
      ];
    },
  },
  beyondRaftModel: true,
  arbitrary: (nodes) => fc.record({ type: fc.constant('bit-rot' as const), node: fc.integer({ min: 1, max: nodes }) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.node, nodes) ? action : null),
};
