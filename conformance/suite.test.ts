import { describe, expect, it } from 'vitest';
import type { RaftImplementation } from '../core/contract.js';
import type { AppendEntriesResponse } from '../core/messages.js';
import { KNOWN_BUGS } from '../bugs/index.js';
import { referenceImplementation } from '../core/node.js';
import { variantOfReference } from '../core/variants.js';
import { seededRandom } from '../core/testing.js';
// @ts-expect-error -- a plain JavaScript module without type declarations, as a user's would be
import minimal from '../examples/minimal-raft.js';
import { CONFORMANCE_TESTS, runConformance } from './index.js';

interface MinimalLeader {
  role: string;
  nextIndex: Map<number, number>;
  handleAppendResponse(response: AppendEntriesResponse): void;
  sendAppend(peer: number): void;
}

/** The minimal example, its leader answering an AppendEntries refusal with `onRefusal` instead. */
function minimalAnsweringRefusals(name: string, onRefusal: (node: MinimalLeader, response: AppendEntriesResponse) => void): RaftImplementation {
  return {
    name,
    create: (config) => {
      const node = (minimal as RaftImplementation).create(config) as unknown as MinimalLeader;
      const answer = node.handleAppendResponse.bind(node);
      node.handleAppendResponse = (response) => (response.success || node.role !== 'leader' ? answer(response) : onRefusal(node, response));
      return node as unknown as ReturnType<RaftImplementation['create']>;
    },
  };
}

