/**
 * The probe holds every implementation to the contract's order, persist before send: a message that
 * depends on a term, a vote or entries leaves only in a Ready that persists them, or after one that
 * did. Each implementation here breaks the order in its own way, by handing out the part of a Ready
 * its messages depend on one Ready late, and must fail the test about that part, for that reason.
 */
import { describe, expect, it } from 'vitest';
import type { RaftImplementation, RaftNodeInstance, Ready } from '../core/contract.js';
import { referenceImplementation } from '../core/node.js';
// @ts-expect-error -- a plain JavaScript module without type declarations, as a user's would be
import minimal from '../examples/minimal-raft.js';
import { runConformance } from './index.js';

/**
 * `inner`, except that a Ready with messages and something in `late` to persist is handed out in two:
 * first everything but that (the messages leave), then a Ready with only that. The inner node is
 * advanced once, with its own Ready, when the first of the two is.
 */
function persistingAfterSending(name: string, inner: RaftImplementation, late: 'hardState' | 'logWrite'): RaftImplementation {
  return {
    name,
    create: (config) => {
      const node = inner.create(config);
      let lateReady: Ready | null = null;
      const originalOf = new WeakMap<Ready, Ready>();
      const delegate: RaftNodeInstance = {
        tick: () => node.tick(),
        step: (message) => node.step(message),
        propose: (command) => node.propose(command),
        hasReady: () => lateReady !== null || node.hasReady(),
        ready: () => {
          if (lateReady !== null) {
            const ready = lateReady;
            lateReady = null;
            return ready;
          }
          const ready = node.ready();
          if (ready[late] === null || ready.messages.length === 0) {
            originalOf.set(ready, ready);
            return ready;
          }
          lateReady = { hardState: null, logWrite: null, messages: [], committedEntries: null, softState: null, commitIndex: ready.commitIndex, [late]: ready[late] };
          const early: Ready = { ...ready, [late]: null };
          originalOf.set(early, ready);
          return early;
        },
        advance: (ready) => {
          const original = originalOf.get(ready);
          if (original !== undefined) node.advance(original);
        },
      };
      return delegate;
    },
  };
}

/** The message of every test the implementation failed, by the test's name. */
function failures(implementation: RaftImplementation): Map<string, string> {
  const report = runConformance(implementation);
  return new Map(report.outcomes.filter((outcome) => outcome.status === 'failed').map((outcome) => [outcome.name, outcome.message!]));
}

/** What the probe says of a message that left before the state it depends on was persisted. */
const OUT_OF_ORDER = /^(persist before send: node \d+ (acknowledged index|asked for votes|granted its vote)|node \d+ sent a \w+ of term \d+ with term \d+ persisted$)/;

describe('the probe’s persist-before-send check', () => {
  it('fails a node that acknowledges entries before it persists them, on append-persisted-before-reply and for that reason alone', () => {
    const failed = failures(persistingAfterSending('acknowledges-before-writing', referenceImplementation, 'logWrite'));
    expect(failed.get('append-persisted-before-reply')).toBe('persist before send: node 1 acknowledged index 2 with 0 entries persisted');
    // Its votes and terms are persisted in time, and nothing else about it is wrong.
    expect(failed.has('vote-persisted-before-reply')).toBe(false);
    expect(failed.has('candidacy-persisted-before-requests')).toBe(false);
    for (const [name, message] of failed) expect(message, name).toMatch(/^persist before send: node \d+ acknowledged index \d+ with \d+ entries persisted$/);
  });

  it('fails a node that asks for votes and grants them before it persists its term and vote, on the candidacy and vote tests', () => {
    const failed = failures(persistingAfterSending('votes-before-writing', minimal as RaftImplementation, 'hardState'));
    expect(failed.get('candidacy-persisted-before-requests')).toBe('persist before send: node 1 asked for votes in term 5, but its persisted state was term 4, votedFor null');
    expect(failed.get('vote-persisted-before-reply')).toBe('persist before send: node 1 granted its vote to node 2 in term 2, but its persisted state was term 1, votedFor null');
    // Its entries are persisted in time.
    expect(failed.has('append-persisted-before-reply')).toBe(false);
    for (const [name, message] of failed) expect(message, name).toMatch(OUT_OF_ORDER);
  });
});
