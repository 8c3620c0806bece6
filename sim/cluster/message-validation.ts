/**
 * Every message an implementation hands out is checked against the contract (docs/contract.md,
 * Messages) before the host does anything with it. A malformed message is its sender's failure,
 * named with the field and the value: left to the network it would fail at the receiver, blaming the
 * wrong node, or reach the trace as a well-formed message it never was.
 */
import { isContractMessage } from '../../core/messages.js';
import type { NodeId } from '../../core/types.js';

/** The trace keeps numbers as 32-bit integers; a term or index beyond that is out of any real range. */
const LARGEST_NUMBER = 2 ** 31 - 1;
const ENTRY_KINDS: readonly string[] = ['command', 'noop', 'config'];

type Fields = Readonly<Record<string, unknown>>;

/** Checks messages for one cluster: its node ids, and the extra message types the implementation declared. */
export class MessageValidator {
  private readonly extraTypes: ReadonlySet<string>;

  constructor(
    private readonly nodeCount: number,
    extraTypes: readonly string[] = [],
  ) {
    this.extraTypes = new Set(extraTypes);
  }

  /** What is wrong with `message` sent by `sender`, as a sentence naming both nodes, or null when nothing is. */
  problem(message: unknown, sender: NodeId): string | null {
    // Nearly every message is well formed: proving that takes a few comparisons, and only a message
    // that fails them is looked at field by field for the sentence that names what is wrong.
    if (wellFormedContractMessage(message, sender, this.nodeCount)) return null;
    return this.describeProblem(message, sender);
  }

  /** The same judgement field by field, naming what is wrong: what problem() says of a message its quick proof did not pass. */
  describeProblem(message: unknown, sender: NodeId): string | null {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return `node ${sender} sent ${JSON.stringify(message) ?? String(message)} as a message: must be an object with type, from, to and term`;
    }
    const fields = message as Fields;
    const type = fields.type;
    const known = typeof type === 'string' && isContractMessage({ type });
    if (!known && !(typeof type === 'string' && this.extraTypes.has(type))) {
      const declared = this.extraTypes.size === 0 ? 'the implementation declares no extra types' : `nor one of the declared extra types ${[...this.extraTypes].join(', ')}`;
      return `node ${sender} sent a message of type ${show(type)} to node ${show(fields.to)}: not a message type of the contract, ${declared}`;
    }
    const problem = this.addressProblem(fields, sender) ?? (known ? fieldProblem(fields) : null);
    return problem === null ? null : `node ${sender} sent ${article(type as string)} ${String(type)} to node ${show(fields.to)} with ${problem}`;
  }

  private addressProblem(fields: Fields, sender: NodeId): string | null {
    if (fields.from !== sender) return `from ${show(fields.from)}: must be the sender, ${sender}`;
    const to = fields.to;
    if (typeof to !== 'number' || !Number.isInteger(to) || to < 1 || to > this.nodeCount) return `to ${show(to)}: must be a node of the cluster, 1 to ${this.nodeCount}`;
    if (to === sender) return `to ${to}: must be another node than the sender`;
    return numberProblem('term', fields.term);
  }
}

/**
 * Whether `message` is of a contract type with every field as describeProblem wants it: true only where
 * that finds nothing, and false for the rare shapes it is not worth proving here (snapshots, an
 * implementation's own types), which describeProblem then judges.
 */
export function wellFormedContractMessage(message: unknown, sender: NodeId, nodeCount: number): boolean {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
  const fields = message as Fields;
  const to = fields.to;
  if (fields.from !== sender || typeof to !== 'number' || !Number.isInteger(to) || to < 1 || to > nodeCount || to === sender || !isIndex(fields.term)) return false;
  switch (fields.type) {
    case 'AppendEntriesRequest':
      return isIndex(fields.prevLogIndex) && isIndex(fields.prevLogTerm) && isIndex(fields.leaderCommit) && isRound(fields.round) && wellFormedEntries(fields.entries);
    case 'AppendEntriesResponse':
      return (
        typeof fields.success === 'boolean' &&
        isIndex(fields.matchIndex) &&
        isIndex(fields.rejectedIndex) &&
        isIndex(fields.conflictTerm) &&
        isIndex(fields.conflictIndex) &&
        isRound(fields.round)
      );
    case 'RequestVoteRequest':
      return isIndex(fields.lastLogIndex) && isIndex(fields.lastLogTerm) && isOptionalFlag(fields.preVote) && isOptionalFlag(fields.leadershipTransfer);
    case 'RequestVoteResponse':
      return typeof fields.voteGranted === 'boolean' && isOptionalFlag(fields.preVote);
    case 'TimeoutNowRequest':
      return true;
    default:
      return false;
  }
}

/** What numberProblem passes without a word: a whole number from 0 to 2^31 - 1. */
function isIndex(value: unknown): boolean {
  return typeof value === 'number' && (value | 0) === value && value >= 0;
}