describe('the conformance suite', () => {
  it('names every test once and cites where its rule comes from', () => {
    expect(new Set(CONFORMANCE_TESTS.map((test) => test.name)).size).toBe(CONFORMANCE_TESTS.length);
    expect(CONFORMANCE_TESTS.length).toBeGreaterThanOrEqual(40);
    for (const test of CONFORMANCE_TESTS) expect(test.section, test.name).toMatch(/§|Figure|contract/);
  });

  it('passes in full on the reference core, strict tests included', () => {
    const report = runConformance(referenceImplementation, null, { strict: true });
    expect(report.outcomes.filter((outcome) => !outcome.passed)).toEqual([]);
    expect(report).toMatchObject({ run: CONFORMANCE_TESTS.length, passed: CONFORMANCE_TESTS.length, failed: 0, skipped: 0 });
  });

  it('passes in full on the minimal JavaScript example, strict tests included; only the tests of methods it lacks are skipped', () => {
    const report = runConformance(minimal as RaftImplementation, null, { strict: true });
    expect(report.outcomes.filter((outcome) => outcome.status === 'failed')).toEqual([]);
    const skipped = report.outcomes.filter((outcome) => outcome.skipped);
    for (const outcome of skipped) expect(outcome.skippedBecause, outcome.name).toMatch(/^the implementation has no (compact|proposeConfigChange|read) method$/);
    expect(report.run).toBe(report.passed);
    expect(report.run + report.skipped).toBe(CONFORMANCE_TESTS.length);
  });

  it('runs strict tests only when asked, and counts them as skipped, not failed, otherwise', () => {
    const strictNames = CONFORMANCE_TESTS.filter((test) => test.strict === true).map((test) => test.name);
    expect(strictNames.length).toBeGreaterThan(0);
    const byDefault = runConformance(referenceImplementation);
    const strictOutcomes = byDefault.outcomes.filter((outcome) => outcome.strict);
    expect(strictOutcomes.map((outcome) => [outcome.name, outcome.status])).toEqual(strictNames.map((name) => [name, 'skipped']));
    expect(byDefault).toMatchObject({ run: CONFORMANCE_TESTS.length - strictNames.length, skipped: strictNames.length, failed: 0 });
  });

  it('runs a strict test named in only, without the strict option, and marks it strict', () => {
    const report = runConformance(referenceImplementation, ['vote-stale-term-answered']);
    expect(report.outcomes.map((outcome) => [outcome.name, outcome.strict, outcome.status])).toEqual([['vote-stale-term-answered', true, 'passed']]);
    expect(report).toMatchObject({ strict: false, run: 1, passed: 1, skipped: 0 });
  });

  it('accepts a node that ignores stale requests, as etcd does; only the strict tests hold it to answering them', () => {
    const ignoring = variantOfReference('ignores-stale-requests', () => ({
      received: (message, term) => (message.term < term && (message.type === 'AppendEntriesRequest' || message.type === 'RequestVoteRequest') ? null : message),
    }));
    expect(runConformance(ignoring).failed).toBe(0);
    const strict = runConformance(ignoring, null, { strict: true });
    expect(strict.outcomes.filter((outcome) => outcome.status === 'failed').map((outcome) => outcome.name)).toEqual(['append-stale-term-answered', 'vote-stale-term-answered']);
  });

  it('accepts a leader that, as Figure 2 says, decrements nextIndex on every refusal, a late one included, strict tests too', () => {
    const paperLetter = minimalAnsweringRefusals('decrements-on-every-refusal', (node, response) => {
      node.nextIndex.set(response.from, Math.max(1, node.nextIndex.get(response.from)! - 1));
      node.sendAppend(response.from);
    });
    const report = runConformance(paperLetter, null, { strict: true });
    expect(report.outcomes.filter((outcome) => outcome.status === 'failed').map((outcome) => [outcome.name, outcome.message])).toEqual([]);
  });

  it('fails a leader that takes a stale AppendEntries for one of a newer term, overwriting its log', () => {
    const deposedByStale = variantOfReference('deposed-by-stale', () => ({
      received: (message, term) => (message.type === 'AppendEntriesRequest' && message.term < term ? { ...message, term: term + 1 } : message),
    }));
    expect(runConformance(deposedByStale, ['leader-never-overwrites-its-log']).failed).toBe(1);
  });

  it.each(KNOWN_BUGS.map((bug) => bug.name))('fails %s on the tests the catalog names', (name) => {
    const bug = KNOWN_BUGS.find((known) => known.name === name)!;
    const report = runConformance(bug.implementation, bug.conformance);
    expect(report.outcomes.map((outcome) => [outcome.name, outcome.passed])).toEqual(bug.conformance.map((test) => [test, false]));
  });

  it('judges the election timer apart from the vote: a node granting a vote it should refuse restarts its timer by right', () => {
    const grantsBehind = KNOWN_BUGS.find((bug) => bug.name === 'skip-log-check')!.implementation;
    expect(runConformance(grantsBehind, ['election-timer-not-reset-by-others']).outcomes[0]).toMatchObject({ status: 'passed' });
    const resetByAll = KNOWN_BUGS.find((bug) => bug.name === 'reset-timer-on-any-message')!.implementation;
    expect(runConformance(resetByAll, ['election-timer-not-reset-by-others']).outcomes[0]!.message).toBe(
      'got a vote request of its term from a candidate whose log is behind its own on tick 7 (answered: vote refused), then did not stand by tick 11 with a 10-tick timeout: it stood on tick 17',
    );
  });

  it('judges nextIndex by what the follower holds, not by the commit index, and says what the leader sent', () => {
    const neverCommits = KNOWN_BUGS.find((bug) => bug.name === 'leader-never-commits')!.implementation;
    expect(runConformance(neverCommits, ['next-index-floor']).outcomes[0]).toMatchObject({ status: 'passed' });
    const neverBacksUp = minimalAnsweringRefusals('never-backs-up', () => {});
    expect(runConformance(neverBacksUp, ['next-index-floor']).outcomes[0]!.message).toBe(
      "after 20 heartbeat intervals of repair, node 2 holds 0 of the leader's 3 entries: the leader's last AppendEntries to it had prevLogIndex [2]",
    );
  });

  it('catches a node whose answer to a heartbeat of an older term echoes its round', () => {
    const echoesRound: RaftImplementation = {
      name: 'echoes-round',
      create: (config) => {
        const node = referenceImplementation.create(config);
        let staleRound: number | undefined;
        const step = node.step.bind(node);
        const ready = node.ready.bind(node);
        node.step = (message) => {
          staleRound = message.type === 'AppendEntriesRequest' ? message.round : undefined;
          step(message);
        };
        node.ready = () => {
          const handed = ready();
          const messages = handed.messages.map((message) => (message.type === 'AppendEntriesResponse' && !message.success ? { ...message, round: staleRound ?? 0 } : message));
          return { ...handed, messages };
        };
        return node;
      },
    };
    expect(runConformance(echoesRound, ['stale-term-answer-echoes-no-round']).outcomes[0]!.message).toBe('answered a heartbeat of term 4 in term 5 with its round 57 echoed');
    expect(runConformance(referenceImplementation, ['stale-term-answer-echoes-no-round']).outcomes[0]).toMatchObject({ status: 'passed' });
  });

  it('reports an exception from the implementation as the implementation’s failure, with where it was thrown', () => {
    const throwing: RaftImplementation = {
      name: 'throws-on-tick',
      create: (config) => {
        const node = referenceImplementation.create(config);
        return Object.assign(Object.create(node) as typeof node, { tick: () => { throw new Error('no ticks here'); } });
      },
    };
    const outcome = runConformance(throwing, ['election-starts-on-timeout']).outcomes[0]!;
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/^the implementation threw: no ticks here \(at /);
  });

  it('catches a node that draws its timeouts from Math.random', () => {
    const unseeded: RaftImplementation = {
      name: 'unseeded',
      create: (config) => referenceImplementation.create({ ...config, random: { next: () => Math.random() } }), // unseeded on purpose: the node under test must be caught drawing so
    };
    const failed = runConformance(unseeded).outcomes.filter((outcome) => !outcome.passed).map((outcome) => outcome.name);
    expect(failed).toEqual(expect.arrayContaining(['election-timeout-from-random-source', 'same-inputs-same-outputs', 'same-seed-same-trace']));
  });

  it('catches a node whose timeouts after the first election come from outside its RandomSource', () => {
    // One stream shared by every instance, so that a second run of the same script draws other values.
    const shared = seededRandom(7);
    const laterDrawsShared: RaftImplementation = {
      name: 'later-draws-shared',
      create: (config) => {
        let ticks = 0;
        const node = referenceImplementation.create({ ...config, random: { next: () => (ticks < 40 ? config.random.next() : shared.next()) } });
        const tick = node.tick.bind(node);
        node.tick = () => {
          ticks++;
          tick();
        };
        return node;
      },
    };
    expect(runConformance(laterDrawsShared, ['same-inputs-same-outputs']).outcomes[0]).toMatchObject({ status: 'failed' });
  });
});
