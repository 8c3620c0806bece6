/**
 * An etcd MemoryStorage holding what raftsim persisted for a node: the state etcd's raft reads when it
 * starts (HardState, ConfState, entries), as etcd's own applications fill theirs from their disk.
 */
import { MemoryStorage } from '@coaty/consensus.raft/ported/storage.js';
import { ConfState, Entry, HardState, Snapshot, SnapshotMetadata } from '@coaty/consensus.raft/ported/raftpb/raft.pb.js';
import type { NodeConfig } from '../../core/index.js';
import { etcdId, toEtcdEntry } from './messages.js';

export function storageFrom(config: NodeConfig): MemoryStorage {
  const persisted = config.persisted;
  // Without membership changes the configuration is the one the cluster started with; etcd reads it
  // from the snapshot's ConfState, here an empty snapshot at index 0.
  const confState = new ConfState({ voters: config.members.map(etcdId) });
  const snapshot = new Snapshot({ metadata: new SnapshotMetadata({ index: 0, term: 0, confState }) });
  // MemoryStorage keeps a dummy entry at the snapshot's index in front of the log.
  const entries = [new Entry({ index: 0, term: 0 }), ...(persisted?.log ?? []).map((entry, offset) => toEtcdEntry(entry, offset + 1))];
  const hardState =
    persisted === null
      ? new HardState()
      : new HardState({ term: persisted.hardState.term, vote: persisted.hardState.votedFor === null ? '' : etcdId(persisted.hardState.votedFor), commit: 0 });
  return new MemoryStorage({ hardState, snapshot, ents: entries });
}
