/**
 * Faults beyond Raft's model, on messages in flight: bits flipped, an old message replayed, a sender
 * forged, messages from a server outside the configuration. Raft assumes none of these (its messages
 * are lost but never altered); the integrity policies (core/integrity.ts) are what defend against them.
 * Each attack runs at a rate while an attack fault is in place, draws from a stream of its own, and
 * records what it did; the messages it altered or made are remembered, so that the message-integrity
 * rule can tell whether a node acted on one.
 */
import { resealChecksum, sealLevel, sealMessage } from '../../core/integrity.js';
import type { SealedMessage } from '../../core/integrity.js';
import type { Message } from '../../core/messages.js';
import type { NodeId } from '../../core/types.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import type { RandomStream } from '../engine/random-streams.js';
import { messageCode, TamperKind, TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';

export type MessageAttack = 'corrupt' | 'replay' | 'forge' | 'outsider';

/** What each attack does to a message, as its trace records name it (a tamper record's a). */
export const ATTACK_TAMPER: Readonly<Record<MessageAttack, TamperKind>> = {
  corrupt: TamperKind.corrupted,
  replay: TamperKind.replayed,
  forge: TamperKind.forged,
  outsider: TamperKind.outsider,
};

/** Messages kept per receiver for replays, while any attack is in place: a few seconds of traffic, enough to reach back a term or two. */
const REPLAY_MEMORY = 256;

/** An attack in place, at a rate: the share of deliveries it acts on. */
export interface AttackInPlace {
  readonly attack: MessageAttack;
  readonly rate: number;
}

export class Attacks {
  private readonly inPlace: AttackInPlace[] = [];
  /** What each message an attack made or altered is, for the message-integrity rule. */
  private readonly made = new WeakMap<Message, TamperKind>();
  /** By receiver - 1: messages it was delivered, oldest first, for replays. */
  private readonly delivered: Message[][];

  constructor(
    private readonly nodeCount: number,
    private readonly random: RandomStream,
    private readonly trace: TraceRecorder,
    private readonly cluster: ObservedCluster,
    private readonly now: () => number,
    /** Whether a server is switched off outside the cluster: a spare never added, or a removed one shut down. */
    private readonly switchedOff: (node: NodeId) => boolean,
  ) {
    this.delivered = Array.from({ length: nodeCount }, () => []);
  }

  /** Whether any attack is in place: with none, a delivery costs this one check. */
  get armed(): boolean {
    return this.inPlace.length > 0;
  }

  start(attack: MessageAttack, rate: number): AttackInPlace {
    const placed = { attack, rate };
    this.inPlace.push(placed);
    return placed;
  }

  stop(placed: AttackInPlace): void {
    const index = this.inPlace.indexOf(placed);
    if (index >= 0) this.inPlace.splice(index, 1);
  }

  /** The liveness phase: every attack ends. */
  stopAll(): void {
    this.inPlace.length = 0;
  }

  /**
   * Records bit rot has struck, as `node:index`, for the rest of the run: none is struck twice, and none
   * counts as an intact copy for another's repair, even after a restart repaired it or a leader
   * overwrote it (which only makes bit rot choose among fewer records).
   */
  private readonly rotten = new Set<string>();

  noteRotten(node: NodeId, index: number): void {
    this.rotten.add(`${node}:${index}`);
  }

  isRotten(node: NodeId, index: number): boolean {
    return this.rotten.has(`${node}:${index}`);
  }

  /** A record for bit rot to strike, from the attacks' own stream. */
  drawIndex(min: number, max: number): number {
    return this.random.int(min, max);
  }

  /** What an attack did to make this message, if it made it. */
  tamperOf(message: Message): TamperKind | undefined {
    return this.made.get(message);
  }

  /** Delivers a message through the attacks in place: altered, or followed by one an attack adds. */
  deliver(message: Message, receive: (message: Message) => void): void {
    let delivered = message;
    const extra: Message[] = [];
    for (const { attack, rate } of this.inPlace) {
      if (!this.random.chance(rate)) continue;
      // A message is altered once: a second forgery could give it back its true sender.
      if (attack === 'corrupt' || attack === 'forge') {
        if (delivered !== message) continue;
        delivered = attack === 'corrupt' ? this.mark(this.corrupted(delivered), attack) : (this.forged(delivered) ?? delivered);
      }
      else {
        const added = attack === 'replay' ? this.replayFor(delivered) : this.outsiderTo(delivered);
        if (added !== null) extra.push(this.mark(added, attack));
      }
    }
    const memory = this.delivered[message.to - 1]!;
    memory.push(message);
    if (memory.length > REPLAY_MEMORY) memory.shift();
    receive(delivered);
    for (const added of extra) receive(added);
  }

  private mark(message: Message, attack: MessageAttack): Message {
    const kind = ATTACK_TAMPER[attack];
    this.made.set(message, kind);
    this.trace.record(TraceKind.tamper, this.now(), message.from, message.to, kind, messageCode(message), { attack, message });
    return message;
  }

  /** A few low bits flipped in one field, the seal left as it was sent. */
  private corrupted(message: Message): Message {
    const flip = (value: number) => value ^ (1 << this.random.int(0, 2));
    switch (message.type) {
      case 'RequestVoteRequest':
        return this.random.chance(0.5) ? { ...message, term: flip(message.term) } : { ...message, lastLogTerm: flip(message.lastLogTerm) };
      case 'RequestVoteResponse':
        return this.random.chance(0.5) ? { ...message, term: flip(message.term) } : { ...message, voteGranted: !message.voteGranted };
      case 'AppendEntriesRequest': {
        if (message.entries.length > 0 && this.random.chance(0.5)) {
          const at = this.random.int(0, message.entries.length - 1);
          const entries = message.entries.map((entry, index) => (index === at ? { ...entry, term: flip(entry.term) } : entry));
          return { ...message, entries };
        }
        return this.random.chance(0.5) ? { ...message, term: flip(message.term) } : { ...message, leaderCommit: flip(message.leaderCommit) };
      }
      case 'AppendEntriesResponse':
        return this.random.chance(0.5) ? { ...message, term: flip(message.term) } : { ...message, matchIndex: flip(message.matchIndex) };
      default:
        return { ...message, term: flip(message.term) };
    }
  }

  /** The message claiming another member as its sender, its checksum sealed again (anyone can), its MAC not. */
  private forged(message: Message): Message | null {
    const others: NodeId[] = [];
    for (let node = 1; node <= this.nodeCount; node++) if (node !== message.from && node !== message.to) others.push(node);
    if (others.length === 0) return null;
    return this.mark(resealChecksum({ ...message, from: this.random.pick(others) } as SealedMessage), 'forge');
  }

  /**
   * An older message to the same receiver, of a term before the one it is in now: a replay from within
   * the current term is only a late duplicate, which Raft's own fault model has (and the network makes).
   */
  private replayFor(message: Message): Message | null {
    const memory = this.delivered[message.to - 1]!;
    const term = this.cluster.node(message.to).term;
    const older = memory.filter((old) => old.term < term);
    if (older.length === 0) return null;
    // A copy, so that the replay is told apart from the message it repeats; its seal is the original's.
    return { ...this.random.pick(older) };
  }

  /** Whether a server running now counts `node` a member, by its latest or its committed configuration. */
  private anyConfigurationHolds(node: NodeId): boolean {
    for (let id = 1; id <= this.nodeCount; id++) {
      if (this.switchedOff(id)) continue;
      const observed = this.cluster.node(id);
      if (this.cluster.configurationOf(observed).includes(node) || this.cluster.configurationAt(observed, observed.commitIndex).includes(node)) return true;
    }
    return false;
  }

  /**
   * A message from a server outside the committed configuration (a spare or a removed server: a real
   * machine, so its seal and MAC are its own): a vote granted to a candidate, or else a vote request
   * of a newer term with a log no one can refuse.
   */
  private outsiderTo(message: Message): Message | null {
    // A server switched off, and outside every configuration any node holds, committed or not: one that
    // some node could still count as a member is no outsider to it.
    const receiver = this.cluster.node(message.to);
    const outsiders: NodeId[] = [];
    for (let node = 1; node <= this.nodeCount; node++) if (node !== message.to && this.switchedOff(node) && !this.anyConfigurationHolds(node)) outsiders.push(node);
    if (outsiders.length === 0) return null;
    const from = this.random.pick(outsiders);
    const sealOf = (made: Message) => resealOwn(made, message);
    if (receiver.role === 'candidate') {
      return sealOf({ type: 'RequestVoteResponse', from, to: message.to, term: receiver.term, voteGranted: true });
    }
    return sealOf({ type: 'RequestVoteRequest', from, to: message.to, term: receiver.term + 1, lastLogIndex: 1_000_000, lastLogTerm: receiver.term + 1 });
  }
}

/** A message an outsider made itself, sealed as the message it rides along with is (or not at all). */
function resealOwn(made: Message, alongside: Message): Message {
  const seal = (alongside as SealedMessage).seal;
  if (seal === undefined) return made;
  return sealMessage(made, sealLevel(seal));
}
