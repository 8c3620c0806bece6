package main

// An etcd MemoryStorage holding what raftsim persisted for the node: the state etcd's raft reads when
// it starts (HardState, ConfState, snapshot, entries), as etcd's own applications fill theirs from
// their disk. Afterwards it takes each Ready once raftsim has made it durable (node.advance).

import (
	"go.etcd.io/etcd/raft"
	pb "go.etcd.io/etcd/raft/raftpb"
)

// hostStorage is a MemoryStorage whose configuration, before any snapshot, is the cluster's starting
// one: etcd reads its configuration from the storage's ConfState, which raftsim keeps nowhere else.
type hostStorage struct {
	*raft.MemoryStorage
	members []uint64
}

func (s *hostStorage) InitialState() (pb.HardState, pb.ConfState, error) {
	hardState, confState, err := s.MemoryStorage.InitialState()
	if err == nil && len(confState.Voters) == 0 {
		confState.Voters = append([]uint64(nil), s.members...)
	}
	return hardState, confState, err
}

func storageFrom(spec nodeSpec) *hostStorage {
	storage := &hostStorage{MemoryStorage: raft.NewMemoryStorage(), members: spec.Members}
	saved := spec.Persisted
	if saved == nil {
		return storage
	}
	snapshotIndex := uint64(0)
	if saved.Snapshot != nil {
		must(storage.ApplySnapshot(toEtcdSnapshot(*saved.Snapshot)))
		snapshotIndex = saved.Snapshot.LastIndex
	}
	entries := make([]pb.Entry, len(saved.Log))
	for i, entry := range saved.Log {
		entries[i] = toEtcdEntry(entry, snapshotIndex+uint64(i)+1)
	}
	must(storage.Append(entries))
	vote := uint64(0)
	if saved.HardState.VotedFor != nil {
		vote = *saved.HardState.VotedFor
	}
	// The contract persists no commit index: the node learns it again from its leader. etcd's may not
	// be below the snapshot, which is committed.
	must(storage.SetHardState(pb.HardState{Term: saved.HardState.Term, Vote: vote, Commit: snapshotIndex}))
	return storage
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
