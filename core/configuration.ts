/**
 * Cluster configurations (dissertation §4). A configuration is the set of voting members. It travels
 * as a `config` entry whose command lists the members, and takes effect on every server as soon as
 * the entry is in its log, committed or not (§4.1). Changes are single-server (§4.2): each adds or
 * removes one member, so any majority of the old configuration overlaps any majority of the new one
 * and no moment exists at which two disjoint majorities could each elect a leader. Joint consensus
 * would allow arbitrary changes in one step, at the price of two quorums per decision in between;
 * single-server changes keep the quorum maths of every decision the plain majority of one set.
 */
import type { Entry, NodeId } from './types.js';

export type ConfigChange = { readonly type: 'add'; readonly node: NodeId } | { readonly type: 'remove'; readonly node: NodeId };

export function encodeMembers(members: readonly NodeId[]): string {
  return members.slice().sort((a, b) => a - b).join(',');
}

export function decodeMembers(command: string): NodeId[] {
  if (command === '') return [];
  return command.split(',').map(Number);
}

export function configEntry(term: number, members: readonly NodeId[]): Entry {
  return { term, kind: 'config', command: encodeMembers(members) };
}

/** The members after a change; null when the change changes nothing (adding a member, removing a stranger). */
export function applyChange(members: readonly NodeId[], change: ConfigChange): NodeId[] | null {
  const present = members.includes(change.node);
  if (change.type === 'add') return present ? null : [...members, change.node].sort((a, b) => a - b);
  return present ? members.filter((member) => member !== change.node) : null;
}

/**
 * Which configuration is in force at each index of a log: the base one (from the snapshot, or the
 * one the cluster was started with) and the config entries after it, in index order.
 */
export class ConfigHistory {
  private base: readonly NodeId[];
  private readonly indexes: number[] = [];
  private readonly configs: (readonly NodeId[])[] = [];

  constructor(base: readonly NodeId[]) {
    this.base = base.slice().sort((a, b) => a - b);
  }

  /** The configuration of the log's last config entry: the one in force. */
  latest(): readonly NodeId[] {
    return this.configs.length === 0 ? this.base : this.configs[this.configs.length - 1]!;
  }

  /** The index of the last config entry, 0 when the base is in force. */
  latestIndex(): number {
    return this.indexes.length === 0 ? 0 : this.indexes[this.indexes.length - 1]!;
  }

  /** The configuration in force at `index`. */
  at(index: number): readonly NodeId[] {
    // Stryker disable next-line ArithmeticOperator: starting past the end reads undefined there, which is never <= index, and goes on to the same positions
    for (let position = this.indexes.length - 1; position >= 0; position--) {
      if (this.indexes[position]! <= index) return this.configs[position]!;
    }
    return this.base;
  }

  /** Notes a config entry appended at `index`, which is past every one noted. */
  appended(index: number, entry: Entry): void {
    if (entry.kind !== 'config') return;
    this.indexes.push(index);
    this.configs.push(decodeMembers(entry.command));
  }

  /** Forgets the config entries from `index` on (the log was truncated there). */
  truncatedFrom(index: number): void {
    // The indexes increase, so those below `index` are the first ones.
    let kept = 0;
    for (const configIndex of this.indexes) if (configIndex < index) kept++;
    this.indexes.length = kept;
    this.configs.length = kept;
  }

  /** The log was compacted through `index`: the configuration in force there becomes the base. */
  compactedThrough(index: number): void {
    this.base = this.at(index);
    let dropped = 0;
    for (const configIndex of this.indexes) if (configIndex <= index) dropped++;
    this.indexes.splice(0, dropped);
    this.configs.splice(0, dropped);
  }

  /** The log was replaced by a snapshot whose configuration is `members`. */
  reset(members: readonly NodeId[]): void {
    this.base = members.slice().sort((a, b) => a - b);
    this.indexes.length = 0;
    this.configs.length = 0;
  }
}
