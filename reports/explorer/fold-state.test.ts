/**
 * The state a window of the explorer starts from: a cluster fold's state, written as JSON and read
 * back, must carry the fold on exactly as if it had never stopped, at every record of real runs
 * (elections, crashes, partitions, snapshots and membership changes among them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNamedScenario, runScenario, scenarioForSeed } from '../../scenarios/index.js';
import { ClusterFold } from '../../sim/trace/cluster-fold.js';
import type { ClusterFoldOptions, ClusterFoldState } from '../../sim/trace/cluster-fold.js';
import type { TraceRecord } from '../../sim/trace/trace.js';

interface RealTrace {
  readonly name: string;
  readonly options: ClusterFoldOptions;
  readonly records: readonly TraceRecord[];
}

function realTrace(name: string, scenario: Parameters<typeof runScenario>[0]): RealTrace {
  const result = runScenario(scenario, { trace: 'full' });
  const members = (scenario.cluster as { members?: readonly number[] }).members ?? null;
  return { name, options: { nodeCount: scenario.cluster.nodes, initialMembers: members, keepLogs: true }, records: result.run.trace.records() };
}

const TRACES: readonly RealTrace[] = [
  realTrace('membership-replace-crashed', findNamedScenario('membership-replace-crashed')!),
  realTrace('snapshot-catch-up', findNamedScenario('snapshot-catch-up')!),
  realTrace('leader-isolated', findNamedScenario('leader-isolated')!),
  realTrace('split-vote', findNamedScenario('split-vote')!),
  ...[3, 8, 21].map((seed) => realTrace(`swarm seed ${seed}`, scenarioForSeed(seed, { durationMs: 4000 }))),
];

function foldAll(options: ClusterFoldOptions, records: readonly TraceRecord[], from: ClusterFold = new ClusterFold(options)): ClusterFold {
  for (const record of records) from.apply(record);
  from.finish();
  return from;
}

/** The state through JSON, as a window file carries it. */
function throughJson(state: ClusterFoldState): ClusterFoldState {
  return JSON.parse(JSON.stringify(state)) as ClusterFoldState;
}

describe('a cluster fold stopped, written down and restored', () => {
  it('ends where the fold of every record ends, wherever the run is cut', () => {
    const whole = TRACES.map((trace) => foldAll(trace.options, trace.records).state());
    fc.assert(
      fc.property(fc.nat(TRACES.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (which, share) => {
        const trace = TRACES[which]!;
        const cut = Math.floor(share * trace.records.length);
        const first = new ClusterFold(trace.options);
        for (const record of trace.records.slice(0, cut)) first.apply(record);
        const restored = ClusterFold.restore(trace.options, throughJson(first.state()));
        expect(foldAll(trace.options, trace.records.slice(cut), restored).state()).toEqual(whole[which]);
      }),
      { numRuns: 60 },
    );
  });

  it('covers what the page shows: roles, crashes, spares, partitions, snapshots, configurations and logs', () => {
    const seen = new Set<string>();
    for (const trace of TRACES) {
      const fold = new ClusterFold(trace.options);
      for (const record of trace.records) {
        fold.apply(record);
        const state = fold.state();
        for (const node of state.nodes.slice(1)) {
          seen.add(`role ${node.role}`).add(`status ${node.status}`);
          if (node.snapshot > 0) seen.add('snapshot');
          if (node.log.some((entry) => entry.kind === 'config')) seen.add('configuration');
        }
        if (state.fault !== null) seen.add('network fault');
        if (state.pending !== null) seen.add('pending candidacy');
      }
    }
    for (const wanted of ['role leader', 'role candidate', 'status crashed', 'status spare', 'status retired', 'snapshot', 'configuration', 'network fault', 'pending candidacy']) {
      expect(seen, wanted).toContain(wanted);
    }
  });

  it('shares nothing with the fold it came from, and refuses a state of another cluster size', () => {
    const trace = TRACES[0]!;
    const fold = foldAll(trace.options, trace.records.slice(0, 200));
    const state = fold.state();
    const before = JSON.stringify(state);
    for (const record of trace.records.slice(200)) fold.apply(record);
    expect(JSON.stringify(state)).toBe(before);
    expect(() => ClusterFold.restore({ ...trace.options, nodeCount: trace.options.nodeCount + 1 }, state)).toThrow(/cannot take a state of/);
  });
});
