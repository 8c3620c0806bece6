/**
 * The node's output (see contract.ts): whether a Ready is outstanding, the Ready itself, and what the
 * host's advance() tells the node about what is now durable.
 */
import type { CommittedEntries, Ready, ReadState } from '../contract.js';
import type { Message } from '../messages.js';
import { Elections } from './elections.js';

const NO_MESSAGES: readonly Message[] = Object.freeze([]);
const NO_READS: readonly ReadState[] = Object.freeze([]);

export abstract class NodeReady extends Elections {
  hasReady(): boolean {
    if (
      this.outbox !== null ||
      this.hardStateChanged ||
      this.softStateChanged ||
      this.unstableFrom !== 0 ||
      this.snapshotToInstall !== null ||
      this.readyReads !== null ||
      this.rejected !== null ||
      this.applicableIndex() > this.appliedIndex
    ) {
      return true;
    }
    return this.rules.holdsReady !== undefined && this.rules.holdsReady(this.log);
  }

  ready(): Ready {
    const applyTo = this.applicableIndex();
    const committedEntries: CommittedEntries | null =
      applyTo > this.appliedIndex
        ? { fromIndex: this.appliedIndex + 1, entries: this.log.slice(this.appliedIndex + 1, applyTo) }
        : null;
    const built: Ready = {
      hardState: this.hardStateChanged ? { term: this.term, votedFor: this.votedFor } : null,
      logWrite:
        this.unstableFrom === 0
          ? null
          : { fromIndex: this.unstableFrom, entries: this.log.slice(this.unstableFrom, this.log.lastIndex()) },
      messages: this.outbox ?? NO_MESSAGES,
      committedEntries,
      softState: this.softStateChanged ? { role: this.role, leaderId: this.leaderId } : null,
      commitIndex: this.commitIndex,
      snapshot: this.snapshotToInstall,
      readStates: this.readyReads ?? NO_READS,
    };
    const ready: Ready = this.rejected === null ? built : { ...built, rejected: this.rejected };
    this.rejected = null;
    this.snapshotToInstall = null;
    this.readyReads = null;
    // An installed snapshot moved the applied index past what the durable log alone would allow.
    if (applyTo > this.appliedIndex) this.appliedIndex = applyTo;
    this.outbox = null;
    this.hardStateChanged = false;
    this.softStateChanged = false;
    this.unstableFrom = 0;
    this.truncatedSinceReady = 0;
    return this.rules.handOut === undefined ? ready : this.rules.handOut(ready, this.log);
  }

  advance(ready: Ready): void {
    // A snapshot is durable once its Ready is; one replaced since then does not count.
    const installed = ready.snapshot ?? null;
    if (installed !== null && installed === this.snapshot && this.truncatedSinceReady === 0) {
      this.persistedIndex = Math.max(this.persistedIndex, installed.lastIndex);
    }
    const write = ready.logWrite;
    if (write !== null) {
      const written = write.fromIndex + write.entries.length - 1;
      const truncatedBelow = this.truncatedSinceReady === 0 ? written : this.truncatedSinceReady - 1;
      this.persistedIndex = Math.min(written, truncatedBelow, this.log.lastIndex());
    }
    // The leader counts its own log toward a quorum only once it is durable.
    if (this.role === 'leader' && write !== null) this.maybeAdvanceCommitIndex();
    if (this.rules.commitIndexAfterInput !== undefined) this.consultCommitRule();
  }
}
