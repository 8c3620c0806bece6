// Command etcd-raft is etcd's raft library (go.etcd.io/etcd/raft, etcd 3.4) behind raftsim's process
// protocol (docs/protocol.md): one process, one node, a RawNode over a MemoryStorage.
//
//	raftsim conformance --impl-cmd /path/to/etcd-raft
//	raftsim explore --impl-cmd /path/to/etcd-raft
//
// -etcd-own-random leaves etcd's clock-seeded election timeouts alone, to show what raftsim's
// determinism check makes of them (random.go says what the program does otherwise).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"go.etcd.io/etcd/version"
)

const maxLine = 16 << 20

func main() {
	ownRandom := flag.Bool("etcd-own-random", false, "leave etcd's clock-seeded election timeouts alone (nondeterministic)")
	flag.Parse()
	if !*ownRandom {
		countEtcdDraws()
	}
	pipe := &lines{in: bufio.NewReaderSize(os.Stdin, 1<<16), out: bufio.NewWriterSize(os.Stdout, 1<<16)}
	pipe.write(hello{
		Type:              "hello",
		Protocol:          1,
		Name:              "etcd/raft " + version.Version + " (Go)",
		Features:          []string{"transfer", "snapshots", "reads"},
		ExtraMessageTypes: []string{},
		QuietAdvance:      true,
	})
	server := &server{random: &stream{io: pipe}}
	for {
		line, err := pipe.read()
		if err != nil {
			return
		}
		if len(line) > maxLine {
			fmt.Fprintf(os.Stderr, "etcd-raft: a line of %d bytes, above the protocol's 16 MiB\n", len(line))
			os.Exit(2)
		}
		pipe.write(server.answer(line))
	}
}

type server struct {
	random *stream
	node   *node
}

// answer handles one request line and returns its reply, or an error naming what went wrong.
func (s *server) answer(line []byte) (answer interface{}) {
	var req request
	if err := jsonStrict(line, &req); err != nil {
		fmt.Fprintf(os.Stderr, "etcd-raft: cannot read the request %q: %v\n", strings.TrimSpace(string(line)), err)
		os.Exit(2)
	}
	defer func() {
		if failure := recover(); failure != nil {
			answer = errorReply{Type: "error", ID: req.ID, Message: fmt.Sprintf("%v (%s)", failure, panicSite())}
		}
	}()
	s.random.begin(req.Random)
	result := s.call(req)
	var ready *readyJSON
	if req.Call != "create" {
		s.node.timer.redrawAfterCall(s.random)
		ready = s.node.takeReady()
	}
	out := reply{Type: "reply", ID: req.ID, RandomUsed: s.random.used, Ready: ready}
	if result != nil {
		out.Result = result
	}
	return out
}

// call carries out the request on the node; its result as JSON, or nil for a call without one.
func (s *server) call(req request) json.RawMessage {
	if req.Call != "create" && s.node == nil {
		panic(fmt.Sprintf("%s before create", req.Call))
	}
	switch req.Call {
	case "create":
		if s.node != nil || req.Node == nil {
			panic("create must come once, first, with the node")
		}
		s.node = newNode(*req.Node, s.random)
	case "tick":
		s.node.tick()
	case "step":
		if req.Message == nil {
			panic("step without a message")
		}
		s.node.step(*req.Message)
	case "propose":
		return encode(s.node.propose(req.Command))
	case "advance":
		s.node.advance()
	case "transferLeadership":
		return encode(s.node.transferLeadership(req.To))
	case "read":
		if req.Context == nil {
			panic("read without a context")
		}
		return encode(s.node.read(*req.Context))
	case "compact":
		return encode(s.node.compact(req.Index, req.Data))
	default:
		panic(fmt.Sprintf("unknown call %q", req.Call))
	}
	return nil
}

func encode(value interface{}) json.RawMessage {
	encoded, err := json.Marshal(value)
	must(err)
	return encoded
}

func jsonStrict(line []byte, into interface{}) error {
	return json.Unmarshal(line, into)
}

// panicSite names where a panic was raised, by file and line only, so that the same failure gives
// the same message in every run.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	var sites []string
	for more := true; more && len(sites) < 3; {
		var frame runtime.Frame
		frame, more = frames.Next()
		if strings.HasPrefix(frame.Function, "runtime.") || strings.Contains(frame.Function, "silentLogger") {
			continue
		}
		sites = append(sites, fmt.Sprintf("%s:%d", filepath.Base(frame.File), frame.Line))
	}
	return "at " + strings.Join(sites, " < ")
}
