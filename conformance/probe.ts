/**
 * Driving one implementation's nodes by hand, as the conformance tests do: a Probe creates a node through
 * the implementation, feeds it inputs, takes every Ready as a host with an instant disk would, and keeps
 * what the node persisted, applied and said about its role. While it does, it holds the node to the
 * contract's ordering: nothing sent before the state it depends on is persisted, nothing applied before
 * it is committed. The setups, logs and messages it is driven with are core/testing.ts's, shared with
 * the core's tests; what is here reports through ConformanceFailure, the suite's way of failing a rule.
 */
import type { ProposeResult, RaftImplementation, RaftNodeInstance, Ready, ReadState } from '../core/contract.js';
import type { Message } from '../core/messages.js';
import type { NodeSetup } from '../core/testing.js';
import { appendSuccess, describeMessages, messagesOfType, nodeConfigOf, TEST_OPTIONS, voteResponse } from '../core/testing.js';
import type { Entry, HardState, NodeId, Role } from '../core/types.js';

/** A broken expectation of a conformance test. */
export class ConformanceFailure extends Error {}

export function expectThat(holds: boolean, message: string): void {
  if (!holds) throw new ConformanceFailure(message);
}

export class Probe {
  readonly id: NodeId;
  readonly node: RaftNodeInstance;
  hardState: HardState;
  log: Entry[];
  commitIndex = 0;
  readonly applied: Entry[] = [];
  role: Role = 'follower';
  leaderId: NodeId | null = null;
  /** Every Ready taken, in order. */
  readonly readies: Ready[] = [];
  /** The last index of the latest snapshot persisted; the log array keeps placeholders up to it. */
  snapshotIndex = 0;
  /** Every read the node has answered, in order. */
  readonly readStates: ReadState[] = [];
  /** Every message the node has sent, in order. */
  readonly sent: Message[] = [];

  constructor(implementation: RaftImplementation, setup: NodeSetup = {}) {
    const config = nodeConfigOf(setup);
    this.id = config.id;
    this.hardState = config.persisted?.hardState ?? { term: 0, votedFor: null };
    this.log = config.persisted?.log.slice() ?? [];
    this.node = implementation.create(config);
  }

  tick(times = 1): Message[] {
    const messages: Message[] = [];
    for (let index = 0; index < times; index++) {
      this.node.tick();
      messages.push(...this.drain());
    }
    return messages;
  }

  step(message: Message): Message[] {
    this.node.step(message);
    return this.drain();
  }

  /** Calls an optional method of the contract the test requires; a missing one fails the test. */
  optional<K extends 'compact' | 'proposeConfigChange' | 'read'>(name: K): NonNullable<RaftNodeInstance[K]> {
    const method = this.node[name];
    expectThat(typeof method === 'function', `node ${this.id} has no ${name} method`);
    return (method as (...args: unknown[]) => unknown).bind(this.node) as NonNullable<RaftNodeInstance[K]>;
  }

  /** Steps several messages before taking a Ready, so that their effects share one. */
  stepAll(messages: readonly Message[]): Message[] {
    for (const message of messages) this.node.step(message);
    return this.drain();
  }

  propose(command: string): { result: ProposeResult; messages: Message[] } {
    const result = this.node.propose(command);
    return { result, messages: this.drain() };
  }

  /** Takes and acknowledges every Ready the node has, checking the contract's ordering in each. */
  drain(): Message[] {
    const messages: Message[] = [];
    for (let round = 0; this.node.hasReady(); round++) {
      expectThat(round < 100, `node ${this.id} still had a Ready after 100 rounds without new input`);
      const ready = this.node.ready();
      this.readies.push(ready);
      this.persist(ready);
      for (const message of ready.messages) this.checkPersistedBeforeSend(message);
      this.checkApply(ready);
      if (ready.softState !== null) {
        this.role = ready.softState.role;
        this.leaderId = ready.softState.leaderId;
      }
      messages.push(...ready.messages);
      this.sent.push(...ready.messages);
      this.node.advance(ready);
    }
    return messages;
  }

