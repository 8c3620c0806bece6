package main

// One raftsim node: an etcd RawNode over a MemoryStorage, driven through the contract
// (docs/contract.md): ticks, steps, proposals in; one etcd Ready out at a time as the contract's Ready;
// the storage written only once raftsim has made that Ready durable.

import (
	"fmt"
	"math"
	"reflect"
	"strconv"

	"go.etcd.io/etcd/raft"
	pb "go.etcd.io/etcd/raft/raftpb"
	"go.etcd.io/etcd/raft/tracker"
)

type trackerProgress = tracker.Progress

type node struct {
	id      uint64
	members []uint64
	storage *hostStorage
	rawNode *raft.RawNode
	timer   *electionTimer
	// messages is etcd's raft.msgs, read (never written) to know which message a step produced.
	messages reflect.Value
	// outstanding is the etcd Ready handed out and not yet advanced.
	outstanding *raft.Ready
	// handedOut is the term and vote of the last hard state handed out: etcd's HardState also changes
	// with the commit index, which the contract does not persist.
	handedOutTerm, handedOutVote uint64
	// heartbeatCommits holds, by position in raft.msgs, the commit of the heartbeat each answer answers.
	heartbeatCommits map[int]uint64
	// staleTermAnswers holds, by position in raft.msgs, the answers to appends of a lower term.
	staleTermAnswers map[int]bool
}

// silentLogger says nothing; etcd's panics and fatal errors panic, and come back as the node's error.
type silentLogger struct{}

func (silentLogger) Debug(...interface{})            {}
func (silentLogger) Debugf(string, ...interface{})   {}
func (silentLogger) Error(...interface{})            {}
func (silentLogger) Errorf(string, ...interface{})   {}
func (silentLogger) Info(...interface{})             {}
func (silentLogger) Infof(string, ...interface{})    {}
func (silentLogger) Warning(...interface{})          {}
func (silentLogger) Warningf(string, ...interface{}) {}
func (silentLogger) Fatal(v ...interface{})          { panic("etcd raft fatal: " + fmt.Sprint(v...)) }
func (silentLogger) Fatalf(f string, v ...interface{}) {
	panic("etcd raft fatal: " + fmt.Sprintf(f, v...))
}
func (silentLogger) Panic(v ...interface{}) { panic("etcd raft panic: " + fmt.Sprint(v...)) }
func (silentLogger) Panicf(f string, v ...interface{}) {
	panic("etcd raft panic: " + fmt.Sprintf(f, v...))
}

func newNode(spec nodeSpec, random *stream) *node {
	opts := spec.Options
	if opts.HeartbeatTicks >= opts.ElectionTimeoutMinTicks {
		panic(fmt.Sprintf("etcd's raft needs electionTimeoutMinTicks (%d) above heartbeatTicks (%d)", opts.ElectionTimeoutMinTicks, opts.HeartbeatTicks))
	}
	members := spec.Members
	if spec.Persisted != nil && spec.Persisted.Snapshot != nil {
		members = spec.Persisted.Snapshot.Members
	}
	storage := storageFrom(spec)
	config := &raft.Config{
		ID:                        spec.ID,
		ElectionTick:              opts.ElectionTimeoutMinTicks,
		HeartbeatTick:             opts.HeartbeatTicks,
		Storage:                   storage,
		MaxSizePerMsg:             math.MaxUint64,
		MaxInflightMsgs:           opts.MaxInflightAppends,
		CheckQuorum:               opts.CheckQuorum,
		PreVote:                   opts.PreVote,
		Logger:                    silentLogger{},
		DisableProposalForwarding: true,
	}
	drawsBefore := 0
	if electionDraws != nil {
		drawsBefore = electionDraws.draws
	}
	rawNode, err := raft.NewRawNode(config)
	must(err)
	raftStruct := reflect.ValueOf(rawNode).Elem().FieldByName("raft").Elem()
	n := &node{
		id:               spec.ID,
		members:          members,
		storage:          storage,
		rawNode:          rawNode,
		timer:            newElectionTimer(raftStruct, opts),
		messages:         raftStruct.FieldByName("msgs"),
		heartbeatCommits: map[int]uint64{},
		staleTermAnswers: map[int]bool{},
	}
	n.timer.counted = drawsBefore
	status := rawNode.BasicStatus()
	n.handedOutTerm, n.handedOutVote = status.Term, status.Vote
	n.timer.redrawAfterCall(random)
	return n
}

