package main

// Randomness. etcd 3.4 draws each randomized election timeout from a package-level generator seeded
// from the clock (raft.go: globalRand, resetRandomizedElectionTimeout), in [electionTick,
// 2 × electionTick − 1]. raftsim owns every random number a node uses, and its rules assume the
// timeout lies in [electionTimeoutMinTicks, electionTimeoutMaxTicks]. So, unless -etcd-own-random
// asks for etcd's own behaviour:
//
//  1. globalRand's generator is replaced, before etcd draws anything, by one over a source that
//     only counts the draws made from it (and always gives 0: one source draw per Intn, since 0 is
//     never rejected by rand.Int31n). The clock-seeded generator is never read again.
//  2. After every call into etcd, each draw the call made is matched by one number of raftsim's
//     stream, and the node's randomizedElectionTimeout is set from the last of them:
//     min + ⌊r × (max − min + 1)⌋.
//
// This is safe because etcd reads randomizedElectionTimeout in one place only (pastElectionTimeout,
// on a tick), and no tick runs between the draw inside a call and the moment the call returns: the
// value etcd drew is overwritten before anything can read it. One process runs one node, so the
// package-level generator has no other user.

import (
	"fmt"
	"math/rand"
	"reflect"
	"sync"
	"unsafe"

	_ "go.etcd.io/etcd/raft"
)

// etcdLockedRand has the layout of etcd's raft.lockedRand.
type etcdLockedRand struct {
	mu   sync.Mutex
	rand *rand.Rand
}

//go:linkname etcdGlobalRand go.etcd.io/etcd/raft.globalRand
var etcdGlobalRand unsafe.Pointer

// countingSource is a rand.Source that counts what is drawn from it and gives 0.
type countingSource struct{ draws int }

func (s *countingSource) Int63() int64 {
	s.draws++
	return 0
}

func (s *countingSource) Seed(int64) {}

// electionDraws counts etcd's draws of an election timeout; nil when etcd keeps its own generator.
var electionDraws *countingSource

// countEtcdDraws puts the counting source behind etcd's package-level generator.
func countEtcdDraws() {
	global := (*etcdLockedRand)(etcdGlobalRand)
	electionDraws = &countingSource{}
	global.mu.Lock()
	global.rand = rand.New(electionDraws)
	global.mu.Unlock()
}

// stream hands out the numbers of the node's random stream: those the request carried, then more
// asked of raftsim.
type stream struct {
	io    *lines
	given []float64
	used  int
}

func (s *stream) begin(given []float64) {
	s.given = given
	s.used = 0
}

func (s *stream) next() float64 {
	if s.used == len(s.given) {
		s.io.write(randomAsk{Type: "random", Count: 1})
		line, err := s.io.read()
		if err != nil {
			panic(fmt.Sprintf("no random numbers from raftsim: %v", err))
		}
		var answer randomAnswer
		if err := jsonStrict(line, &answer); err != nil || answer.Type != "random" || len(answer.Values) == 0 {
			panic(fmt.Sprintf("expected random numbers from raftsim, got %s", line))
		}
		s.given = append(s.given, answer.Values...)
	}
	value := s.given[s.used]
	s.used++
	return value
}

// electionTimer sets etcd's randomized election timeout from the stream after each call.
type electionTimer struct {
	timeout  reflect.Value // raft.randomizedElectionTimeout, an addressable int
	min, max int
	counted  int
}

func newElectionTimer(raftStruct reflect.Value, opts options) *electionTimer {
	field := raftStruct.FieldByName("randomizedElectionTimeout")
	if !field.IsValid() || field.Kind() != reflect.Int || !field.CanAddr() {
		panic("etcd's raft has no int field randomizedElectionTimeout: this program is written for etcd 3.4")
	}
	return &electionTimer{timeout: field, min: opts.ElectionTimeoutMinTicks, max: opts.ElectionTimeoutMaxTicks}
}

// redrawAfterCall matches every draw etcd made since the last call with one of the stream's numbers.
func (t *electionTimer) redrawAfterCall(random *stream) {
	if electionDraws == nil {
		return
	}
	made := electionDraws.draws - t.counted
	t.counted = electionDraws.draws
	if made == 0 {
		return
	}
	var r float64
	for i := 0; i < made; i++ {
		r = random.next()
	}
	*(*int)(unsafe.Pointer(t.timeout.UnsafeAddr())) = t.min + int(r*float64(t.max-t.min+1))
}
