/**
 * Exploration judges implementations nobody here wrote, so the host rules and checkers must accept
 * every behaviour the paper allows (docs/checkers.md). Each variant below is one such behaviour built
 * on the reference node, explored over many seeds; each must come out clean. Against them stand
 * variants that break a rule, which exploration must catch.
 */
import { describe, expect, it } from 'vitest';
import type { NodeConfig, RaftImplementation, RaftNodeInstance, Ready } from '../core/contract.js';
import type { Message } from '../core/messages.js';
import type { HardState, Role } from '../core/types.js';
import { referenceImplementation } from '../core/node.js';
import { variantOfReference } from '../core/variants.js';
import type { ExploreResult } from './explore.js';
import { DEFAULT_EXPLORE_OPTIONS, explore } from './explore.js';
import type { PolicyOverrides } from './policies.js';

const SEEDS = 80;

function exploreSeeds(implementation: RaftImplementation, policies: PolicyOverrides = {}, seeds = SEEDS): ExploreResult {
  return explore({ ...DEFAULT_EXPLORE_OPTIONS, seeds, implementation, policies, determinismEvery: 0 });
}

function failuresOf(result: ExploreResult): string[] {
  return result.failed.map((failure) => `seed ${failure.seed}: ${failure.checker}: ${failure.message}`);
}

const HOST_RULES = ['election-timer', 'term-adoption', 'persist-before-send'];

/** The failures of the rules only the host judges; a slower variant may miss the liveness bound without breaking them. */
function hostRuleFailuresOf(result: ExploreResult): string[] {
  return failuresOf(result).filter((failure) => HOST_RULES.some((rule) => failure.includes(`: ${rule}: `)));
}

/** The reference node with `transform` applied to everything it hands out, and `onTick` told of each tick. */
class WrappedNode implements RaftNodeInstance {
  role: Role = 'follower';
  /** Messages to send in addition to the node's own, in the next Ready. */
  extra: Message[] = [];
  private commitIndex = 0;
  private readonly ownReadies = new WeakSet<Ready>();

  constructor(
    private readonly inner: RaftNodeInstance,
    private readonly transform: (ready: Ready, node: WrappedNode) => Ready,
    private readonly onTick: (node: WrappedNode) => void,
  ) {}

  tick(): void {
    this.inner.tick();
    this.onTick(this);
  }

  step(message: Message): void {
    this.inner.step(message);
  }

  propose(command: string): ReturnType<RaftNodeInstance['propose']> {
    return this.inner.propose(command);
  }

  hasReady(): boolean {
    return this.extra.length > 0 || this.inner.hasReady();
  }

  ready(): Ready {
    const own = this.inner.hasReady();
    const ready: Ready = own
      ? this.inner.ready()
      : { hardState: null, logWrite: null, messages: [], committedEntries: null, softState: null, commitIndex: this.commitIndex };
    if (own) this.ownReadies.add(ready);
    if (ready.softState !== null) this.role = ready.softState.role;
    this.commitIndex = ready.commitIndex;
    const transformed = this.transform(ready, this);
    const extra = this.extra;
    this.extra = [];
    const out = extra.length === 0 ? transformed : { ...transformed, messages: [...transformed.messages, ...extra] };
    if (own) this.ownReadies.add(out);
    return out;
  }

  advance(ready: Ready): void {
    if (this.ownReadies.has(ready)) this.inner.advance(ready);
  }
}

function wrappedReference(name: string, make: (config: NodeConfig) => { transform: (ready: Ready, node: WrappedNode) => Ready; onTick?: (node: WrappedNode) => void }): RaftImplementation {
  return {
    name,
    create: (config) => {
      const { transform, onTick } = make(config);
      return new WrappedNode(referenceImplementation.create(config), transform, onTick ?? (() => {}));
    },
  };
}

/** etcd's becomeFollower: a follower restarts its election timer whenever it adopts a higher term, even from a vote request it refuses. */
const etcdTimer = variantOfReference('etcd-timer', () => {
  let termBefore = 0;
  return {
    received: (message, term) => {
      termBefore = term;
      return message;
    },
    restartsElectionTimerAfter: (message) => message.term > termBefore && !(message.type === 'RequestVoteRequest' && message.preVote === true),
  };
});

/** etcd ignores a message of a lower term instead of refusing it. */
const ignoresStaleMessages = variantOfReference('ignores-stale-messages', () => ({
  received: (message, term) => (message.term < term ? null : message),
}));

/** RaftScope's model: a candidate resends RequestVote to its peers every few ticks within its term (§5.1). */
const retransmitsVotes = wrappedReference('retransmits-votes', () => {
  let requests: Message[] = [];
  let ticks = 0;
  return {
    transform: (ready, node) => {
      const asked = ready.messages.filter((message) => message.type === 'RequestVoteRequest' && message.preVote !== true);
      if (asked.length > 0) [requests, ticks] = [asked, 0];
      if (node.role !== 'candidate') requests = [];
      return ready;
    },
    onTick: (node) => {
      if (node.role === 'candidate' && requests.length > 0 && ++ticks % 3 === 0) node.extra = requests.slice();
    },
  };
});

