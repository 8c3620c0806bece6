/**
 * Helpers for driving a node by hand in tests: a predictable random source, a node built from a log
 * written as terms, and a way to collect what a node hands out.
 */
import type { NodeConfig, RaftImplementation, RaftNodeInstance, Ready } from './contract.js';
import type { AppendEntriesResponse, Message } from './messages.js';
import { referenceImplementation } from './node.js';
import type { CoreOptions } from './options.js';
import { DEFAULT_CORE_OPTIONS } from './options.js';
import type { RandomSource } from './random.js';
import type { Entry, NodeId } from './types.js';

/** Election timeouts of exactly 10 ticks, heartbeats every 2, no optional features. */
export const TEST_OPTIONS: CoreOptions = { ...DEFAULT_CORE_OPTIONS, electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 10, heartbeatTicks: 2, maxEntriesPerAppend: 100 };

/** Always draws the same value, so election timeouts are exactly electionTimeoutMinTicks. */
export const FIXED_RANDOM: RandomSource = { next: () => 0 };

/** A log written as the term of each entry, in the style of the paper's figures. */
export function logOfTerms(terms: readonly number[]): Entry[] {
  return terms.map((term, index) => ({ term, kind: 'command', command: `x${index + 1}@${term}` }));
}

export interface NodeSetup {
  readonly id?: NodeId;
  readonly members?: readonly NodeId[];
  readonly term?: number;
  readonly votedFor?: NodeId | null;
  readonly log?: readonly Entry[];
  readonly options?: Partial<CoreOptions>;
  readonly implementation?: RaftImplementation;
}

export function createTestNode(setup: NodeSetup = {}): RaftNodeInstance {
  const config: NodeConfig = {
    id: setup.id ?? 1,
    members: setup.members ?? [1, 2, 3],
    options: { ...TEST_OPTIONS, ...setup.options },
    random: FIXED_RANDOM,
    persisted:
      setup.term === undefined && setup.log === undefined
        ? null
        : { hardState: { term: setup.term ?? 0, votedFor: setup.votedFor ?? null }, log: setup.log ?? [] },
  };
  return (setup.implementation ?? referenceImplementation).create(config);
}

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
  for (const voter of voters) node.step({ type: 'RequestVoteResponse', from: voter, to: requests[0]!.from, term, voteGranted: true });
}

/** Every message of some Readies, in order. */
export function messagesOf(readies: readonly Ready[]): Message[] {
  return readies.flatMap((ready) => ready.messages);
}

/** A follower's acknowledgement of entries through `matchIndex`, to node 1 unless told. */
export function appendSuccess(from: NodeId, term: number, matchIndex: number, to: NodeId = 1): AppendEntriesResponse {
  return { type: 'AppendEntriesResponse', from, to, term, success: true, matchIndex, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 };
}
