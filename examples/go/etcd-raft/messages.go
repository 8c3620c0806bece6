package main

// etcd's messages as the contract's, and back (docs/contract.md, Messages). Every message this
// program sends names etcd's kind in an extra field, etcdType, so that the etcd node on the other side
// gets exactly the message that was sent (a heartbeat stays a heartbeat); a message without it comes
// from a conformance test or another implementation and is read with raftsim's meaning of each field.
//
//	MsgVote, MsgPreVote          RequestVoteRequest (Index, LogTerm as lastLogIndex, lastLogTerm;
//	                             preVote for MsgPreVote; leadershipTransfer for etcd's transfer campaign)
//	MsgVoteResp, MsgPreVoteResp  RequestVoteResponse (voteGranted = !Reject; preVote)
//	MsgApp                       AppendEntriesRequest (Index, LogTerm, Entries, Commit as prevLogIndex,
//	                             prevLogTerm, entries, leaderCommit)
//	MsgHeartbeat                 AppendEntriesRequest with no entries at the heartbeat's commit (etcd's
//	                             min(match, committed), which the follower holds): prevLogIndex =
//	                             leaderCommit = Commit, prevLogTerm the leader's term there
//	MsgAppResp                   AppendEntriesResponse: success = !Reject, matchIndex = Index; a refusal
//	                             has rejectedIndex = Index, and etcd 3.4's hint, RejectHint (the
//	                             follower's last index), kept as the extra field rejectHint and, when
//	                             the follower's log ends before the refused index, given raftsim's
//	                             meaning: conflictIndex = RejectHint + 1, conflictTerm 0. etcd's answer
//	                             to an append of a lower term under PreVote or CheckQuorum (Index 0,
//	                             read by nobody but for its term) is the paper's refusal: success
//	                             false, rejectedIndex 0, at the higher term
//	MsgHeartbeatResp             AppendEntriesResponse, success, matchIndex the commit index of the
//	                             heartbeat it answers
//	MsgTimeoutNow                TimeoutNowRequest
//	MsgSnap                      InstallSnapshotRequest; etcd answers it with a MsgAppResp
//
// Reads (ReadIndex, dissertation §6.4). etcd confirms a read's leadership with a heartbeat whose
// Context is the read's, echoed by each answer. That Context is the read's number, as raftsim gave it;
// it travels as the contract's round, the number plus one, on the heartbeat and on its answer. From a
// node that is not etcd (a conformance test), any AppendEntriesResponse with a round is also that
// round's acknowledgement, which is what round means in the contract.

import (
	"fmt"
	"strconv"

	"go.etcd.io/etcd/raft"
	pb "go.etcd.io/etcd/raft/raftpb"
)

// wireMessage is any message of the protocol as it arrives, every field of every type.
type wireMessage struct {
	Type               string        `json:"type"`
	From               uint64        `json:"from"`
	To                 uint64        `json:"to"`
	Term               uint64        `json:"term"`
	LastLogIndex       uint64        `json:"lastLogIndex"`
	LastLogTerm        uint64        `json:"lastLogTerm"`
	PreVote            bool          `json:"preVote"`
	LeadershipTransfer bool          `json:"leadershipTransfer"`
	VoteGranted        bool          `json:"voteGranted"`
	PrevLogIndex       uint64        `json:"prevLogIndex"`
	PrevLogTerm        uint64        `json:"prevLogTerm"`
	Entries            []entryJSON   `json:"entries"`
	LeaderCommit       uint64        `json:"leaderCommit"`
	Success            bool          `json:"success"`
	MatchIndex         uint64        `json:"matchIndex"`
	RejectedIndex      uint64        `json:"rejectedIndex"`
	ConflictTerm       uint64        `json:"conflictTerm"`
	ConflictIndex      uint64        `json:"conflictIndex"`
	Snapshot           *snapshotJSON `json:"snapshot"`
	EtcdType           string        `json:"etcdType"`
	RejectHint         *uint64       `json:"rejectHint"`
	Round              uint64        `json:"round"`
}

