package main

// The JSON of raftsim's process protocol, version 1 (docs/protocol.md): requests in, replies out.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

type request struct {
	ID      int64        `json:"id"`
	Call    string       `json:"call"`
	Random  []float64    `json:"random"`
	Node    *nodeSpec    `json:"node"`
	Message *wireMessage `json:"message"`
	Command string       `json:"command"`
	To      uint64       `json:"to"`
	Index   uint64       `json:"index"`
	Data    string       `json:"data"`
	Context *int64       `json:"context"`
}

type nodeSpec struct {
	ID        uint64     `json:"id"`
	Members   []uint64   `json:"members"`
	Options   options    `json:"options"`
	Persisted *persisted `json:"persisted"`
}

type options struct {
	ElectionTimeoutMinTicks int     `json:"electionTimeoutMinTicks"`
	ElectionTimeoutMaxTicks int     `json:"electionTimeoutMaxTicks"`
	HeartbeatTicks          int     `json:"heartbeatTicks"`
	MaxEntriesPerAppend     int     `json:"maxEntriesPerAppend"`
	MaxInflightAppends      int     `json:"maxInflightAppends"`
	PreVote                 bool    `json:"preVote"`
	CheckQuorum             bool    `json:"checkQuorum"`
	LeaseReads              bool    `json:"leaseReads"`
	LeaseClockDrift         float64 `json:"leaseClockDrift"`
}

type persisted struct {
	HardState hardStateJSON `json:"hardState"`
	Snapshot  *snapshotJSON `json:"snapshot"`
	Log       []entryJSON   `json:"log"`
}

type hardStateJSON struct {
	Term     uint64  `json:"term"`
	VotedFor *uint64 `json:"votedFor"`
}

type entryJSON struct {
	Term    uint64 `json:"term"`
	Kind    string `json:"kind"`
	Command string `json:"command"`
}

type snapshotJSON struct {
	LastIndex uint64   `json:"lastIndex"`
	LastTerm  uint64   `json:"lastTerm"`
	Members   []uint64 `json:"members"`
	Data      string   `json:"data"`
}

type entriesFrom struct {
	FromIndex uint64      `json:"fromIndex"`
	Entries   []entryJSON `json:"entries"`
}

type softStateJSON struct {
	Role     string  `json:"role"`
	LeaderID *uint64 `json:"leaderId"`
}

type readStateJSON struct {
	Context int64  `json:"context"`
	Index   uint64 `json:"index"`
}

type readyJSON struct {
	HardState        *hardStateJSON  `json:"hardState"`
	LogWrite         *entriesFrom    `json:"logWrite"`
	Snapshot         *snapshotJSON   `json:"snapshot"`
	Messages         []interface{}   `json:"messages"`
	CommittedEntries *entriesFrom    `json:"committedEntries"`
	SoftState        *softStateJSON  `json:"softState"`
	CommitIndex      uint64          `json:"commitIndex"`
	ReadStates       []readStateJSON `json:"readStates,omitempty"`
}

type proposeResult struct {
	Accepted bool    `json:"accepted"`
	Index    uint64  `json:"index,omitempty"`
	Term     uint64  `json:"term,omitempty"`
	LeaderID *uint64 `json:"leaderId,omitempty"`
	Reason   string  `json:"reason,omitempty"`
}

type reply struct {
	Type       string          `json:"type"`
	ID         int64           `json:"id"`
	RandomUsed int             `json:"randomUsed"`
	Ready      *readyJSON      `json:"ready"`
	Result     json.RawMessage `json:"result,omitempty"`
}

type errorReply struct {
	Type    string `json:"type"`
	ID      int64  `json:"id"`
	Message string `json:"message"`
}

type hello struct {
	Type              string   `json:"type"`
	Protocol          int      `json:"protocol"`
	Name              string   `json:"name"`
	Features          []string `json:"features"`
	ExtraMessageTypes []string `json:"extraMessageTypes"`
	QuietAdvance      bool     `json:"quietAdvance"`
}

type randomAsk struct {
	Type  string `json:"type"`
	Count int    `json:"count"`
}

type randomAnswer struct {
	Type   string    `json:"type"`
	Values []float64 `json:"values"`
}

// lines reads and writes the protocol's lines: one JSON object a line, flushed after each.
type lines struct {
	in  *bufio.Reader
	out *bufio.Writer
}

// read returns the next line, or io.EOF once raftsim has closed the program's input.
func (l *lines) read() ([]byte, error) {
	line, err := l.in.ReadBytes('\n')
	if err == io.EOF && len(line) > 0 {
		return line, nil
	}
	return line, err
}

func (l *lines) write(value interface{}) {
	encoded, err := json.Marshal(value)
	if err != nil {
		panic(fmt.Sprintf("cannot encode %T: %v", value, err))
	}
	l.out.Write(encoded)
	l.out.WriteByte('\n')
	l.out.Flush()
}
