/**
 * An etcd MemoryStorage holding what raftsim persisted for a node: the state etcd's raft reads when it
 * starts (HardState, ConfState, snapshot, entries), as etcd's own applications fill theirs from their disk.
 */
import { MemoryStorage } from '@coaty/consensus.raft/ported/storage.js';
import { Entry, HardState } from '@coaty/consensus.raft/ported/raftpb/raft.pb.js';
import type { NodeConfig } from '../../core/index.js';
import { etcdId, toEtcdEntry, toEtcdSnapshot } from './messages.js';

export function storageFrom(config: NodeConfig): MemoryStorage {
  const persisted = config.persisted;
  // Without a snapshot, an empty one at index 0 whose ConfState is the configuration the cluster
  // started with: etcd reads its configuration from there.
  const snapshot = toEtcdSnapshot(persisted?.snapshot ?? { lastIndex: 0, lastTerm: 0, members: config.members, data: '' });
  const { index: snapshotIndex, term: snapshotTerm } = snapshot.metadata;
  // MemoryStorage keeps a dummy entry at the snapshot's index in front of the log.
  const entries = [
    new Entry({ index: snapshotIndex, term: snapshotTerm }),
    ...(persisted?.log ?? []).map((entry, offset) => toEtcdEntry(entry, snapshotIndex + offset + 1)),
  ];
  // The contract persists no commit index; etcd's may not be below the snapshot, which is committed.
  const hardState =
    persisted === null
      ? new HardState()
      : new HardState({
          term: persisted.hardState.term,
          vote: persisted.hardState.votedFor === null ? '' : etcdId(persisted.hardState.votedFor),
          commit: snapshotIndex,
        });
  return new MemoryStorage({ hardState, snapshot, ents: entries });
}
