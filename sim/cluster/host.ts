/** A simulated server: the node's code, its disk and state machine, and its place in the event loop. */
import type { RaftNodeInstance, Ready } from '../../core/contract.js';
import type { NodeId } from '../../core/types.js';
import type { SwitchableRandom } from './switchable-random.js';
import type { TickingSubject } from '../engine/pending-ticks.js';
import { SimulatedDisk } from './disk.js';
import type { DiskFaultOnCrash } from './disk.js';
import { AwaitingReads } from './reads.js';
import { StateMachine } from './state-machine.js';
import { KvStore } from '../kv/kv-store.js';
import type { KvStoreSettings } from '../kv/kv-store.js';

export class NodeHost implements TickingSubject<NodeHost> {
  instance: RaftNodeInstance | null = null;
  up = true;
  paused = false;
  /** Bumped by every restart: messages sent to an earlier incarnation are lost. */
  incarnation = 0;
  tickGeneration = 0;
  tickPending = false;
  nextTickUs = 0;
  nextTickSequence = 0;
  earlierTick: NodeHost | null = null;
  laterTick: NodeHost | null = null;
  readonly disk: SimulatedDisk;
  readonly machine: StateMachine;
  readonly awaitingReads = new AwaitingReads();
  /** Removed from the configuration and shut down for good. */
  retired = false;
  /** A spare server, switched off until a membership change adds it. */
  dormant = false;
  /** A Ready whose state is being written; nothing of it is sent, applied or observed until it is durable. */
  pendingReady: Ready | null = null;

  constructor(
    readonly id: NodeId,
    readonly timerRandom: SwitchableRandom,
    /** Virtual time between two ticks: the tick length divided by the node's clock rate. */
    public tickPeriodUs: number,
    faultOnCrash: DiskFaultOnCrash,
    keepsDigest: boolean,
    /** Every disk record carries a checksum (integrity on). */
    checksummedDisk: boolean,
    /** The key-value workload's state machine settings; null: the digest alone. */
    kv: KvStoreSettings | null = null,
  ) {
    this.disk = new SimulatedDisk(faultOnCrash, checksummedDisk);
    this.machine = new StateMachine(keepsDigest, kv === null ? null : new KvStore(kv));
  }

  /** Down for a while (a crash or a pause), not for good and not waiting to be added. */
  get restartable(): boolean {
    return !this.up && !this.retired && !this.dormant;
  }
}