  private persist(ready: Ready): void {
    if (ready.hardState !== null) this.hardState = ready.hardState;
    const snapshot = ready.snapshot ?? null;
    if (snapshot !== null) {
      // The snapshot stands for the log through its index; placeholders keep the array's indexes.
      const placeholder: Entry = { term: snapshot.lastTerm, kind: 'noop', command: '(snapshot)' };
      this.log = Array.from({ length: snapshot.lastIndex }, () => placeholder);
      this.applied.length = 0;
      this.applied.push(...this.log);
      this.snapshotIndex = snapshot.lastIndex;
    }
    for (const read of ready.readStates ?? []) this.readStates.push(read);
    const write = ready.logWrite;
    if (write !== null) {
      expectThat(write.fromIndex >= 1 && write.fromIndex <= this.log.length + 1, `node ${this.id} wrote its log from index ${write.fromIndex} while it held ${this.log.length} entries`);
      this.log = [...this.log.slice(0, write.fromIndex - 1), ...write.entries];
    }
  }

  /** Figure 2: the state a message depends on is on stable storage before the message leaves. */
  private checkPersistedBeforeSend(message: Message): void {
    expectThat(message.from === this.id, `node ${this.id} sent a message from node ${message.from}`);
    if ('preVote' in message && message.preVote === true) return;
    const { term, votedFor } = this.hardState;
    if (message.type === 'RequestVoteResponse' && message.voteGranted) {
      expectThat(
        term === message.term && votedFor === message.to,
        `persist before send: node ${this.id} granted its vote to node ${message.to} in term ${message.term}, but its persisted state was term ${term}, votedFor ${votedFor}`,
      );
    }
    if (message.type === 'RequestVoteRequest') {
      expectThat(
        term === message.term && votedFor === this.id,
        `persist before send: node ${this.id} asked for votes in term ${message.term}, but its persisted state was term ${term}, votedFor ${votedFor}`,
      );
    }
    if (message.type === 'AppendEntriesResponse' && message.success) {
      expectThat(
        this.log.length >= message.matchIndex,
        `persist before send: node ${this.id} acknowledged index ${message.matchIndex} with ${this.log.length} entries persisted`,
      );
    }
    expectThat(message.term <= term, `node ${this.id} sent a ${message.type} of term ${message.term} with term ${term} persisted`);
  }

  /** Figure 2: entries are applied in order, each once, and only once committed. */
  private checkApply(ready: Ready): void {
    expectThat(ready.commitIndex >= this.commitIndex, `node ${this.id}'s commit index went back from ${this.commitIndex} to ${ready.commitIndex}`);
    this.commitIndex = ready.commitIndex;
    const committed = ready.committedEntries;
    if (committed === null) return;
    expectThat(committed.fromIndex === this.applied.length + 1, `node ${this.id} applied from index ${committed.fromIndex} after applying ${this.applied.length} entries`);
    const last = committed.fromIndex + committed.entries.length - 1;
    expectThat(last <= ready.commitIndex, `node ${this.id} applied index ${last} with its commit index at ${ready.commitIndex}`);
    committed.entries.forEach((entry, offset) => {
      const persisted = this.log[committed.fromIndex + offset - 1];
      expectThat(persisted !== undefined && persisted.term === entry.term, `node ${this.id} applied an entry at index ${committed.fromIndex + offset} that is not the one in its log`);
    });
    this.applied.push(...committed.entries);
  }
}

/** The one message of a type among those sent, or a failure naming what was sent instead. */
export function onlyMessage<T extends Message['type']>(messages: readonly Message[], type: T, what: string): Extract<Message, { type: T }> {
  const matching = messagesOfType(messages, type);
  expectThat(matching.length === 1, `expected one ${type} ${what}, got ${matching.length} (sent: ${describeMessages(messages)})`);
  return matching[0]!;
}

/**
 * §5.1 leaves open what a node does with a request of an older term, beyond not accepting it: the
 * paper answers false with the current term, etcd ignores it (its sender learns of the newer term
 * elsewhere). Either is safe; an answer that accepts, or carries another term, is not.
 */
