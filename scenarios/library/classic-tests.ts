/**
 * Scenarios that say what classic Raft test suites say: the lab tests that courses publish (one leader
 * elected and kept, re-election after failures, agreement despite failures, a divergent log backed up,
 * state kept across restarts, the paper's Figure 8 under churn, an unreliable network with churn) and
 * some of etcd's tests of the paper's rules. Each passes on the reference node and fails with the known
 * bug that breaks its rule (see named.test.ts).
 */
import type { ScenarioDocument } from '../schema.js';

export const CLASSIC_TEST_DOCUMENTS: readonly ScenarioDocument[] = [
  {
    name: 'lab-initial-election',
    description: 'Three servers elect one leader within a second; with nothing failing, the leader and its term stay, and nobody asks for votes again.',
    seed: 101,
    cluster: { nodes: 3, duration: '4s' },
    workload: { requestsPerSecond: 0 },
    timeline: [{ 'wait-for-leader': '1s', as: 'first' }],
    expect: [
      { 'leader-within': '1s' },
      { 'no-leader-change-between': ['1s', '4s'] },
      { 'messages-at-most': { kind: 'RequestVote', between: ['1s', '4s'], count: 0 } },
    ],
  },
  {
    name: 'lab-re-election',
    description: 'The leader is cut off and a new one is elected; the old leader rejoins without disturbing it. Then the leader and a follower are cut off: the one server left cannot elect a leader. Each rejoining server restores a majority, and a leader.',
    seed: 102,
    cluster: { nodes: 3, duration: '8s' },
    workload: { requestsPerSecond: 0 },
    timeline: [
      { 'wait-for-leader': '1s', as: 'leader1' },
      { after: '200ms', label: 'cut-leader1', isolate: 'leader1' },
      { 'wait-for-leader': '1500ms', as: 'leader2' },
      { after: '300ms', label: 'back-leader1', reconnect: 'leader1' },
      { after: '1s', label: 'cut-two', isolate: 'leader2', as: 'down2' },
      { isolate: 'follower', as: 'down1' },
      { after: '2s', label: 'back-one', reconnect: 'down1' },
      { after: '1500ms', label: 'back-all', reconnect: 'down2' },
    ],
    expect: [
      { 'leader-within': '1500ms', after: 'cut-leader1' },
      { 'no-leader-change-between': ['0ms', '1s'], after: 'back-leader1' },
      { 'no-leader-at': '1500ms', after: 'cut-two' },
      { 'leader-within': '1500ms', after: 'back-one' },
      { 'leader-within': '1500ms', after: 'back-all' },
    ],
  },
  {
    name: 'lab-agree-despite-failures',
    description: 'Five servers agree on commands while one follower is cut off, and it catches up when it rejoins. Then three followers are cut off, each alone: the leader and the last follower accept a command but cannot commit it until the others come back.',
    seed: 103,
    cluster: { nodes: 5, duration: '8s' },
    workload: { requestsPerSecond: 0 },
    timeline: [
      { 'wait-for-leader': '1s' },
      { after: '100ms', propose: { command: 101 }, as: 'all-five' },
      { after: '500ms', label: 'cut-one', isolate: 'follower', as: 'lagging' },
      { after: '100ms', propose: { command: 102 }, as: 'four' },
      { after: '500ms', label: 'back', reconnect: 'lagging' },
      // The follower rejoins with a higher term and may force an election: wait for the leader, as a client retries.
      { after: '300ms', 'wait-for-leader': '2s' },
      { propose: { command: 103 }, as: 'back-five' },
      { after: '1s', label: 'minority', isolate: 'leader-peers' },
      { reconnect: 'follower' },
      { after: '100ms', propose: { command: 104 }, as: 'stuck' },
      { after: '2s', label: 'heal', reconnect: 'all' },
      { after: '300ms', 'wait-for-leader': '2s' },
      { propose: { command: 105 }, as: 'after-heal' },
    ],
    expect: [
      { applied: { proposal: 'all-five', by: 5, within: '500ms' } },
      { applied: { proposal: 'four', by: 4, within: '500ms' } },
      { applied: { proposal: 'back-five', by: 5, within: '1s' } },
      { 'no-commit-between': ['0ms', '2s'], after: 'minority' },
      { applied: { proposal: 'after-heal', by: 5, within: '1s' } },
    ],
  },
  {
    name: 'lab-backup',
    description: 'The leader and one follower are cut off and take 50 commands they cannot commit, while the other three elect a leader and commit 50 others. Then that leader and a follower are cut off with 50 more uncommitted commands, and the rest, old leader included, elect a leader and commit 50 more. After the heal every server backs up over its divergent entries and the five agree.',
    seed: 104,
    cluster: { nodes: 5, duration: '10s' },
    workload: { requestsPerSecond: 0 },
    timeline: [
      { 'wait-for-leader': '1s', as: 'leader1' },
      { after: '100ms', propose: { command: 1 }, as: 'first' },
      { after: '300ms', label: 'split1', partition: [['leader1', 'follower'], 'rest'] },
      { after: '50ms', propose: { count: 50, to: 'leader1' } },
      { 'wait-for-leader': '2s', as: 'leader2' },
      { after: '100ms', propose: { count: 50, to: 'leader2' } },
      { after: '500ms', label: 'split2', partition: [['leader2', 'follower'], 'rest'] },
      { after: '50ms', propose: { count: 50, to: 'leader2' } },
      { 'wait-for-leader': '3s', as: 'leader3' },
      { after: '100ms', propose: { count: 50, to: 'leader3' } },
      { after: '1s', label: 'heal', heal: true },
      { after: '500ms', propose: { command: 2 }, as: 'last' },
    ],
    expect: [
      { applied: { proposal: 'first', by: 5, within: '300ms' } },
      { applied: { proposal: 'last', by: 5, within: '2s' } },
    ],
    liveness: { at: '8s', within: '2s' },
  },
  {
    name: 'lab-persistence',
    description: 'Servers crash and restart over and over, all of them at once, the leader alone, a leader and a follower, random servers: each comes back with the term, vote and log it persisted, and the cluster goes on agreeing on commands, the earlier ones kept.',
    seed: 105,
    cluster: { nodes: 3, duration: '10s' },
    workload: { requestsPerSecond: 0 },
    timeline: [
      { 'wait-for-leader': '1s' },
      { after: '100ms', propose: { command: 11 }, as: 'before' },
      { after: '300ms', label: 'all-down', crash: 'all' },
      { after: '100ms', restart: 'crashed' },
      { 'wait-for-leader': '2s' },
      { after: '100ms', propose: { command: 12 }, as: 'after-all' },
      { after: '300ms', crash: 'leader', as: 'old-leader' },
      { after: '300ms', restart: 'old-leader' },
      { 'wait-for-leader': '2s' },
      {
        repeat: {
          times: 8,
          steps: [
            { after: ['20ms', '200ms'], propose: 1 },
            { after: ['0ms', '100ms'], crash: 'any-node', as: 'down' },
            { after: ['10ms', '150ms'], restart: 'down' },
          ],
        },
      },
      { after: '500ms', 'wait-for-leader': '2s' },
      { propose: { command: 13 }, as: 'last' },
    ],
    expect: [
      { applied: { proposal: 'before', by: 3, within: '300ms' } },
      { applied: { proposal: 'after-all', by: 3, within: '300ms' } },
      { applied: { proposal: 'last', by: 3, within: '1s' } },
    ],
  },
  {
    name: 'lab-figure-8',
    description: "The paper's Figure 8 by churn: clients keep writing, one entry goes out per append over links of very uneven speed, and leaders are cut off or crash moments after their election, before their entries reach a majority, again and again. Entries of old terms sit on some servers as leaders come and go; none may be committed by counting replicas. Once the faults stop, all five agree.",
    seed: 104,
    cluster: { nodes: 5, duration: '12s', maxEntriesPerAppend: 1 },
    network: { latency: ['1ms', '60ms'] },
    workload: { requestsPerSecond: 50 },
    leaderCrashes: { probability: 0.5, after: ['0ms', '100ms'], down: ['20ms', '400ms'] },
    timeline: [
      {
        repeat: {
          times: 20,
          steps: [
            { after: ['0ms', '100ms'], isolate: 'leader', as: 'cut' },
            { after: ['50ms', '300ms'], reconnect: 'cut' },
            { after: ['0ms', '100ms'], crash: 'leader', as: 'down' },
            { after: ['20ms', '300ms'], restart: 'down' },
          ],
        },
      },
    ],
    liveness: { at: '9s', within: '3s' },
  },
  {
    name: 'lab-unreliable-churn',
    description: 'A network that loses requests and replies, holds messages back for long and delays a few for very long, while random servers crash, restart, are cut off and rejoin, over and over, with clients writing all along. Nothing unsafe happens; once the faults stop, the five agree.',
    seed: 107,
    cluster: { nodes: 5, duration: '14s' },
    network: { latency: ['5ms', '20ms'], lossRate: 0.05, replyLossRate: 0.1, reorderRate: 0.1, reorderDelayMax: '500ms', tailRate: 0.02, tailDelayMax: '2s' },
    workload: { requestsPerSecond: 40 },
    timeline: [
      {
        repeat: {
          times: 20,
          steps: [
            { after: ['50ms', '300ms'], crash: 'any-node', as: 'crashed-one' },
            { after: ['0ms', '200ms'], isolate: 'any-node', as: 'cut-one' },
            { after: ['50ms', '300ms'], restart: 'crashed-one' },
            { after: ['0ms', '200ms'], reconnect: 'cut-one' },
          ],
        },
      },
    ],
    liveness: { at: '10s', within: '4s' },
  },
  {
    name: 'etcd-election-in-one-round',
    description: "After etcd's TestLeaderElectionInOneRoundRPC, in its rows where votes are refused: node 1 times out first and asks the four others once, but three of them hold a longer log and refuse; with two votes of five it stays a candidate, and later a server with the longer log wins.",
    seed: 108,
    cluster: {
      nodes: 5,
      duration: '3s',
      electionTimeout: ['1s', '1200ms'],
      perNode: {
        '1': { term: 1, logTerms: [1], electionTimeout: ['100ms', '100ms'] },
        '2': { term: 1, logTerms: [1, 1] },
        '3': { term: 1, logTerms: [1, 1] },
        '4': { term: 1, logTerms: [1, 1] },
        '5': { term: 1, logTerms: [1] },
      },
    },
    workload: { requestsPerSecond: 0 },
    expect: [
      { 'messages-at-most': { kind: 'RequestVote', between: ['0ms', '190ms'], count: 4 } },
      { 'no-leader-at': '190ms' },
      { 'leader-within': '1500ms' },
    ],
  },
  {
    name: 'etcd-leader-commit-preceding-entries',
    description: "After etcd's TestLeaderCommitPrecedingEntries: every server holds entries of terms 1 and 2 that no one committed; the leader of term 3 commits them only with an entry of its own term, and every server applies them.",
    seed: 109,
    cluster: {
      nodes: 3,
      duration: '2s',
      electionTimeout: ['600ms', '900ms'],
      perNode: {
        '1': { term: 2, logTerms: [1, 2], electionTimeout: ['50ms', '50ms'] },
        '2': { term: 2, logTerms: [1, 2] },
        '3': { term: 2, logTerms: [1, 2] },
      },
    },
    workload: { requestsPerSecond: 0 },
    timeline: [
      { 'wait-for-leader': '500ms', label: 'elected' },
      { propose: { command: 'x' }, as: 'own' },
    ],
    expect: [
      { applied: { command: 'x2', by: 3, within: '300ms', index: 2 }, after: 'elected' },
      { applied: { proposal: 'own', by: 3, within: '300ms', index: 4 } },
    ],
  },
  {
    name: 'etcd-leader-acknowledge-commit',
    description: "After etcd's TestLeaderAcknowledgeCommit: in a cluster of five, a command stored by the leader and one follower is not committed; it is once a third server acknowledges it, and not before.",
    seed: 110,
    cluster: { nodes: 5, duration: '3s', preVote: true },
    workload: { requestsPerSecond: 0 },
    timeline: [
      { 'wait-for-leader': '1s' },
      { after: '200ms', label: 'cut', isolate: 'leader-peers' },
      { reconnect: 'follower' },
      { after: '50ms', propose: { command: 1 }, as: 'two-of-five' },
      { after: '500ms', label: 'third', reconnect: 'all' },
    ],
    expect: [
      { 'no-commit-between': ['50ms', '500ms'], after: 'cut' },
      { applied: { proposal: 'two-of-five', by: 3, within: '300ms' }, after: 'third' },
    ],
  },
];
