/**
 * Faults are data: a timeline of actions at virtual times, which a scenario file, a random schedule or
 * a shrinker can produce alike. Actions name nodes by number or by role, resolved when the action runs.
 */
import type { NodeId } from '../../core/types.js';
import type { AddServerAction } from './kinds/add-server.js';
import type { AlignTimersAction } from './kinds/align-timers.js';
import type { BitRotAction } from './kinds/bit-rot.js';
import type { CorruptMessagesAction, ForgeSenderAction, OutsiderMessagesAction, ReplayMessagesAction } from './kinds/message-attacks.js';
import type { ClockDriftAction } from './kinds/clock-drift.js';
import type { CrashAction } from './kinds/crash.js';
import type { CutAction } from './kinds/cut.js';
import type { DropMessagesAction } from './kinds/drop-messages.js';
import type { HealAction } from './kinds/heal.js';
import type { IsolateAction } from './kinds/isolate.js';
import type { NetworkAction } from './kinds/network.js';
import type { PartitionAction } from './kinds/partition.js';
import type { PauseAction } from './kinds/pause.js';
import type { ProposeAction } from './kinds/propose.js';
import type { RemoveServerAction } from './kinds/remove-server.js';
import type { ReconnectAction } from './kinds/reconnect.js';
import type { RestartAction } from './kinds/restart.js';
import type { RestoreNetworkAction } from './kinds/restore-network.js';
import type { ResumeAction } from './kinds/resume.js';
import type { SettleAction } from './kinds/settle.js';
import type { TransferLeadershipAction } from './kinds/transfer-leadership.js';

/**
 * A name a scenario gave, with a step's `as`, to the nodes that step named when it ran (see
 * NodeSelector.remember); resolved when a later action runs. Any lower-case word that is not one of
 * NODE_WORDS.
 */
export type RememberedName = string & { readonly rememberedName: true };

/**
 * One node: by number, or by role when the action runs. `leader` is the up node leading the highest
 * term; `follower` is the lowest-numbered up node that is not the leader; `any-node` is a node drawn
 * from the faults' own stream (so from the run's seed). A remembered name stands for the first node it
 * remembered. Skipped when there is none.
 */
export type NodeRef = NodeId | 'leader' | 'follower' | 'any-node' | RememberedName;

/**
 * A set of nodes: a list, or a selector resolved when the action runs. `rest` is every node not named
 * elsewhere in the same action; `leader-peers` every node but the leader (none when there is no
 * leader); `any-minority` and `any-majority` are drawn from the faults' own stream; a remembered name
 * stands for every node it remembered.
 */
export type NodeSet = readonly NodeRef[] | 'all' | 'followers' | 'leader-peers' | 'rest' | 'any-minority' | 'any-majority' | 'none' | RememberedName;

/** The words that name nodes in actions; a remembered name must be none of them. */
export const NODE_WORDS: readonly string[] = ['leader', 'follower', 'any-node', 'all', 'followers', 'leader-peers', 'rest', 'any-minority', 'any-majority', 'none', 'crashed', 'paused', 'spare'];

/** Whether a value is a remembered name: a lower-case word that names no role or set. */
export function isRememberedName(value: unknown): value is RememberedName {
  return typeof value === 'string' && /^[a-z][a-z0-9-]*$/.test(value) && !NODE_WORDS.includes(value);
}

export type NodeSelection = NodeRef | NodeSet;

/** Network settings that can change for every link or for some. Unset fields keep their value. */
export interface LinkChange {
  readonly lossRate?: number;
  readonly duplicateRate?: number;
  readonly reorderRate?: number;
  /** Extra one-way delay, in milliseconds. */
  readonly delayMs?: number;
}

/**
 * Every fault action; each kind is declared, described and carried out in its own file under kinds/
 * and listed in registry.ts.
 */
export type FaultAction =
  | CorruptMessagesAction
  | ReplayMessagesAction
  | ForgeSenderAction
  | OutsiderMessagesAction
  | BitRotAction
  | PartitionAction
  | IsolateAction
  | CutAction
  | HealAction
  | CrashAction
  | RestartAction
  | PauseAction
  | ResumeAction
  | NetworkAction
  | ClockDriftAction
  | AlignTimersAction
  | ProposeAction
  | SettleAction
  | RestoreNetworkAction
  | TransferLeadershipAction
  | AddServerAction
  | RemoveServerAction
  | DropMessagesAction
  | ReconnectAction;

export interface TimedFault {
  readonly atMs: number;
  readonly action: FaultAction;
}

export function describeSelection(selection: NodeSelection | 'crashed' | 'paused'): string {
  if (typeof selection === 'number') return `node ${selection}`;
  if (Array.isArray(selection)) return `nodes ${selection.join(',')}`;
  if (isRememberedName(selection)) return `"${selection}"`;
  switch (selection) {
    case 'leader':
      return 'the leader';
    case 'follower':
      return 'a follower';
    case 'any-node':
      return 'a random node';
    case 'leader-peers':
      return "the leader's peers";
    case 'crashed':
    case 'paused':
      return `every ${selection} node`;
    case 'all':
      return 'every node';
    case 'followers':
      return 'every follower';
    case 'rest':
      return 'the rest';
    case 'any-minority':
      return 'a random minority';
    case 'any-majority':
      return 'a random majority';
    default:
      return 'no node';
  }
}