export function expectRefusedOrIgnored(sent: readonly Message[], type: 'AppendEntriesResponse' | 'RequestVoteResponse', currentTerm: number): void {
  const answers = messagesOfType(sent, type);
  expectThat(answers.length <= 1, `expected at most one ${type} to the stale request, got ${answers.length} (sent: ${describeMessages(sent)})`);
  const answer = answers[0];
  if (answer === undefined) return;
  const accepted = answer.type === 'AppendEntriesResponse' ? answer.success : answer.voteGranted;
  expectThat(!accepted && answer.term === currentTerm, `expected a stale request refused in term ${currentTerm} or ignored, got ${accepted ? 'an acceptance' : 'a refusal'} of term ${answer.term}`);
}

/** Ticks until the node asks for votes (or leads), at most `limit` ticks; returns the tick it did (0 if never) and its requests. */
export function tickUntilCandidate(probe: Probe, limit: number): { tick: number; requests: Extract<Message, { type: 'RequestVoteRequest' }>[] } {
  for (let tick = 1; tick <= limit; tick++) {
    const requests = messagesOfType(probe.tick(), 'RequestVoteRequest');
    if (requests.length > 0 || probe.role === 'leader') return { tick, requests };
  }
  return { tick: 0, requests: [] };
}

/** Ticks until the node asks for votes in a term above `term`, at most `limit` ticks; returns the tick it did (0 if never) and those requests. */
export function tickUntilTermAbove(probe: Probe, term: number, limit: number): { tick: number; requests: Extract<Message, { type: 'RequestVoteRequest' }>[] } {
  for (let tick = 1; tick <= limit; tick++) {
    const requests = messagesOfType(probe.tick(), 'RequestVoteRequest').filter((request) => request.term > term);
    if (requests.length > 0 || (probe.role === 'leader' && probe.hardState.term > term)) return { tick, requests };
  }
  return { tick: 0, requests: [] };
}

/** The members of a cluster of `size`: nodes 1 to size. */
export function clusterOf(size: number): NodeId[] {
  return Array.from({ length: size }, (_, index) => index + 1);
}

/** How many of `size` servers make a majority (§5.2), computed here rather than taken from any core. */
export function majorityOf(size: number): number {
  return Math.floor(size / 2) + 1;
}

/**
 * Answers the leader's AppendEntries as followers whose logs matched would, for as long as it sends
 * more (every request answered with success through its last entry), and ticks `ticks` times after
 * each exchange settles. Returns every message the leader sent, `first` included. Only followers in
 * `answering` answer; the others stay silent.
 */
export function exchangeWithFollowers(probe: Probe, first: readonly Message[], answering: readonly NodeId[], ticks: number): Message[] {
  const sent = first.slice();
  const pending = first.slice();
  const settle = (): void => {
    for (let delivered = 0; pending.length > 0; delivered++) {
      expectThat(delivered < 10_000, `node ${probe.id} was still sending after 10,000 answered messages`);
      const message = pending.shift()!;
      if (message.type !== 'AppendEntriesRequest' || !answering.includes(message.to)) continue;
      const answer: Message = { ...appendSuccess(message.to, probe.id, message.term, message.prevLogIndex + message.entries.length), round: message.round ?? 0 };
      const more = probe.step(answer);
      sent.push(...more);
      pending.push(...more);
    }
  };
  settle();
  for (let tick = 0; tick < ticks; tick++) {
    const more = probe.tick();
    sent.push(...more);
    pending.push(...more);
    settle();
  }
  return sent;
}

/** Makes the probe leader of the next term with the votes of `voters`; returns that term. */
export function electLeader(probe: Probe, voters: readonly NodeId[]): number {
  const { tick } = tickUntilCandidate(probe, TEST_OPTIONS.electionTimeoutMaxTicks + 1);
  expectThat(tick > 0, `node ${probe.id} did not stand within ${TEST_OPTIONS.electionTimeoutMaxTicks + 1} ticks`);
  const term = probe.hardState.term;
  for (const voter of voters) probe.step(voteResponse(voter, probe.id, term, true));
  expectThat(probe.role === 'leader', `node ${probe.id} did not become leader of term ${term} with the votes of ${voters.join(', ')} (role ${probe.role})`);
  return term;
}
