/**
 * A reactive fault: a newly elected leader may be crashed soon after its election, and restarted a
 * while later. Draws come from a stream of their own. Stopped when the liveness phase begins.
 */
import type { NodeId } from '../../core/types.js';
import type { HostLifecycle } from '../cluster/lifecycle.js';
import type { NodeHost } from '../cluster/host.js';
import { RandomStream, STREAM } from '../engine/random-streams.js';
import { EventKind } from '../events.js';
import type { SimulationEvent, SimulationScheduler } from '../events.js';
import type { LeaderCrashRule } from '../options.js';

export class LeaderCrashes {
  private readonly random: RandomStream;
  stopped = false;

  constructor(
    seed: number,
    private readonly rule: LeaderCrashRule,
    private readonly hosts: readonly NodeHost[],
    private readonly lifecycle: HostLifecycle,
    private readonly scheduler: SimulationScheduler,
  ) {
    this.random = new RandomStream(seed, STREAM.leaderCrashes);
  }

  /** A node was seen to become leader: perhaps schedule its crash. */
  leaderElected(id: NodeId): void {
    if (!this.random.chance(this.rule.probability)) return;
    const afterUs = this.random.int(Math.round(this.rule.afterMinMs * 1000), Math.round(this.rule.afterMaxMs * 1000));
    this.scheduler.schedule(this.scheduler.nowUs + afterUs, EventKind.crashLeader, id, this.hosts[id - 1]!.incarnation, null);
  }

  /** The crash comes due: only if the leader still runs the incarnation it was elected in. */
  handleCrash(event: SimulationEvent): void {
    const host = this.hosts[event.subject - 1]!;
    if (this.stopped || !host.up || host.retired || host.incarnation !== event.tag) return;
    this.lifecycle.crash(host);
    const downUs = this.random.int(Math.round(this.rule.downMinMs * 1000), Math.round(this.rule.downMaxMs * 1000));
    this.scheduler.schedule(this.scheduler.nowUs + downUs, EventKind.restartNode, host.id, host.incarnation, null);
  }
}
