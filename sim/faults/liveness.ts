/**
 * The start of a liveness phase (VOPR's transition to liveness mode): every fault healed and none
 * injected any more, so that the cluster must converge within a bound. Each part switches in turn.
 */
import type { Clients } from '../cluster/clients.js';
import type { HostLifecycle } from '../cluster/lifecycle.js';
import type { NodeHost } from '../cluster/host.js';
import type { Network } from '../cluster/network.js';
import type { SimulationScheduler } from '../events.js';
import type { NetworkOptions } from '../options.js';
import { TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';
import type { FaultInterpreter } from './interpreter.js';
import type { LeaderCrashes } from './leader-crashes.js';

export interface LivenessParts {
  readonly faults: FaultInterpreter;
  readonly leaderCrashes: LeaderCrashes | null;
  readonly clients: Clients;
  readonly network: Network;
  readonly networkDefaults: NetworkOptions;
  readonly hosts: readonly NodeHost[];
  readonly lifecycle: HostLifecycle;
  readonly scheduler: SimulationScheduler;
  readonly trace: TraceRecorder;
}

/** Heals the network, restores its latency, ends timer alignments, brings every node back up and stops the clients. */
export function switchToLiveness(parts: LivenessParts): void {
  parts.faults.settled = true;
  if (parts.leaderCrashes !== null) parts.leaderCrashes.stopped = true;
  parts.clients.stopped = true;
  parts.network.settle(parts.networkDefaults);
  for (const host of parts.hosts) host.timerRandom.use(null);
  for (const host of parts.hosts) {
    if (host.restartable) parts.lifecycle.restart(host);
    else if (host.paused) parts.lifecycle.resume(host);
  }
  parts.trace.record(TraceKind.settle, parts.scheduler.nowUs, 0, 0, 0, 0, null);
}
