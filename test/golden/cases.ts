/**
 * The golden cases: command lines whose results are pinned in golden.json. Together they reach every
 * part of the simulator a restructuring could change by accident: several cluster sizes, every
 * protocol policy, both disk fault modes, every known bug on a seed that catches it, an implementation
 * loaded from a file, every named scenario, exploration, shrinking, trace files and the election-timing
 * experiment. A pinned result changes only when behaviour changes on purpose.
 */
import { findKnownBug } from '../../bugs/index.js';
import { FIRST_CATCHING_SEED } from '../known-bug-seeds.js';

export interface GoldenCase {
  /** A stable, unique name; golden.json is keyed by it. */
  readonly name: string;
  /** The raftsim command line, without `npx raftsim`. */
  readonly args: readonly string[];
  /** A file the command writes (under the case's own temporary folder, named by `{out}` in args), whose bytes are pinned too. */
  readonly writes?: string;
}

const run = (name: string, ...args: string[]): GoldenCase => ({ name, args: ['run', ...args, '--json'] });

const SWARM_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 81723];

const POLICY_CASES: readonly (readonly string[])[] = [
  ['preVote=true'],
  ['checkQuorum=true'],
  ['checkQuorum=true', 'leaseReads=true'],
  ['snapshotThreshold=5'],
  ['maxEntriesPerAppend=4'],
  ['maxInflightAppends=8'],
  ['heartbeat=50ms'],
  ['electionTimeout=150ms-155ms'],
  ['diskLatency=1ms-5ms'],
  ['preVote=true', 'checkQuorum=true', 'snapshotThreshold=20', 'diskLatency=0-2ms'],
  // Added after the others, so that each earlier case keeps its seed (40 + its place).
  ['integrity=checksum'],
  ['integrity=authenticated'],
];

const SCENARIO_NAMES = [
  'leader-crash',
  'leader-isolated',
  'majority-lost',
  'one-way-partition',
  'three-way-split',
  'flaky-network',
  'split-vote',
  'split-vote-storm',
  'term-conflict',
  'stale-leader',
  'figure-7',
  'figure-8',
  'crash-restart-churn',
  'lagging-follower',
  'slow-node',
  'clock-drift',
  'prevote-disruptive-rejoin',
  'checkquorum-minority-leader',
  'leadership-transfer',
  'snapshot-catch-up',
  'membership-add-under-load',
  'membership-remove-leader',
  'membership-replace-crashed',
  'membership-change-during-partition',
  'lease-read-clock-drift',
  'committed-but-uncounted',
  'lab-initial-election',
  'lab-re-election',
  'lab-agree-despite-failures',
  'lab-backup',
  'lab-persistence',
  'lab-figure-8',
  'lab-unreliable-churn',
  'etcd-election-in-one-round',
  'etcd-leader-commit-preceding-entries',
  'etcd-leader-acknowledge-commit',
  'corrupted-append',
  'forged-vote',
  'replayed-old-term',
  'removed-server-rejoins',
  'bit-rot',
];

export const GOLDEN_CASES: readonly GoldenCase[] = [
  ...SWARM_SEEDS.map((seed) => run(`swarm seed ${seed}`, '--seed', String(seed))),
  ...[1, 2, 4, 7, 15].map((nodes) => run(`swarm ${nodes} nodes`, '--seed', String(20 + nodes), '--nodes', String(nodes))),
  run('calm seed 4', '--seed', '4', '--faults', 'none'),
  run('calm 3 nodes 30s', '--seed', '9', '--faults', 'none', '--nodes', '3', '--duration', '30s'),
  ...POLICY_CASES.map((policies, index) =>
    run(`policies ${policies.join(' ')}`, '--seed', String(40 + index), ...policies.flatMap((policy) => ['--policy', policy])),
  ),
  run('disk lost-fsync', '--seed', '3', '--disk-faults', 'lost-fsync'),
  run('disk torn-write', '--seed', '5', '--disk-faults', 'torn-write'),
  run('disk torn-write integrity=checksum', '--seed', '5', '--disk-faults', 'torn-write', '--policy', 'integrity=checksum'),
  run('attacks seed 1', '--seed', '1', '--attacks'),
  run('attacks seed 6 integrity=authenticated', '--seed', '6', '--attacks', '--policy', 'integrity=authenticated'),
  // A bug in an integrity defence shows under attacks; its catalog entry brings the integrity it breaks.
  ...Object.entries(FIRST_CATCHING_SEED).map(([bug, { seed }]) =>
    run(`bug ${bug}`, '--seed', String(seed), '--bug', bug, ...(findKnownBug(bug)?.integrity === undefined ? [] : ['--attacks'])),
  ),
  ...[1, 2, 3].map((seed) => run(`impl minimal-raft seed ${seed}`, '--seed', String(seed), '--impl', 'examples/minimal-raft.js')),
  // An etcd-style implementation nobody here wrote, whose messages carry a field of their own.
  ...[1, 2].map((seed) => run(`impl etcd-style seed ${seed}`, '--seed', String(seed), '--impl', 'test/etcd-style/adapter.ts')),
  run('liveness within 30s', '--seed', '3', '--liveness-within', '30s'),
  run('skip persist-before-send', '--seed', '1', '--bug', 'vote-before-durable', '--skip-checker', 'persist-before-send'),
  ...SCENARIO_NAMES.map((scenario) => run(`scenario ${scenario}`, '--scenario', scenario)),
  run('scenario split-vote seed 5', '--scenario', 'split-vote', '--seed', '5'),
  { name: 'explore 30 seeds', args: ['explore', '--seeds', '30', '--json'] },
  { name: 'explore commit-old-term', args: ['explore', '--seeds', '100', '--bug', 'commit-old-term', '--json'] },
  { name: 'explore 3 nodes with policies', args: ['explore', '--seeds', '20', '--from', '500', '--nodes', '3', '--policy', 'preVote=true', '--json'] },
  { name: 'shrink double-vote', args: ['shrink', '--seed', '1', '--bug', 'double-vote', '--out', '{out}/shrunk.yaml'], writes: 'shrunk.yaml' },
  {
    name: 'shrink keep-conflicting-entries',
    // A seed that fails, as the catalog's measurements find it, so the case shrinks something whatever the swarm draws.
    args: ['shrink', '--seed', String(FIRST_CATCHING_SEED['keep-conflicting-entries']!.seed), '--bug', 'keep-conflicting-entries', '--out', '{out}/shrunk.yaml'],
    writes: 'shrunk.yaml',
  },
  { name: 'trace file seed 7', args: ['run', '--seed', '7', '--trace', '{out}/run.jsonl', '--json'], writes: 'run.jsonl' },
  { name: 'trace file etcd-style', args: ['run', '--seed', '2', '--impl', 'test/etcd-style/adapter.ts', '--trace', '{out}/run.jsonl', '--json'], writes: 'run.jsonl' },
  { name: 'conformance strict', args: ['conformance', '--strict', '--json'] },
  { name: 'trace file figure-8', args: ['run', '--scenario', 'figure-8', '--trace', '{out}/run.jsonl', '--json'], writes: 'run.jsonl' },
  {
    name: 'experiment election-timing',
    args: ['experiment', 'election-timing', '--trials', '12', '--ranges', '150-150,150-155,150-300,12-24', '--json'],
  },
  { name: 'experiment election-timing 3 nodes', args: ['experiment', 'election-timing', '--trials', '8', '--nodes', '3', '--latency', '5', '--seed', '9', '--json'] },
];