function isRound(value: unknown): boolean {
  return value === undefined || isIndex(value);
}

function isOptionalFlag(value: unknown): boolean {
  return value === undefined || typeof value === 'boolean';
}

function wellFormedEntries(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  for (let position = 0; position < entries.length; position++) {
    const entry = entries[position] as Fields | null;
    if (typeof entry !== 'object' || entry === null) return false;
    const term = entry.term;
    const kind = entry.kind;
    if (typeof term !== 'number' || (term | 0) !== term || term < 1) return false;
    if (!(kind === 'command' || kind === 'noop' || kind === 'config') || typeof entry.command !== 'string') return false;
  }
  return true;
}

/** The fields of the contract's own message types. */
function fieldProblem(fields: Fields): string | null {
  switch (fields.type) {
    case 'RequestVoteRequest':
      return numberProblem('lastLogIndex', fields.lastLogIndex) ?? numberProblem('lastLogTerm', fields.lastLogTerm) ?? flagProblem('preVote', fields.preVote, true) ?? flagProblem('leadershipTransfer', fields.leadershipTransfer, true);
    case 'RequestVoteResponse':
      return flagProblem('voteGranted', fields.voteGranted, false) ?? flagProblem('preVote', fields.preVote, true);
    case 'AppendEntriesRequest':
      return numberProblem('prevLogIndex', fields.prevLogIndex) ?? numberProblem('prevLogTerm', fields.prevLogTerm) ?? numberProblem('leaderCommit', fields.leaderCommit) ?? roundProblem(fields) ?? entriesProblem(fields.entries);
    case 'AppendEntriesResponse':
      return (
        flagProblem('success', fields.success, false) ??
        numberProblem('matchIndex', fields.matchIndex) ??
        numberProblem('rejectedIndex', fields.rejectedIndex) ??
        numberProblem('conflictTerm', fields.conflictTerm) ??
        numberProblem('conflictIndex', fields.conflictIndex) ??
        roundProblem(fields)
      );
    case 'InstallSnapshotRequest':
      return roundProblem(fields) ?? snapshotProblem(fields.snapshot);
    default:
      return null;
  }
}

function numberProblem(name: string, value: unknown): string | null {
  // The usual case first, in one comparison: a whole number from 0 to 2^31 - 1.
  if (typeof value === 'number' && (value | 0) === value && value >= 0) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return `${name} ${show(value)}: must be a non-negative integer`;
  if (value > LARGEST_NUMBER) return `${name} ${value}: must be below 2^31`;
  return null;
}

function flagProblem(name: string, value: unknown, optional: boolean): string | null {
  if (typeof value === 'boolean' || (optional && value === undefined)) return null;
  return `${name} ${show(value)}: must be ${optional ? 'true, false or absent' : 'true or false'}`;
}

function roundProblem(fields: Fields): string | null {
  return fields.round === undefined ? null : numberProblem('round', fields.round);
}

function entriesProblem(entries: unknown): string | null {
  if (!Array.isArray(entries)) return `entries ${show(entries)}: must be an array of entries`;
  for (let position = 0; position < entries.length; position++) {
    const entry = entries[position] as Fields | null;
    const problem = entryProblem(entry);
    if (problem !== null) return `entries[${position}] ${show(entry)}: ${problem}`;
  }
  return null;
}

function entryProblem(entry: Fields | null): string | null {
  if (typeof entry !== 'object' || entry === null) return 'must be an entry { term, kind, command }';
  const term = entry.term;
  if (typeof term !== 'number' || !Number.isInteger(term) || term < 1 || term > LARGEST_NUMBER) return 'its term must be a positive integer';
  if (typeof entry.kind !== 'string' || !ENTRY_KINDS.includes(entry.kind)) return `its kind must be one of ${ENTRY_KINDS.join(', ')}`;
  if (typeof entry.command !== 'string') return 'its command must be a string';
  return null;
}

function snapshotProblem(snapshot: unknown): string | null {
  if (typeof snapshot !== 'object' || snapshot === null) return `snapshot ${show(snapshot)}: must be a snapshot { lastIndex, lastTerm, members, data }`;
  const fields = snapshot as Fields;
  const number = numberProblem('lastIndex', fields.lastIndex) ?? numberProblem('lastTerm', fields.lastTerm);
  if (number !== null) return `snapshot.${number}`;
  const members = fields.members;
  if (!Array.isArray(members) || members.some((member) => typeof member !== 'number' || !Number.isInteger(member) || member < 1)) {
    return `snapshot.members ${show(members)}: must be an array of node ids`;
  }
  if (typeof fields.data !== 'string') return `snapshot.data ${show(fields.data)}: must be a string`;
  return null;
}

/** A value as the message holds it: JSON where it has one, undefined and functions by name. */
function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

function article(type: string): string {
  return /^[AEIOU]/.test(type) ? 'an' : 'a';
}
