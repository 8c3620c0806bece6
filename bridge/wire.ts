/**
 * The node protocol's lines (docs/protocol.md): requests written as text, and what a program writes
 * read back and checked. A line that is not what the protocol allows at that point is named here in
 * words; the conversation (program-process.ts) decides which failure it is.
 */
import type { Ready } from '../core/contract.js';
import { MESSAGE_TYPES } from '../core/messages.js';

export const PROTOCOL_VERSION = 1;
/** The optional parts of the contract a program may name in its hello. */
export const FEATURES = ['transfer', 'snapshots', 'membership', 'reads'] as const;
export type Feature = (typeof FEATURES)[number];
/** How many numbers a request carries, by default and at most; how many a program may ask for at once. */
export const DEFAULT_RANDOM_PER_CALL = 2;
export const MAX_RANDOM_PER_CALL = 64;
export const MAX_RANDOM_PER_ASK = 1024;
const MAX_NAME_CHARACTERS = 200;

export interface Hello {
  readonly name: string;
  readonly features: readonly Feature[];
  readonly extraMessageTypes: readonly string[];
  readonly quietAdvance: boolean;
  readonly randomPerCall: number;
}

export type ProgramLine =
  | { readonly type: 'reply'; readonly id: number; readonly randomUsed: number; readonly ready: unknown; readonly result: unknown }
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  | { readonly type: 'random'; readonly count: number };

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

function parseObject(line: string): Parsed<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: line.trim() === '' ? 'an empty line' : 'a line that is not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'a line that is not a JSON object' };
  return { ok: true, value: value as Record<string, unknown> };
}