/** A leader that skips heartbeats to a follower it sent AppendEntries to within half the shortest election timeout. */
const lazyHeartbeats = wrappedReference('lazy-heartbeats', (config) => {
  const gap = Math.floor(config.options.electionTimeoutMinTicks / 2);
  const lastSent = new Map<number, number>();
  let now = 0;
  return {
    transform: (ready) => {
      const messages = ready.messages.filter((message) => {
        if (message.type !== 'AppendEntriesRequest') return true;
        const idle = message.entries.length === 0 && now - (lastSent.get(message.to) ?? -gap) < gap;
        if (!idle) lastSent.set(message.to, now);
        return !idle;
      });
      return messages.length === ready.messages.length ? ready : { ...ready, messages };
    },
    onTick: () => void now++,
  };
});

/** etcd's probe state taken all the way: one entry per request and one request with entries in flight per follower. */
const probeWindow: RaftImplementation = {
  name: 'probe-window',
  create: (config) => referenceImplementation.create({ ...config, options: { ...config.options, maxInflightAppends: 1, maxEntriesPerAppend: 1 } }),
};

/** Persists a term it adopts only in the next Ready that sends something: Figure 2 asks durability before answering. */
const lazyTermPersistence = variantOfReference('lazy-term-persistence', () => {
  let deferred: HardState | null = null;
  return {
    handOut: (ready) => {
      if (ready.hardState !== null && ready.messages.length === 0 && ready.logWrite === null) {
        deferred = ready.hardState;
        return { ...ready, hardState: null };
      }
      const hardState = ready.hardState ?? (ready.messages.length > 0 || ready.logWrite !== null ? deferred : null);
      if (hardState !== null) deferred = null;
      return hardState === ready.hardState ? ready : { ...ready, hardState };
    },
  };
});

describe('exploration accepts every behaviour the paper allows', () => {
  it.each([
    ['a timer restarted on any term adoption, as etcd does', etcdTimer],
    ['RequestVote resent within one term, as RaftScope does', retransmitsVotes],
    ['lazy heartbeats', lazyHeartbeats],
    ['a term persisted only before the node next sends or writes', lazyTermPersistence],
  ])('%s', (_name, implementation) => {
    expect(failuresOf(exploreSeeds(implementation))).toEqual([]);
    expect(failuresOf(exploreSeeds(implementation, { preVote: true, checkQuorum: true }, SEEDS / 2))).toEqual([]);
  });

  // Both are slower to converge: a deposed leader or a node of a higher term may be left unanswered for a
  // while, and one entry per round trip takes long to catch a follower up. Liveness is not what they test.
  it.each([
    ['stale messages ignored instead of refused, as etcd does', ignoresStaleMessages],
    ['a leader with one append in flight and one entry per request (etcd’s probe state)', probeWindow],
  ])('%s trips no host rule', (_name, implementation) => {
    const result = exploreSeeds(implementation);
    expect(hostRuleFailuresOf(result)).toEqual([]);
    expect(result.passed).toBeGreaterThan(SEEDS / 2);
    expect(hostRuleFailuresOf(exploreSeeds(implementation, { preVote: true, checkQuorum: true }, SEEDS / 2))).toEqual([]);
  });
});

describe('exploration catches a node that breaks the rules', () => {
  it('a vote granted in the current term whose votedFor is never made durable (only term changes are persisted)', () => {
    const votedForNotPersisted = variantOfReference('vote-not-persisted-in-term', () => {
      let persistedTerm = 0;
      return {
        handOut: (ready) => {
          if (ready.hardState === null) return ready;
          if (ready.hardState.term === persistedTerm) return { ...ready, hardState: null };
          persistedTerm = ready.hardState.term;
          return ready;
        },
      };
    });
    const result = exploreSeeds(votedForNotPersisted, {}, 40);
    expect(result.failed.length).toBeGreaterThan(20);
    expect(result.failed.every((failure) => failure.checker === 'persist-before-send')).toBe(true);
    expect(result.failed[0]!.message).toMatch(/granted its vote in term \d+ to node \d+ before persisting that vote/);
  });

  it('a follower that never stands', () => {
    const neverStands: RaftImplementation = {
      name: 'never-stands',
      create: (config) => {
        const node = referenceImplementation.create(config);
        // Node 1 never counts its ticks: it stays a follower however long it hears nothing.
        return config.id === 1 ? { ...delegateTo(node), tick: () => {} } : node;
      },
    };
    const result = exploreSeeds(neverStands, {}, 20);
    expect(result.failed.map((failure) => failure.checker)).toContain('election-timer');
  });
});

function delegateTo(node: RaftNodeInstance): RaftNodeInstance {
  return {
    tick: () => node.tick(),
    step: (message) => node.step(message),
    propose: (command) => node.propose(command),
    hasReady: () => node.hasReady(),
    ready: () => node.ready(),
    advance: (ready) => node.advance(ready),
  };
}