type envelope struct {
	Type string `json:"type"`
	From uint64 `json:"from"`
	To   uint64 `json:"to"`
	Term uint64 `json:"term"`
}

type voteRequest struct {
	envelope
	LastLogIndex       uint64 `json:"lastLogIndex"`
	LastLogTerm        uint64 `json:"lastLogTerm"`
	PreVote            bool   `json:"preVote,omitempty"`
	LeadershipTransfer bool   `json:"leadershipTransfer,omitempty"`
	EtcdType           string `json:"etcdType"`
}

type voteResponse struct {
	envelope
	VoteGranted bool   `json:"voteGranted"`
	PreVote     bool   `json:"preVote,omitempty"`
	EtcdType    string `json:"etcdType"`
}

type appendRequest struct {
	envelope
	PrevLogIndex uint64      `json:"prevLogIndex"`
	PrevLogTerm  uint64      `json:"prevLogTerm"`
	Entries      []entryJSON `json:"entries"`
	LeaderCommit uint64      `json:"leaderCommit"`
	Round        uint64      `json:"round,omitempty"`
	EtcdType     string      `json:"etcdType"`
}

type appendResponse struct {
	envelope
	Success       bool    `json:"success"`
	MatchIndex    uint64  `json:"matchIndex"`
	RejectedIndex uint64  `json:"rejectedIndex"`
	ConflictTerm  uint64  `json:"conflictTerm"`
	ConflictIndex uint64  `json:"conflictIndex"`
	Round         uint64  `json:"round,omitempty"`
	EtcdType      string  `json:"etcdType"`
	RejectHint    *uint64 `json:"rejectHint,omitempty"`
}

type timeoutNow struct {
	envelope
	EtcdType string `json:"etcdType"`
}

type installSnapshot struct {
	envelope
	Snapshot snapshotJSON `json:"snapshot"`
	EtcdType string       `json:"etcdType"`
}

// sendingContext is what the sender knows that an etcd message does not carry.
type sendingContext struct {
	// termAt is the term of the sender's entry at an index: a heartbeat's prevLogTerm.
	termAt func(index uint64) uint64
	// heartbeatCommit is, for an answer to a heartbeat, the commit index of that heartbeat.
	heartbeatCommit uint64
	// answersStaleTerm is whether a MsgAppResp answers an append of a lower term.
	answersStaleTerm bool
}

// Entry data: empty for the entry a new leader appends (raftsim's noop), else a kind byte and the text.
const (
	commandData byte = 'c'
	configData  byte = 'k'
)

func toEtcdEntry(entry entryJSON, index uint64) pb.Entry {
	var data []byte
	switch entry.Kind {
	case "command":
		data = append([]byte{commandData}, entry.Command...)
	case "config":
		data = append([]byte{configData}, entry.Command...)
	}
	return pb.Entry{Term: entry.Term, Index: index, Type: pb.EntryNormal, Data: data}
}

func fromEtcdEntry(entry pb.Entry) entryJSON {
	if entry.Type != pb.EntryNormal {
		panic(fmt.Sprintf("etcd handed out a %s entry at index %d, which this program never creates", entry.Type, entry.Index))
	}
	if len(entry.Data) == 0 {
		return entryJSON{Term: entry.Term, Kind: "noop", Command: ""}
	}
	kind := "command"
	if entry.Data[0] == configData {
		kind = "config"
	}
	return entryJSON{Term: entry.Term, Kind: kind, Command: string(entry.Data[1:])}
}

func fromEtcdEntries(entries []pb.Entry) []entryJSON {
	out := make([]entryJSON, len(entries))
	for i, entry := range entries {
		out[i] = fromEtcdEntry(entry)
	}
	return out
}

func toEtcdSnapshot(snapshot snapshotJSON) pb.Snapshot {
	return pb.Snapshot{
		Data: []byte(snapshot.Data),
		Metadata: pb.SnapshotMetadata{
			Index:     snapshot.LastIndex,
			Term:      snapshot.LastTerm,
			ConfState: pb.ConfState{Voters: append([]uint64(nil), snapshot.Members...)},
		},
	}
}

