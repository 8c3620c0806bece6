/**
 * Raft's timing requirement (§5.6): broadcastTime ≪ electionTimeout ≪ MTBF. A leader keeps its
 * followers from standing only if its heartbeats reach them more often than their election timeouts
 * run out (§5.2), and an election succeeds only if a candidate's requests and their answers arrive
 * before the next timeout. A configuration that breaks this runs without any fault of the
 * implementation's, but what it shows (leaderless runs, every election split) is the configuration's
 * doing: the CLI warns of it, and the election-timing experiment, whose numbers would then mean
 * nothing, refuses it.
 *
 * Two comparisons, each against the shortest election timeout a node draws (rounded to the node's
 * whole ticks, as its timer counts them):
 * - the heartbeat interval must be below it (§5.2), or followers time out between two heartbeats of a
 *   leader that is alive and connected;
 * - the largest one-way latency must be below it, or a heartbeat or a vote can arrive after the timer it
 *   was to stop. The paper asks for more, an order of magnitude between the broadcast time (a round trip)
 *   and the timeout (§5.6), and typical settings have it; a factor of one on the one-way latency flags
 *   only what cannot work, and stays quiet on tight settings that do and are worth exploring: the
 *   swarm's latency of up to 60 ms against its 100–200 ms timeouts, or the paper's 12–24 ms range in
 *   the election-timing experiment.
 *
 * What is compared is the cluster's configuration. Per-node settings script a situation on purpose and
 * are left out: the named scenarios give one node a 50 ms timeout (the heartbeat's own length) so that
 * it stands first, and a clock rate or a network delay in a timeline is a fault being studied.
 */
import type { PolicyOverrides } from './policies.js';
import { withNeeds } from './policies.js';
import { PROTOCOL_OPTIONS, PROTOCOL_OPTION_DEFAULTS, SWARM_HEARTBEATS_MS } from './protocol-options.js';
import type { Scenario } from './scenario.js';
import { DEFAULT_CLUSTER } from './scenario.js';
import type { FaultMode } from './swarm.js';
import { SWARM_LATENCY_MS } from './swarm.js';

export interface ClusterTiming {
  readonly heartbeatMs: number;
  readonly electionTimeoutMinMs: number;
  /** The largest one-way latency of a message. */
  readonly latencyMaxMs: number;
  /** The nodes' tick: their timers count whole ticks. */
  readonly tickMs: number;
}

/** What breaks the timing requirement, one clause each; empty when nothing does. */
export function timingProblems(timing: ClusterTiming): string[] {
  const inTicks = (ms: number) => Math.max(1, Math.round(ms / timing.tickMs)) * timing.tickMs;
  const heartbeat = inTicks(timing.heartbeatMs);
  const electionTimeout = inTicks(timing.electionTimeoutMinMs);
  const problems: string[] = [];
  if (heartbeat >= electionTimeout) {
    problems.push(`the heartbeat interval (${ms(heartbeat)}) is not below the minimum election timeout (${ms(electionTimeout)}), so followers time out between a live leader's heartbeats`);
  }
  if (timing.latencyMaxMs >= electionTimeout) {
    problems.push(`a message takes up to ${ms(timing.latencyMaxMs)} one way, not less than the minimum election timeout (${ms(electionTimeout)}), so votes and heartbeats arrive after the timers they should stop`);
  }
  return problems;
}

/** One line naming the requirement and what breaks it, or null. */
export function describeTimingProblems(problems: readonly string[]): string | null {
  if (problems.length === 0) return null;
  return `Raft's timing requirement (broadcast time ≪ election timeout, §5.6) is not met: ${problems.join('; and ')}`;
}

/** A scenario's cluster as the requirement sees it. */
export function scenarioTiming(scenario: Scenario): ClusterTiming {
  return {
    heartbeatMs: scenario.cluster.heartbeatMs,
    electionTimeoutMinMs: scenario.cluster.electionTimeoutMs[0],
    latencyMaxMs: scenario.network.latencyMs[1],
    tickMs: scenario.cluster.tickMs,
  };
}

export function scenarioTimingProblem(scenario: Scenario): string | null {
  return describeTimingProblems(timingProblems(scenarioTiming(scenario)));
}

/**
 * The tightest timing any seed's swarm scenario can have under these policies: the longest heartbeat
 * and the largest latency the swarm draws, against the shortest election timeout. Exploration warns of
 * this before the first seed, so whether it warns does not depend on which seeds it runs.
 */
export function swarmTiming(faults: FaultMode, policies: PolicyOverrides): ClusterTiming {
  const imposed = withNeeds(policies);
  const electionTimeout = PROTOCOL_OPTIONS.electionTimeoutMs.swarm;
  if (!('fixed' in electionTimeout)) throw new Error('the swarm draws its election timeouts: swarmTiming must take the shortest it can draw');
  const heartbeat = faults === 'none' ? PROTOCOL_OPTION_DEFAULTS.heartbeatMs : Math.max(...SWARM_HEARTBEATS_MS);
  const latencies = faults === 'none' ? [SWARM_LATENCY_MS.narrow] : Object.values(SWARM_LATENCY_MS);
  return {
    heartbeatMs: imposed.heartbeatMs ?? heartbeat,
    electionTimeoutMinMs: (imposed.electionTimeoutMs ?? electionTimeout.fixed)[0],
    latencyMaxMs: Math.max(...latencies.map(([, high]) => high)),
    tickMs: DEFAULT_CLUSTER.tickMs,
  };
}

export function swarmTimingProblem(faults: FaultMode, policies: PolicyOverrides): string | null {
  return describeTimingProblems(timingProblems(swarmTiming(faults, policies)));
}

function ms(value: number): string {
  return `${value} ms`;
}
