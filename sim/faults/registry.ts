/**
 * Every kind of fault, each from its own file. The order is the order in which scenario files list
 * the keys, fast-check chooses among kinds and the swarm finds its draws; keep it, or drawn schedules
 * and shrunk scenarios change.
 */
import type { FaultAction } from './actions.js';
import type { FaultKind, SwarmDraw } from './kind.js';
import { addServer } from './kinds/add-server.js';
import { alignTimers } from './kinds/align-timers.js';
import { bitRot } from './kinds/bit-rot.js';
import { corruptMessages, forgeSender, outsiderMessages, replayMessages } from './kinds/message-attacks.js';
import { clockDrift } from './kinds/clock-drift.js';
import { crash } from './kinds/crash.js';
import { cut } from './kinds/cut.js';
import { dropMessages } from './kinds/drop-messages.js';
import { heal } from './kinds/heal.js';
import { isolate } from './kinds/isolate.js';
import { network } from './kinds/network.js';
import { partition } from './kinds/partition.js';
import { pause } from './kinds/pause.js';
import { propose } from './kinds/propose.js';
import { reconnect } from './kinds/reconnect.js';
import { removeServer } from './kinds/remove-server.js';
import { restart } from './kinds/restart.js';
import { restoreNetwork } from './kinds/restore-network.js';
import { resume } from './kinds/resume.js';
import { settle } from './kinds/settle.js';
import { transferLeadership } from './kinds/transfer-leadership.js';

type KindOf<Type extends FaultAction['type']> = FaultKind<Extract<FaultAction, { readonly type: Type }>>;

/** Each action type's kind; the type checker makes sure every action type has one. */
const KINDS: { readonly [Type in FaultAction['type']]: KindOf<Type> } = {
  partition,
  isolate,
  cut,
  heal,
  crash,
  restart,
  pause,
  resume,
  network,
  'clock-drift': clockDrift,
  'align-timers': alignTimers,
  propose,
  settle,
  'restore-network': restoreNetwork,
  'transfer-leadership': transferLeadership,
  'add-server': addServer,
  'remove-server': removeServer,
  'drop-messages': dropMessages,
  reconnect,
  // Beyond Raft's fault model: drawn only by exploration with attacks, after every other kind.
  'corrupt-messages': corruptMessages,
  'replay-messages': replayMessages,
  'forge-sender': forgeSender,
  'outsider-messages': outsiderMessages,
  'bit-rot': bitRot,
};

/** A kind whose action type is known only at run time. */
export type AnyFaultKind = FaultKind<FaultAction>;

export const FAULT_KINDS: readonly AnyFaultKind[] = Object.values(KINDS) as AnyFaultKind[];

export function faultKind(type: FaultAction['type']): AnyFaultKind {
  return KINDS[type] as AnyFaultKind;
}

/** Whether a type names a fault kind (a scenario step may also be a wait, which is not). */
export function isFaultType(type: string): type is FaultAction['type'] {
  return Object.hasOwn(KINDS, type);
}

export function describeFault(action: FaultAction): string {
  return faultKind(action.type).describe(action);
}

/** The swarm's draws by the name of their weight in a fault profile. */
export const SWARM_DRAWS: Readonly<Record<string, SwarmDraw>> = Object.assign({}, ...FAULT_KINDS.map((kind) => kind.swarm ?? {}));
