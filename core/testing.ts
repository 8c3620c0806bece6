/**
 * The one vocabulary for driving a node by hand, shared by the core's tests and the conformance suite
 * (conformance/probe.ts builds its checked host on it): the options and random sources such tests use,
 * logs written as terms, a node's starting point, the messages a test hands a node, and a bare host
 * that takes every Ready as an instant disk would. It lives in core, which every layer may import, so
 * that the core's tests reach it without depending on a later layer; it does no I/O and is not part
 * of the library's exports.
 */
import type { NodeConfig, RaftImplementation, RaftNodeInstance, Ready } from './contract.js';
import type { AppendEntriesRequest, AppendEntriesResponse, Message, RequestVoteRequest, RequestVoteResponse } from './messages.js';
import { referenceImplementation } from './node.js';
import type { CoreOptions } from './options.js';
import { DEFAULT_CORE_OPTIONS } from './options.js';
import type { RandomSource } from './random.js';
import type { Entry, NodeId } from './types.js';

// ---- Setup ---------------------------------------------------------------------------------------

/** Election timeouts of exactly 10 ticks, heartbeats every 2, no optional features. */
export const TEST_OPTIONS: CoreOptions = { ...DEFAULT_CORE_OPTIONS, electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 10, heartbeatTicks: 2, maxEntriesPerAppend: 100 };

/** Always draws the same value, so election timeouts are exactly electionTimeoutMinTicks. */
export const FIXED_RANDOM: RandomSource = { next: () => 0 };

/** A small seeded generator (a linear congruential one), for tests that need varied but repeatable draws. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    next: () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    },
  };
}

/** A log written as the term of each entry, in the style of the paper's figures; `tag` tells apart the commands of two such logs. */
export function logOfTerms(terms: readonly number[], tag = 'x'): Entry[] {
  return terms.map((term, index) => ({ term, kind: 'command', command: `${tag}${index + 1}@${term}` }));
}

export function termsOf(log: readonly Entry[]): number[] {
  return log.map((entry) => entry.term);
}

/** A node's starting point; with neither term nor log it starts fresh (persisted: null). */
export interface NodeSetup {
  readonly id?: NodeId;
  readonly members?: readonly NodeId[];
  readonly term?: number;
  readonly votedFor?: NodeId | null;
  readonly log?: readonly Entry[];
  readonly options?: Partial<CoreOptions>;
  /** FIXED_RANDOM unless told. */
  readonly random?: RandomSource;
}

/** The NodeConfig a setup stands for: node 1 of a cluster of three, with TEST_OPTIONS, unless told otherwise. */
export function nodeConfigOf(setup: NodeSetup): NodeConfig {
  const fresh = setup.term === undefined && setup.log === undefined;
  return {
    id: setup.id ?? 1,
    members: setup.members ?? [1, 2, 3],
    options: { ...TEST_OPTIONS, ...setup.options },
    random: setup.random ?? FIXED_RANDOM,
    persisted: fresh ? null : { hardState: { term: setup.term ?? 0, votedFor: setup.votedFor ?? null }, log: (setup.log ?? []).slice() },
  };
}

export function createTestNode(setup: NodeSetup & { readonly implementation?: RaftImplementation } = {}): RaftNodeInstance {
  return (setup.implementation ?? referenceImplementation).create(nodeConfigOf(setup));
}

// ---- A bare host ---------------------------------------------------------------------------------

/** Takes and acknowledges every Ready the node has, as a host with an instant disk would. */
export function drain(node: RaftNodeInstance): Ready[] {
  const readies: Ready[] = [];
  for (let round = 0; node.hasReady() && round < 100; round++) {
    const ready = node.ready();
    readies.push(ready);
    node.advance(ready);
  }
  return readies;
}

export function drainMessages(node: RaftNodeInstance): Message[] {
  return drain(node).flatMap((ready) => ready.messages);
}

export function tickTimes(node: RaftNodeInstance, ticks: number): void {
  for (let index = 0; index < ticks; index++) node.tick();
}

/** Makes a node of a three-node cluster leader of the next term, with the votes of nodes 2 and 3. */
export function electLeader(node: RaftNodeInstance, voters: readonly NodeId[] = [2]): void {
  tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
  const requests = drainMessages(node).filter((message) => message.type === 'RequestVoteRequest');
  const term = requests[0]!.term;
  for (const voter of voters) node.step(voteResponse(voter, requests[0]!.from, term, true));
}

// ---- Messages ------------------------------------------------------------------------------------

/** Every message of some Readies, in order. */
export function messagesOf(readies: readonly Ready[]): Message[] {
  return readies.flatMap((ready) => ready.messages);
}

export function messagesOfType<T extends Message['type']>(messages: readonly Message[], type: T): Extract<Message, { type: T }>[] {
  return messages.filter((message) => message.type === type) as Extract<Message, { type: T }>[];
}

export function describeMessages(messages: readonly Message[]): string {
  if (messages.length === 0) return 'nothing';
  return messages.map((message) => `${message.type}→${message.to}@${message.term}`).join(', ');
}

export function appendRequest(fields: { from: NodeId; to: NodeId; term: number; prevLogIndex: number; prevLogTerm: number; entries?: readonly Entry[]; leaderCommit?: number }): AppendEntriesRequest {
  return { type: 'AppendEntriesRequest', entries: [], leaderCommit: 0, ...fields };
}

/** A follower's acknowledgement of entries through `matchIndex`, echoing heartbeat round `round` if given. */
export function appendSuccess(from: NodeId, to: NodeId, term: number, matchIndex: number, round?: number): AppendEntriesResponse {
  const response = { type: 'AppendEntriesResponse', from, to, term, success: true, matchIndex, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 } as const;
  return round === undefined ? response : { ...response, round };
}

export function appendRefusal(from: NodeId, to: NodeId, term: number, rejectedIndex: number): AppendEntriesResponse {
  return { type: 'AppendEntriesResponse', from, to, term, success: false, matchIndex: 0, rejectedIndex, conflictTerm: 0, conflictIndex: 0 };
}

export function voteRequest(from: NodeId, to: NodeId, term: number, lastLogIndex: number, lastLogTerm: number): RequestVoteRequest {
  return { type: 'RequestVoteRequest', from, to, term, lastLogIndex, lastLogTerm };
}

export function voteResponse(from: NodeId, to: NodeId, term: number, voteGranted: boolean): RequestVoteResponse {
  return { type: 'RequestVoteResponse', from, to, term, voteGranted };
}