function isCount(value: unknown, max = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

export function parseHello(line: string): Parsed<Hello> {
  const parsed = parseObject(line);
  if (!parsed.ok) return { ok: false, problem: `wrote ${parsed.problem} where its hello was due` };
  const hello = parsed.value;
  if (hello.type !== 'hello') return { ok: false, problem: `wrote a line of type ${JSON.stringify(hello.type)}` };
  if (hello.protocol !== PROTOCOL_VERSION) {
    return { ok: false, problem: `the program speaks protocol version ${JSON.stringify(hello.protocol)}; raftsim speaks version ${PROTOCOL_VERSION}` };
  }
  if (typeof hello.name !== 'string' || hello.name.trim() === '' || hello.name.length > MAX_NAME_CHARACTERS) {
    return { ok: false, problem: `the hello's name must be a non-empty string of at most ${MAX_NAME_CHARACTERS} characters` };
  }
  const features = hello.features;
  if (!Array.isArray(features) || features.some((feature) => typeof feature !== 'string')) return { ok: false, problem: "the hello's features must be an array of strings" };
  const unknown = features.find((feature) => !(FEATURES as readonly string[]).includes(feature as string));
  if (unknown !== undefined) return { ok: false, problem: `the hello names a feature raftsim does not know: ${JSON.stringify(unknown)} (known: ${FEATURES.join(', ')})` };
  const extra = hello.extraMessageTypes ?? [];
  if (!Array.isArray(extra) || extra.some((type) => typeof type !== 'string' || type.trim() === '')) {
    return { ok: false, problem: "the hello's extraMessageTypes must be an array of non-empty strings" };
  }
  const taken = extra.find((type) => (MESSAGE_TYPES as readonly string[]).includes(type as string));
  if (taken !== undefined) return { ok: false, problem: `the hello's extraMessageTypes names ${JSON.stringify(taken)}, a message type of the contract already` };
  const quietAdvance = hello.quietAdvance ?? false;
  if (typeof quietAdvance !== 'boolean') return { ok: false, problem: "the hello's quietAdvance must be true or false" };
  const randomPerCall = hello.randomPerCall ?? DEFAULT_RANDOM_PER_CALL;
  if (!isCount(randomPerCall, MAX_RANDOM_PER_CALL)) return { ok: false, problem: `the hello's randomPerCall must be a whole number from 0 to ${MAX_RANDOM_PER_CALL}` };
  return { ok: true, value: { name: hello.name, features: features as Feature[], extraMessageTypes: extra as string[], quietAdvance, randomPerCall } };
}

/** A line written while raftsim awaits the answer to a request: a reply, an error, or a request for numbers. */
export function parseProgramLine(line: string): Parsed<ProgramLine> {
  const parsed = parseObject(line);
  if (!parsed.ok) return { ok: false, problem: `wrote ${parsed.problem}` };
  const value = parsed.value;
  switch (value.type) {
    case 'reply':
      if (!isCount(value.id)) return { ok: false, problem: 'a reply without a whole-number id' };
      if (!isCount(value.randomUsed ?? 0)) return { ok: false, problem: 'a reply whose randomUsed is not a whole number' };
      if (value.ready === undefined) return { ok: false, problem: 'a reply without ready (null when the node has nothing)' };
      if (value.ready !== null && (typeof value.ready !== 'object' || Array.isArray(value.ready))) return { ok: false, problem: 'a reply whose ready is neither null nor an object' };
      return { ok: true, value: { type: 'reply', id: value.id, randomUsed: (value.randomUsed ?? 0) as number, ready: value.ready, result: value.result } };
    case 'error':
      if (!isCount(value.id)) return { ok: false, problem: 'an error without a whole-number id' };
      return { ok: true, value: { type: 'error', id: value.id, message: typeof value.message === 'string' ? value.message : JSON.stringify(value.message ?? null) } };
    case 'random':
      if (!isCount(value.count, MAX_RANDOM_PER_ASK) || value.count === 0) return { ok: false, problem: `a request for random numbers whose count is not a whole number from 1 to ${MAX_RANDOM_PER_ASK}` };
      return { ok: true, value: { type: 'random', count: value.count } };
    default:
      return { ok: false, problem: `wrote a line of type ${JSON.stringify(value.type)} where a reply was due` };
  }
}

// ---- The Ready, checked before the host carries any of it out ------------------------------------

const ROLES: readonly unknown[] = ['follower', 'precandidate', 'candidate', 'leader'];

function isIndex(value: unknown): boolean {
  return isCount(value);
}

function isNodeOrNull(value: unknown): boolean {
  return value === null || isCount(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Entries are checked for their kind of value only: what they mean is the checkers' to judge. */
function entriesProblem(entries: unknown, where: string): string | null {
  if (!Array.isArray(entries)) return `${where} is not an array of entries`;
  const bad = entries.findIndex((entry) => !isRecord(entry) || !isIndex(entry.term) || typeof entry.kind !== 'string' || typeof entry.command !== 'string');
  return bad < 0 ? null : `${where}[${bad}] is not an entry {term, kind, command}`;
}

function writeProblem(write: unknown, field: string): string | null {
  if (write === null) return null;
  if (!isRecord(write) || !isIndex(write.fromIndex)) return `${field} must be null or {fromIndex, entries}`;
  return entriesProblem(write.entries, `${field}.entries`);
}

function snapshotProblem(snapshot: unknown): string | null {
  if (snapshot === null || snapshot === undefined) return null;
  if (!isRecord(snapshot) || !isIndex(snapshot.lastIndex) || !isIndex(snapshot.lastTerm) || typeof snapshot.data !== 'string') {
    return 'snapshot must be null or {lastIndex, lastTerm, members, data}';
  }
  return Array.isArray(snapshot.members) && snapshot.members.every((member) => isCount(member)) ? null : 'snapshot.members must be an array of node ids';
}

/** What makes a Ready from a program unusable by the host, or null. Messages are checked by the host as from any node. */
export function readyProblem(ready: Record<string, unknown>): string | null {
  const hardState = ready.hardState;
  if (hardState !== null && !(isRecord(hardState) && isIndex(hardState.term) && isNodeOrNull(hardState.votedFor))) return 'hardState must be null or {term, votedFor}';
  const problem = writeProblem(ready.logWrite, 'logWrite') ?? writeProblem(ready.committedEntries, 'committedEntries') ?? snapshotProblem(ready.snapshot);
  if (problem !== null) return problem;
  if (!Array.isArray(ready.messages) || ready.messages.some((message) => !isRecord(message))) return 'messages must be an array of message objects';
  const softState = ready.softState;
  if (softState !== null && !(isRecord(softState) && ROLES.includes(softState.role) && isNodeOrNull(softState.leaderId))) return 'softState must be null or {role, leaderId}';
  if (!isIndex(ready.commitIndex)) return 'commitIndex must be a whole number';
  const reads = ready.readStates;
  if (reads !== undefined && !(Array.isArray(reads) && reads.every((read) => isRecord(read) && isIndex(read.context) && isIndex(read.index)))) {
    return 'readStates must be an array of {context, index}';
  }
  const acknowledged = ready.acknowledgedIndexes;
  if (acknowledged !== undefined && !(Array.isArray(acknowledged) && acknowledged.every(isIndex))) return 'acknowledgedIndexes must be an array of indexes';
  return null;
}

/** The Ready, typed once checked. */
export function asReady(ready: Record<string, unknown>): Ready {
  return ready as unknown as Ready;
}
