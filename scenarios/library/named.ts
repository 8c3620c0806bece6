/**
 * The library of named scenarios, written in the same form as scenario files so that each one is also
 * an example of the format. `raftsim scenarios show NAME` prints any of them as YAML.
 */
import type { ScenarioDocument } from '../schema.js';

const FIGURE_7_LEADER = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];

export const NAMED_SCENARIO_DOCUMENTS: readonly ScenarioDocument[] = [
  {
    name: 'leader-crash',
    description: 'The leader crashes; the others elect a new leader within a bound.',
    seed: 11,
    cluster: { duration: '6s' },
    timeline: [{ 'wait-for-leader': '2s' }, { after: '1s', label: 'crash', crash: 'leader' }, { after: '2s', restart: 'crashed' }],
    expect: [{ 'leader-within': '1500ms', after: 'crash' }],
  },
  {
    name: 'leader-isolated',
    description: 'The leader is cut off in a minority of one: it cannot commit, the majority elects a new leader, and after the heal the old leader steps down and its uncommitted entries are replaced.',
    seed: 12,
    cluster: { duration: '8s' },
    timeline: [
      { 'wait-for-leader': '2s' },
      { after: '1s', label: 'isolate', isolate: 'leader' },
      { after: '3s', label: 'heal', heal: true },
    ],
    expect: [
      { 'leader-within': '1500ms', after: 'isolate' },
      { 'leader-within': '1500ms', after: 'heal' },
    ],
  },
  {
    name: 'majority-lost',
    description: 'Every node is cut off from every other but two: no group holds a majority, nothing commits; after the heal the cluster makes progress again.',
    seed: 13,
    cluster: { duration: '8s' },
    timeline: [
      { 'wait-for-leader': '2s' },
      { at: '2s', label: 'split', partition: [[1, 2], [3], [4], [5]] },
      { at: '5s', label: 'heal', heal: true },
    ],
    expect: [
      { 'no-commit-between': ['2100ms', '5s'] },
      { 'leader-within': '2s', after: 'heal' },
    ],
  },
  {
    name: 'one-way-partition',
    description: 'Node 4 can send but not receive; node 5 can receive but not send. Node 4 keeps calling elections it cannot win; the others keep a leader and commit.',
    seed: 14,
    cluster: { duration: '8s' },
    timeline: [
      { 'wait-for-leader': '2s' },
      { at: '2s', label: 'cut', cut: { from: [1, 2, 3, 5], to: [4] } },
      { at: '2s', cut: { from: [5], to: [1, 2, 3, 4] } },
      { at: '6s', label: 'heal', heal: true },
    ],
    expect: [{ 'leader-within': '2s', after: 'heal' }],
  },
  {
    name: 'three-way-split',
    description: 'The cluster splits into groups of two, two and one: no group holds a majority, no new leader is elected and nothing commits until the heal.',
    seed: 15,
    cluster: { duration: '8s' },
    timeline: [
      { 'wait-for-leader': '2s' },
      { at: '2s', label: 'split', partition: [[1, 2], [3, 4], [5]] },
      { at: '5s', label: 'heal', heal: true },
    ],
    expect: [
      { 'no-commit-between': ['2100ms', '5s'] },
      { 'no-leader-change-between': ['2100ms', '5s'] },
      { 'leader-within': '2s', after: 'heal' },
    ],
  },
  {
    name: 'flaky-network',
    description: 'Every link loses 30% of messages, duplicates 10% and reorders 10%; elections and commits continue.',
    seed: 16,
    cluster: { duration: '10s' },
    network: { lossRate: 0.3, duplicateRate: 0.1, reorderRate: 0.1 },
    expect: [{ committed: { index: 50, by: '10s' } }],
  },
  {
    name: 'split-vote',
    description: "The followers' election timers are aligned and the leader crashes: they all stand in the same term, each votes for itself, and nobody wins; once the timers drift apart again a leader is elected.",
    seed: 17,
    cluster: { duration: '6s' },
    network: { latency: ['12ms', '12ms'] },
    timeline: [
      { 'wait-for-leader': '2s' },
      { after: '500ms', 'align-timers': 'followers' },
      { after: '100ms', label: 'crash', crash: 'leader' },
      { after: '1s', 'align-timers': 'none' },
    ],
    expect: [{ 'split-vote': true }, { 'leader-within': '3s', after: 'crash' }],
  },
  {
    name: 'split-vote-storm',
    description: 'The paper’s no-randomness setting: every election timeout is exactly 150 ms, so candidates keep standing together and split votes repeat.',
    seed: 18,
    cluster: { duration: '8s', electionTimeout: ['150ms', '150ms'] },
    network: { latency: ['12ms', '12ms'] },
    expect: [{ 'split-votes-at-least': 3 }],
  },
  {
    name: 'term-conflict',
    description: 'A follower cut off for three seconds keeps calling elections and inflates its term; when it rejoins, its term forces the leader to step down, and a node with an up-to-date log is elected.',
    seed: 19,
    cluster: { duration: '8s' },
    timeline: [
      { 'wait-for-leader': '2s' },
      { after: '500ms', label: 'isolate', isolate: 'follower' },
      { after: '3s', label: 'heal', heal: true },
    ],
    expect: [{ 'leader-within': '2s', after: 'heal' }],
  },
  {
    name: 'stale-leader',
    description: 'The leader is left in a minority with one follower; clients keep sending it commands, which it accepts but can never commit. The majority elects a new leader, and after the heal the stale entries are replaced.',
    seed: 20,
    cluster: { duration: '8s' },
    workload: { requestsPerSecond: 40 },
    timeline: [
      { 'wait-for-leader': '2s' },
      { after: '500ms', label: 'split', partition: [['leader', 'follower'], 'rest'] },
      { after: '3s', label: 'heal', heal: true },
    ],
    expect: [{ 'leader-within': '2s', after: 'split' }],
  },
  {
    name: 'figure-7',
    description: "The paper's Figure 7: a leader of term 8 and six followers with logs (a)–(f), missing and extra entries alike; the leader brings every log into agreement with its own.",
    seed: 21,
    cluster: {
      nodes: 7,
      duration: '3s',
      electionTimeout: ['1s', '1s'],
      perNode: {
        '1': { term: 7, logTerms: FIGURE_7_LEADER, electionTimeout: ['50ms', '50ms'] },
        '2': { term: 6, logTerms: [1, 1, 1, 4, 4, 5, 5, 6, 6] },
        '3': { term: 4, logTerms: [1, 1, 1, 4] },
        '4': { term: 6, logTerms: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6] },
        '5': { term: 7, logTerms: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7] },
        '6': { term: 4, logTerms: [1, 1, 1, 4, 4, 4, 4] },
        '7': { term: 3, logTerms: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3] },
      },
    },
    workload: { requestsPerSecond: 0 },
    expect: [{ 'leader-within': '500ms' }, { committed: { index: 11, by: '1s' } }],
  },
  {
    name: 'figure-8',
    description: "The paper's Figure 8: the term-2 entry at index 2 reaches a majority under the leader of term 4, yet is committed only when the leader's own term-4 entry is; node 5, whose log ends in term 3, can then never win.",
    seed: 22,
    cluster: {
      duration: '4s',
      electionTimeout: ['800ms', '1600ms'],
      maxEntriesPerAppend: 1,
      perNode: {
        '1': { term: 3, logTerms: [1, 2], electionTimeout: ['50ms', '50ms'] },
        '2': { term: 3, logTerms: [1, 2] },
        '3': { term: 3, logTerms: [1] },
        '4': { term: 3, logTerms: [1] },
        '5': { term: 3, logTerms: [1, 3] },
      },
    },
    network: { latency: ['10ms', '10ms'] },
    workload: { requestsPerSecond: 0 },
    timeline: [
      { at: 0, label: 'crash-5', crash: [5] },
      { 'wait-for-commit': { index: 3, within: '1s' } },
      { after: '100ms', label: 'crash-1', crash: [1] },
      { after: '10ms', restart: [5] },
    ],
    expect: [{ committed: { index: 3, by: '1s' } }, { 'leader-within': '2500ms', after: 'crash-1' }],
  },
  {
    name: 'crash-restart-churn',
    description: 'Nodes crash and restart over and over, the leader among them; every restart starts from what the node persisted, and the cluster keeps committing.',
    seed: 23,
    cluster: { duration: '12s' },
    timeline: [
      { 'wait-for-leader': '2s' },
      { at: '2s', crash: 'leader' },
      { at: '2600ms', restart: 'crashed' },
      { at: '3500ms', crash: 'any-minority' },
      { at: '4200ms', restart: 'crashed' },
      { at: '5s', crash: 'leader' },
      { at: '5300ms', crash: 'follower' },
      { at: '6s', restart: 'crashed' },
      { at: '7s', crash: 'leader' },
      { at: '7700ms', restart: 'crashed' },
      { at: '8500ms', crash: 'any-minority' },
      { at: '9s', label: 'last-restart', restart: 'crashed' },
    ],
    expect: [{ 'leader-within': '2s', after: 'last-restart' }, { committed: { index: 60, by: '12s' } }],
  },
  {
    name: 'lagging-follower',
    description: 'Node 5 comes back far behind, with a tail of entries from terms the leader never saw; the leader backs up a whole term per refusal and brings it into line.',
    seed: 24,
    cluster: {
      duration: '4s',
      electionTimeout: ['1s', '1s'],
      maxEntriesPerAppend: 16,
      perNode: {
        '1': { term: 6, logTerms: laggingLeaderLog(), electionTimeout: ['50ms', '50ms'] },
        '2': { term: 6, logTerms: laggingLeaderLog() },
        '3': { term: 6, logTerms: laggingLeaderLog() },
        '4': { term: 6, logTerms: laggingLeaderLog() },
        '5': { term: 4, logTerms: [1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4] },
      },
    },
    workload: { requestsPerSecond: 20 },
    expect: [{ 'leader-within': '500ms' }],
  },
  {
    name: 'slow-node',
    description: 'Every message to or from node 3 takes 200 ms longer; the other four keep electing leaders and committing at their own pace, and node 3 still catches up.',
    seed: 25,
    cluster: { duration: '8s' },
    timeline: [{ at: 0, network: { from: 3, delay: '200ms' } }, { at: 0, network: { to: 3, delay: '200ms' } }],
    expect: [{ 'leader-within': '2s' }, { committed: { index: 100, by: '8s' } }],
  },
  {
    name: 'clock-drift',
    description: "Node 2's timers run 30% fast: it ticks more often than the others, which Raft tolerates as long as its election timeout stays well above the heartbeat interval.",
    seed: 26,
    cluster: { duration: '8s', perNode: { '2': { clockRate: 1.3 } } },
    expect: [{ 'leader-within': '2s' }, { committed: { index: 100, by: '8s' } }],
  },
  {
    name: 'prevote-disruptive-rejoin',
    description: 'A follower cut off for three seconds rejoins. With PreVote its failed polls never raise its term, so the leader keeps leading; without PreVote (switch cluster.preVote off) its inflated term forces an election.',
    seed: 27,
    cluster: { duration: '8s', preVote: true },
    timeline: [
      { 'wait-for-leader': '1s' },
      { at: '1500ms', label: 'isolate', isolate: 'follower' },
      { at: '4500ms', label: 'heal', heal: true },
    ],
    expect: [{ 'no-leader-change-between': ['1500ms', '8s'] }],
  },
  {
    name: 'checkquorum-minority-leader',
    description: 'The leader is cut off in a minority of one. With CheckQuorum it notices within an election timeout and steps down; without (switch cluster.checkQuorum off) it goes on believing it leads until the heal.',
    seed: 28,
    cluster: { duration: '6s', checkQuorum: true },
    timeline: [
      { 'wait-for-leader': '1s' },
      { at: '1500ms', label: 'isolate', isolate: 'leader' },
      { at: '4500ms', label: 'heal', heal: true },
    ],
    expect: [{ 'leader-within': '1500ms', after: 'isolate' }],
  },
  {
    name: 'leadership-transfer',
    description: 'The leader hands over to an up-to-date follower, which stands at once and wins; later it hands over to a follower that was cut off and lags, which is first brought up to date and only then told to stand.',
    seed: 29,
    cluster: { duration: '6s', preVote: true },
    timeline: [
      { 'wait-for-leader': '1s' },
      { at: '1s', label: 'transfer', 'transfer-leadership': 'follower' },
      { at: '2s', label: 'lag', isolate: 'follower' },
      { at: '4s', label: 'heal', heal: true },
      { at: '4s', label: 'transfer-lagging', 'transfer-leadership': 'follower' },
    ],
    expect: [
      { 'leader-within': '500ms', after: 'transfer' },
      { 'leader-within': '1s', after: 'transfer-lagging' },
    ],
  },
];

/** 200 entries over terms 1, 2, 5 and 6: node 5's terms 3 and 4 appear nowhere in it. */
function laggingLeaderLog(): number[] {
  return [...Array<number>(5).fill(1), ...Array<number>(45).fill(2), ...Array<number>(100).fill(5), ...Array<number>(50).fill(6)];
}