func fromEtcdSnapshot(snapshot pb.Snapshot) snapshotJSON {
	members := append([]uint64{}, snapshot.Metadata.ConfState.Voters...)
	return snapshotJSON{LastIndex: snapshot.Metadata.Index, LastTerm: snapshot.Metadata.Term, Members: members, Data: string(snapshot.Data)}
}

// toRaftsim is an etcd message as the contract's message of the same meaning, tagged with etcd's kind.
func toRaftsim(message pb.Message, context sendingContext) interface{} {
	head := func(kind string) envelope {
		return envelope{Type: kind, From: message.From, To: message.To, Term: message.Term}
	}
	etcdType := message.Type.String()
	switch message.Type {
	case pb.MsgVote, pb.MsgPreVote:
		return voteRequest{
			envelope:           head("RequestVoteRequest"),
			LastLogIndex:       message.Index,
			LastLogTerm:        message.LogTerm,
			PreVote:            message.Type == pb.MsgPreVote,
			LeadershipTransfer: string(message.Context) == campaignTransfer,
			EtcdType:           etcdType,
		}
	case pb.MsgVoteResp, pb.MsgPreVoteResp:
		return voteResponse{envelope: head("RequestVoteResponse"), VoteGranted: !message.Reject, PreVote: message.Type == pb.MsgPreVoteResp, EtcdType: etcdType}
	case pb.MsgApp:
		return appendRequest{
			envelope:     head("AppendEntriesRequest"),
			PrevLogIndex: message.Index,
			PrevLogTerm:  message.LogTerm,
			Entries:      fromEtcdEntries(message.Entries),
			LeaderCommit: message.Commit,
			EtcdType:     etcdType,
		}
	case pb.MsgHeartbeat:
		return appendRequest{
			envelope:     head("AppendEntriesRequest"),
			PrevLogIndex: message.Commit,
			PrevLogTerm:  context.termAt(message.Commit),
			Entries:      []entryJSON{},
			LeaderCommit: message.Commit,
			Round:        roundOf(message.Context),
			EtcdType:     etcdType,
		}
	case pb.MsgAppResp:
		return appendResponseOf(message, head("AppendEntriesResponse"), context.answersStaleTerm)
	case pb.MsgHeartbeatResp:
		return appendResponse{envelope: head("AppendEntriesResponse"), Success: true, MatchIndex: context.heartbeatCommit, Round: roundOf(message.Context), EtcdType: etcdType}
	case pb.MsgTimeoutNow:
		return timeoutNow{envelope: head("TimeoutNowRequest"), EtcdType: etcdType}
	case pb.MsgSnap:
		return installSnapshot{envelope: head("InstallSnapshotRequest"), Snapshot: fromEtcdSnapshot(message.Snapshot), EtcdType: etcdType}
	}
	panic(fmt.Sprintf("this program cannot send etcd's %s (from %d to %d)", etcdType, message.From, message.To))
}

func appendResponseOf(message pb.Message, head envelope, answersStaleTerm bool) appendResponse {
	response := appendResponse{envelope: head, EtcdType: message.Type.String()}
	switch {
	case answersStaleTerm:
		// etcd tells a stale leader its term with a MsgAppResp whose content nobody reads: the
		// paper's refusal, with no index refused.
	case !message.Reject:
		response.Success = true
		response.MatchIndex = message.Index
	default:
		hint := message.RejectHint
		response.RejectedIndex = message.Index
		response.RejectHint = &hint
		if hint < message.Index {
			response.ConflictIndex = hint + 1
		}
	}
	return response
}

const campaignTransfer = "CampaignTransfer"

// toEtcd is a raftsim message as the etcd messages its sender meant: none for one etcd has no
// counterpart of; two for an answer with a round from a node that is not etcd (the answer, and the
// acknowledgement of the round).
func toEtcd(message wireMessage) []pb.Message {
	m, ok := toEtcdMessage(message)
	if !ok {
		return nil
	}
	if message.Type == "AppendEntriesResponse" && message.EtcdType == "" && message.Round > 0 {
		return []pb.Message{m, {Type: pb.MsgHeartbeatResp, From: m.From, To: m.To, Term: m.Term, Context: contextOf(message.Round)}}
	}
	return []pb.Message{m}
}