func (n *node) tick() {
	n.rawNode.Tick()
}

func (n *node) step(message wireMessage) {
	for _, m := range toEtcd(message) {
		n.stepEtcd(m)
	}
}

func (n *node) stepEtcd(m pb.Message) {
	sentBefore := n.messages.Len()
	staleTerm := m.Term < n.rawNode.BasicStatus().Term
	// etcd refuses a response from a stranger with an error, and ignores it: so does the contract.
	_ = n.rawNode.Step(m)
	for i := sentBefore; i < n.messages.Len(); i++ {
		sent := pb.MessageType(n.messages.Index(i).FieldByName("Type").Int())
		if sent == pb.MsgHeartbeatResp && m.Type == pb.MsgHeartbeat {
			n.heartbeatCommits[i] = m.Commit
		}
		if sent == pb.MsgAppResp && staleTerm && (m.Type == pb.MsgApp || m.Type == pb.MsgHeartbeat) {
			n.staleTermAnswers[i] = true
		}
	}
}

func (n *node) propose(command string) proposeResult {
	status := n.rawNode.BasicStatus()
	if status.RaftState != raft.StateLeader {
		return proposeResult{Accepted: false, LeaderID: nodeID(status.Lead)}
	}
	if err := n.rawNode.Propose(append([]byte{commandData}, command...)); err != nil {
		return proposeResult{Accepted: false, LeaderID: nodeID(status.Lead), Reason: err.Error()}
	}
	return proposeResult{Accepted: true, Index: n.lastIndex(), Term: status.Term}
}

// lastIndex is the leader's own match: etcd raises it to its last index as it appends.
func (n *node) lastIndex() uint64 {
	last := uint64(0)
	n.rawNode.WithProgress(func(id uint64, _ raft.ProgressType, progress trackerProgress) {
		if id == n.id {
			last = progress.Match
		}
	})
	return last
}

// read starts a ReadIndex read (dissertation §6.4) if this node leads. etcd may hold it until it has
// committed an entry of its term, and answers it at its commit index once a majority has answered a
// heartbeat sent after it.
func (n *node) read(context int64) bool {
	if n.rawNode.BasicStatus().RaftState != raft.StateLeader || context < 0 || context >= maxRound {
		return false
	}
	n.rawNode.ReadIndex([]byte(strconv.FormatInt(context, 10)))
	return true
}

func (n *node) transferLeadership(to uint64) bool {
	status := n.rawNode.BasicStatus()
	if status.RaftState != raft.StateLeader || to == n.id || !n.isPeer(to) {
		return false
	}
	n.rawNode.TransferLeader(to)
	return true
}

func (n *node) isPeer(id uint64) bool {
	peer := false
	n.rawNode.WithProgress(func(other uint64, _ raft.ProgressType, _ trackerProgress) {
		peer = peer || other == id
	})
	return peer
}

// compact is the storage's own compaction (§7): etcd's CreateSnapshot, then Compact.
func (n *node) compact(index uint64, data string) *snapshotJSON {
	taken, err := n.storage.Snapshot()
	must(err)
	if index > n.rawNode.BasicStatus().Applied || index <= taken.Metadata.Index {
		return nil
	}
	confState := pb.ConfState{Voters: append([]uint64(nil), n.members...)}
	snapshot, err := n.storage.CreateSnapshot(index, &confState, []byte(data))
	if err != nil {
		return nil
	}
	must(n.storage.Compact(index))
	out := fromEtcdSnapshot(snapshot)
	return &out
}

