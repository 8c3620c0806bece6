import { describe, expect, it } from 'vitest';
import { explore } from './explore.js';
import { findNamedScenario } from './library/index.js';
import { runScenario } from './run-scenario.js';
import { aggregateStatistics, distribution, seedStatistics } from './seed-statistics.js';

function statisticsOf(name: string) {
  const result = runScenario(findNamedScenario(name)!, { trace: 'full' });
  return { result, statistics: seedStatistics(result) };
}

describe('statistics of a run, read from its trace', () => {
  it('a leader crash gives one leader failure and a finite time to the next leader, the span without one', () => {
    const { result, statistics } = statisticsOf('leader-crash');
    expect(statistics.leaderFailures).toBe(1);
    expect(statistics.electionTimesMs).toHaveLength(1);
    const [electionMs] = statistics.electionTimesMs;
    // The followers wait at least the minimum election timeout less a heartbeat interval.
    expect(electionMs).toBeGreaterThan(50);
    expect(electionMs).toBeLessThan(1500);
    expect(statistics.unresolvedFailures).toBe(0);
    expect(statistics.unavailabilityWindowsMs).toContain(electionMs);
    // The new leader is of a later term than the crashed one.
    const leaders = result.roles.filter((role) => role.role === 'leader');
    expect(leaders.length).toBeGreaterThanOrEqual(2);
  });

  it('a split-vote scenario counts its split votes, and more terms than leaders', () => {
    const { statistics } = statisticsOf('split-vote');
    expect(statistics.splitVotes).toBeGreaterThanOrEqual(1);
    expect(statistics.failedElections).toBeGreaterThanOrEqual(statistics.splitVotes);
    expect(statistics.electionTerms).toBeGreaterThan(statistics.leadersElected);
  });

  it('a calm run commits every proposal at its leader, for a handful of messages each', () => {
    const { result, statistics } = statisticsOf('leader-crash');
    expect(statistics.committedEntries).toBe(result.committed.length);
    expect(statistics.messagesSent).toBe(result.run.stats.messagesSent);
    expect(statistics.commitLatenciesMs.length).toBeGreaterThan(10);
    // One round trip at least (two latencies of 10 ms or more), and well under a second without faults in the way.
    const latencies = distribution(statistics.commitLatenciesMs);
    expect(latencies.p50!).toBeGreaterThanOrEqual(20);
    expect(latencies.p50!).toBeLessThan(200);
  });

  it('needs a full trace', () => {
    const result = runScenario(findNamedScenario('leader-crash')!, { trace: 'hash' });
    expect(() => seedStatistics(result)).toThrow(/full trace/);
  });
});

describe('statistics over explored seeds', () => {
  it('has one row per seed and pools their samples, the same on every run', () => {
    const first = explore({ seeds: 4, statistics: true });
    expect(first.statistics!.map((seed) => seed.seed)).toEqual([1, 2, 3, 4]);
    const aggregate = aggregateStatistics(first.statistics!);
    expect(aggregate.electionTimeMs.count).toBe(first.statistics!.reduce((sum, seed) => sum + seed.electionTimesMs.length, 0));
    expect(aggregate.leaderFailures).toBe(aggregate.electionTimeMs.count + aggregate.unresolvedFailures + aggregate.leaderRecoveries);
    expect(aggregate.electionTimeMs.p50!).toBeLessThanOrEqual(aggregate.electionTimeMs.p90!);
    expect(aggregate.electionTimeMs.p99!).toBeLessThanOrEqual(aggregate.electionTimeMs.max!);
    expect(aggregate.messagesPerCommittedEntry!).toBeGreaterThan(1);
    expect(explore({ seeds: 4, statistics: true }).statistics).toEqual(first.statistics);
    expect(explore({ seeds: 4 }).statistics).toBeNull();
  });

  it('takes nearest-rank percentiles', () => {
    expect(distribution([5, 1, 4, 2, 3])).toEqual({ count: 5, p50: 3, p90: 5, p99: 5, max: 5 });
    expect(distribution([])).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });
});
