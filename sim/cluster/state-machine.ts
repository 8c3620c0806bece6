/**
 * The state machine each simulated node applies committed entries to. What it computes is the
 * digest of the applied sequence, the same chain of entry hashes as the observed logs' prefix hashes,
 * so a snapshot's data can be compared with the committed history at its index, and a read answered
 * by a node can be placed in that history by the index its state machine had applied. With the
 * key-value workload it also applies the clients' commands to a key-value store (../kv/kv-store.ts),
 * whose results go to the clients, and a snapshot carries that store too.
 */
import type { Entry, Snapshot } from '../../core/types.js';
import { chainHash } from '../trace/hash.js';
import { entryHash } from '../checking/observed-cluster.js';
import type { KvStore } from '../kv/kv-store.js';
import { decodeKvCommand } from '../kv/operations.js';
import type { KvCommand, KvResult } from '../kv/operations.js';

/** Told of every client command a key-value state machine applies, with the index it was at and what it gave. */
export type KvApplyListener = (index: number, command: KvCommand, text: string, result: KvResult) => void;

export class StateMachine {
  appliedIndex = 0;
  digest = 0;
  kvListener: KvApplyListener | null = null;

  constructor(
    private readonly keepsDigest: boolean,
    readonly kv: KvStore | null = null,
  ) {}

  apply(fromIndex: number, entries: readonly Entry[]): void {
    if (this.keepsDigest) {
      let digest = this.digest;
      for (let offset = 0; offset < entries.length; offset++) digest = chainHash(digest, entryHash(entries[offset]!));
      this.digest = digest;
    }
    if (this.kv !== null) this.applyToStore(this.kv, fromIndex, entries);
    this.appliedIndex = fromIndex + entries.length - 1;
  }

  private applyToStore(kv: KvStore, fromIndex: number, entries: readonly Entry[]): void {
    for (let offset = 0; offset < entries.length; offset++) {
      const entry = entries[offset]!;
      const command = entry.kind === 'command' ? decodeKvCommand(entry.command) : null;
      if (command === null) continue;
      const result = kv.apply(command);
      this.kvListener?.(fromIndex + offset, command, entry.command, result);
    }
  }

  /** The state as a snapshot's data: the digest, then the key-value store's state after a space. */
  snapshotData(): string {
    const digest = encodeDigest(this.digest);
    return this.kv === null ? digest : `${digest} ${this.kv.encode()}`;
  }

  restore(snapshot: Snapshot): void {
    this.appliedIndex = snapshot.lastIndex;
    this.digest = decodeDigest(snapshot.data);
    if (this.kv !== null) {
      const space = snapshot.data.indexOf(' ');
      if (space < 0 || !this.kv.restore(snapshot.data.slice(space + 1))) this.kv.reset();
    }
  }

  reset(): void {
    this.appliedIndex = 0;
    this.digest = 0;
    this.kv?.reset();
  }
}

export function encodeDigest(digest: number): string {
  return (digest >>> 0).toString(16).padStart(8, '0');
}

/** The digest a snapshot's data stands for (its first word); NaN for data this simulator did not write. */
export function decodeDigest(data: string): number {
  return /^[0-9a-f]{8}(?: |$)/.test(data) ? Number.parseInt(data.slice(0, 8), 16) | 0 : Number.NaN;
}