// takeReady hands out etcd's Ready as the contract's, or nil while one is outstanding or none is due.
func (n *node) takeReady() *readyJSON {
	if n.outstanding != nil || !n.rawNode.HasReady() {
		return nil
	}
	rd := n.rawNode.Ready()
	n.outstanding = &rd
	out := &readyJSON{
		HardState:   n.hardStateChange(rd.HardState),
		Messages:    make([]interface{}, len(rd.Messages)),
		CommitIndex: n.rawNode.BasicStatus().Commit,
	}
	if len(rd.Entries) > 0 {
		out.LogWrite = &entriesFrom{FromIndex: rd.Entries[0].Index, Entries: fromEtcdEntries(rd.Entries)}
	}
	if len(rd.CommittedEntries) > 0 {
		out.CommittedEntries = &entriesFrom{FromIndex: rd.CommittedEntries[0].Index, Entries: fromEtcdEntries(rd.CommittedEntries)}
	}
	if !raft.IsEmptySnap(rd.Snapshot) {
		snapshot := fromEtcdSnapshot(rd.Snapshot)
		out.Snapshot = &snapshot
		n.members = snapshot.Members
	}
	if rd.SoftState != nil {
		out.SoftState = &softStateJSON{Role: roles[rd.SoftState.RaftState], LeaderID: nodeID(rd.SoftState.Lead)}
	}
	for _, read := range rd.ReadStates {
		context, err := strconv.ParseInt(string(read.RequestCtx), 10, 64)
		must(err)
		out.ReadStates = append(out.ReadStates, readStateJSON{Context: context, Index: read.Index})
	}
	termAt := func(index uint64) uint64 { return n.termAt(index, rd.Entries) }
	for i, message := range rd.Messages {
		context := sendingContext{termAt: termAt, heartbeatCommit: n.heartbeatCommits[i], answersStaleTerm: n.staleTermAnswers[i]}
		out.Messages[i] = toRaftsim(message, context)
	}
	n.heartbeatCommits = map[int]uint64{}
	n.staleTermAnswers = map[int]bool{}
	return out
}

// termAt is the term of this node's entry at index: in the Ready being handed out, else stored; 0
// when compacted away.
func (n *node) termAt(index uint64, unstable []pb.Entry) uint64 {
	if len(unstable) > 0 && index >= unstable[0].Index && index <= unstable[len(unstable)-1].Index {
		return unstable[index-unstable[0].Index].Term
	}
	term, err := n.storage.Term(index)
	if err != nil {
		return 0
	}
	return term
}

func (n *node) hardStateChange(hardState pb.HardState) *hardStateJSON {
	if raft.IsEmptyHardState(hardState) || (hardState.Term == n.handedOutTerm && hardState.Vote == n.handedOutVote) {
		return nil
	}
	n.handedOutTerm, n.handedOutVote = hardState.Term, hardState.Vote
	return &hardStateJSON{Term: hardState.Term, VotedFor: nodeID(hardState.Vote)}
}

// advance: raftsim made the Ready durable, sent and applied it; the storage takes what its disk holds.
func (n *node) advance() {
	if n.outstanding == nil {
		panic("advance without a Ready handed out")
	}
	rd := *n.outstanding
	n.outstanding = nil
	if !raft.IsEmptyHardState(rd.HardState) {
		must(n.storage.SetHardState(rd.HardState))
	}
	if !raft.IsEmptySnap(rd.Snapshot) {
		must(n.storage.ApplySnapshot(rd.Snapshot))
	}
	must(n.storage.Append(rd.Entries))
	n.rawNode.Advance(rd)
	// The snapshots of the Ready have gone out: as etcd's transport does, report them sent, so that the
	// leader probes that follower again (and sends it anew, if it was lost).
	for _, message := range rd.Messages {
		if message.Type == pb.MsgSnap {
			n.rawNode.ReportSnapshot(message.To, raft.SnapshotFinish)
		}
	}
}

// nodeID is an etcd node id as the contract's, null for etcd's None.
func nodeID(id uint64) *uint64 {
	if id == raft.None {
		return nil
	}
	return &id
}
