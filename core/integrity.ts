/**
 * Messages and disk records that can be checked, for faults beyond Raft's own model (crash-stop,
 * messages lost but never altered). `checksum` seals every message and every disk record with a
 * SHA-256 checksum of its contents, so that bits flipped in flight or at rest are seen; a checksum
 * is no secret, so whoever alters a message can seal it again. `authenticated` adds a MAC made with
 * the sender's own key, which nobody else holds, so that a message claiming another sender is seen too.
 *
 * Pure JavaScript hashes (@noble/hashes) rather than Node's crypto module, so that the core still runs
 * in a browser.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Message } from './messages.js';
import type { Entry, NodeId } from './types.js';

export type IntegrityLevel = 'none' | 'checksum' | 'authenticated';

export const INTEGRITY_LEVELS: readonly IntegrityLevel[] = ['none', 'checksum', 'authenticated'];

/** A message as it travels with integrity on: its seal, `checksum` or `checksum.mac`. */
export type SealedMessage = Message & { readonly seal?: string };

/** Hex characters kept of each digest: 64 bits, far beyond what a simulated run could collide on. */
const DIGEST_CHARACTERS = 16;

function digestHex(bytes: Uint8Array): string {
  return bytesToHex(bytes).slice(0, DIGEST_CHARACTERS);
}

/** The message's fields in the order they were written, without the seal. */
function sealedContent(message: Message): string {
  const { seal: _seal, ...fields } = message as SealedMessage;
  return JSON.stringify(fields);
}

function contentChecksum(content: string): string {
  return digestHex(sha256(utf8ToBytes(content)));
}

/** The checksum of a message's contents. */
export function messageChecksum(message: Message): string {
  return contentChecksum(sealedContent(message));
}

/** A seal's parts: the checksum, then, after a dot, the MAC (null when the seal is a checksum alone). */
function sealParts(seal: string): { readonly checksum: string; readonly mac: string | null } {
  const dot = seal.indexOf('.');
  return dot < 0 ? { checksum: seal, mac: null } : { checksum: seal.slice(0, dot), mac: seal.slice(dot + 1) };
}

const keys = new Map<NodeId, Uint8Array>();

/**
 * Node `id`'s key. Derived from its number so that a run stays a function of its options; the
 * simulator's attacks never call this for a sender they impersonate, which is what holding no key means.
 */
export function nodeKey(id: NodeId): Uint8Array {
  let key = keys.get(id);
  if (key === undefined) {
    key = sha256(utf8ToBytes(`raftsim node key ${id}`));
    keys.set(id, key);
  }
  return key;
}

/** The MAC of a message under its sender's key. */
function messageMac(message: Message, content: string): string {
  return digestHex(hmac(sha256, nodeKey(message.from), utf8ToBytes(content)));
}

/** The level a seal was made at: `authenticated` when it carries a MAC. */
export function sealLevel(seal: string): Exclude<IntegrityLevel, 'none'> {
  return sealParts(seal).mac === null ? 'checksum' : 'authenticated';
}

/** The message with its seal for this level (unchanged at `none`). */
export function sealMessage(message: Message, level: IntegrityLevel): SealedMessage {
  if (level === 'none') return message;
  const content = sealedContent(message);
  const checksum = contentChecksum(content);
  return { ...message, seal: level === 'checksum' ? checksum : `${checksum}.${messageMac(message, content)}` };
}

/**
 * Seals again only the checksum of an altered message, keeping the MAC it had: what anyone can do who
 * does not hold the claimed sender's key.
 */
export function resealChecksum(message: SealedMessage): SealedMessage {
  if (message.seal === undefined) return message;
  const { mac } = sealParts(message.seal);
  const checksum = messageChecksum(message);
  return { ...message, seal: mac === null ? checksum : `${checksum}.${mac}` };
}

/** Why a message fails its checksum, or null when its contents are what was sealed. */
export function checksumProblem(message: SealedMessage): string | null {
  if (message.seal === undefined) return 'no seal';
  return sealParts(message.seal).checksum === messageChecksum(message) ? null : 'checksum mismatch: corrupted in flight';
}

/** Why a message fails its MAC, or null when the sender it names made it. */
export function senderProblem(message: SealedMessage): string | null {
  const mac = message.seal === undefined ? null : sealParts(message.seal).mac;
  if (mac === null) return 'no MAC';
  return mac === messageMac(message, sealedContent(message)) ? null : `MAC is not node ${message.from}'s: forged sender`;
}

/** The checksum of a log entry as a disk record holds it. */
export function entryChecksum(entry: Entry): string {
  return contentChecksum(`${entry.term}/${entry.kind}/${entry.command}`);
}
