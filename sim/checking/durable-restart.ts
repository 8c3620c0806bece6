/**
 * The simulator's own promise, checked on every restart: on a disk inside Raft's fault model a node
 * comes back with exactly what it had made durable, no more (a write still in flight at the crash is
 * lost) and no less (a completed write survives). Raft's safety rests on this; a simulator that broke
 * it would let implementations pass or fail for the wrong reason. The disk modes that break it on
 * purpose (lost-fsync, torn-write) are not judged.
 */
import type { NodeId, PersistentState } from '../../core/types.js';
import { entryHash } from './observed-cluster.js';
import type { ObservedNode } from './observed-cluster.js';

/**
 * How what the disk gave back differs from what the node had made durable, or null when it does not.
 * `discardedFrom` (0 for none) is where a checksummed disk found a record it could not repair and cut
 * the log: the loss is known and reported, and what it costs is for the safety checkers to judge.
 */
export function durableDifference(node: ObservedNode, persisted: PersistentState | null, discardedFrom = 0): string | null {
  const term = persisted?.hardState.term ?? 0;
  const votedFor: NodeId | null = persisted?.hardState.votedFor ?? null;
  if (term !== node.term || votedFor !== node.votedFor) {
    return `term ${term}, votedFor ${votedFor ?? 'none'} where it had made durable term ${node.term}, votedFor ${node.votedFor ?? 'none'}`;
  }
  const snapshotIndex = persisted?.snapshot?.lastIndex ?? 0;
  const log = persisted?.log ?? [];
  const lastIndex = snapshotIndex + log.length;
  const expectedLast = discardedFrom > 0 ? Math.min(node.lastIndex(), discardedFrom - 1) : node.lastIndex();
  if (lastIndex !== expectedLast) return `${lastIndex} entries where it had made ${node.lastIndex()} durable`;
  for (let offset = 0; offset < log.length; offset++) {
    const index = snapshotIndex + offset + 1;
    const durable = node.entries[index];
    if (durable === null || durable === undefined || entryHash(durable) !== entryHash(log[offset]!)) {
      return `an entry at index ${index} of term ${log[offset]!.term} where it had made durable one of term ${durable?.term ?? 'none'}`;
    }
  }
  return null;
}
