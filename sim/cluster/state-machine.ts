/**
 * The state machine each simulated node applies committed entries to. What it computes is the
 * digest of the applied sequence, the same chain of entry hashes as the observed logs' prefix hashes,
 * so a snapshot's data can be compared with the committed history at its index, and a read answered
 * by a node can be placed in that history by the index its state machine had applied.
 */
import type { Entry, Snapshot } from '../../core/types.js';
import { chainHash } from '../trace/hash.js';
import { entryHash } from '../checking/observed-cluster.js';

export class StateMachine {
  appliedIndex = 0;
  digest = 0;

  constructor(private readonly keepsDigest: boolean) {}

  apply(fromIndex: number, entries: readonly Entry[]): void {
    if (this.keepsDigest) {
      let digest = this.digest;
      for (let offset = 0; offset < entries.length; offset++) digest = chainHash(digest, entryHash(entries[offset]!));
      this.digest = digest;
    }
    this.appliedIndex = fromIndex + entries.length - 1;
  }

  /** The state as a snapshot's data. */
  snapshotData(): string {
    return encodeDigest(this.digest);
  }

  restore(snapshot: Snapshot): void {
    this.appliedIndex = snapshot.lastIndex;
    this.digest = decodeDigest(snapshot.data);
  }

  reset(): void {
    this.appliedIndex = 0;
    this.digest = 0;
  }
}

export function encodeDigest(digest: number): string {
  return (digest >>> 0).toString(16).padStart(8, '0');
}

/** The digest a snapshot's data stands for; NaN for data this simulator did not write. */
export function decodeDigest(data: string): number {
  return /^[0-9a-f]{8}$/.test(data) ? Number.parseInt(data, 16) | 0 : Number.NaN;
}