func toEtcdMessage(message wireMessage) (pb.Message, bool) {
	m := pb.Message{From: message.From, To: message.To, Term: message.Term}
	switch message.Type {
	case "RequestVoteRequest":
		m.Type, m.Index, m.LogTerm = pb.MsgVote, message.LastLogIndex, message.LastLogTerm
		if message.PreVote {
			m.Type = pb.MsgPreVote
		}
		if message.LeadershipTransfer {
			m.Context = []byte(campaignTransfer)
		}
	case "RequestVoteResponse":
		m.Type, m.Reject = pb.MsgVoteResp, !message.VoteGranted
		if message.PreVote {
			m.Type = pb.MsgPreVoteResp
		}
	case "AppendEntriesRequest":
		if message.EtcdType == "MsgHeartbeat" {
			m.Type, m.Commit, m.Context = pb.MsgHeartbeat, message.LeaderCommit, contextOf(message.Round)
			break
		}
		m.Type, m.Index, m.LogTerm, m.Commit = pb.MsgApp, message.PrevLogIndex, message.PrevLogTerm, message.LeaderCommit
		m.Entries = make([]pb.Entry, len(message.Entries))
		for i, entry := range message.Entries {
			m.Entries[i] = toEtcdEntry(entry, message.PrevLogIndex+uint64(i)+1)
		}
	case "AppendEntriesResponse":
		appendResponseToEtcd(message, &m)
	case "TimeoutNowRequest":
		m.Type = pb.MsgTimeoutNow
	case "InstallSnapshotRequest":
		if message.Snapshot == nil {
			return m, false
		}
		m.Type, m.Snapshot = pb.MsgSnap, toEtcdSnapshot(*message.Snapshot)
	default:
		return m, false
	}
	return m, true
}

func appendResponseToEtcd(message wireMessage, m *pb.Message) {
	m.Type = pb.MsgAppResp
	switch {
	case message.EtcdType == "MsgHeartbeatResp":
		m.Type, m.Context = pb.MsgHeartbeatResp, contextOf(message.Round)
	case message.Success:
		m.Index = message.MatchIndex
	case message.EtcdType == "MsgAppResp" && message.RejectedIndex == 0:
		// etcd refuses no index 0 (every log holds the empty prefix): this is its answer to a stale term.
	default:
		m.Reject, m.Index, m.RejectHint = true, message.RejectedIndex, refusalHint(message)
	}
}

// refusalHint is etcd 3.4's RejectHint, the follower's last index as far as the leader may trust it:
// etcd's own from another etcd node; from raftsim's hint (§5.3), the last index + 1 when the follower's
// log ends before the refused index, or the index before the conflicting term's first entry; without
// a hint (0 and 0), one before the refused index.
func refusalHint(message wireMessage) uint64 {
	if message.RejectHint != nil && message.EtcdType == "MsgAppResp" {
		return *message.RejectHint
	}
	before := uint64(0)
	if message.RejectedIndex > 0 {
		before = message.RejectedIndex - 1
	}
	if message.ConflictIndex > 0 && message.ConflictIndex-1 < before {
		return message.ConflictIndex - 1
	}
	return before
}

// maxRound is the largest round a message may carry (2^31 − 1).
const maxRound = 1<<31 - 1

// roundOf is the round standing for a read's Context, the read's number plus one; 0 for none.
func roundOf(context []byte) uint64 {
	number, err := strconv.ParseUint(string(context), 10, 63)
	if len(context) == 0 || err != nil || number >= maxRound {
		return 0
	}
	return number + 1
}

func contextOf(round uint64) []byte {
	if round == 0 {
		return nil
	}
	return []byte(strconv.FormatUint(round-1, 10))
}

// roles maps etcd's StateType onto the contract's role names.
var roles = map[raft.StateType]string{
	raft.StateFollower:     "follower",
	raft.StateCandidate:    "candidate",
	raft.StatePreCandidate: "precandidate",
	raft.StateLeader:       "leader",
}
