import { describe, expect, it } from 'vitest';
import { RaftLog } from './log.js';
import type { LogEditor } from './rules.js';
import { REFERENCE_RULES } from './rules.js';
import { logOfTerms } from './testing.js';
import type { Snapshot } from './types.js';

/** A log editor that does the edits and records them, as the node records them for its next Ready. */
function recordingEditor(log: RaftLog): LogEditor & { readonly edits: string[] } {
  const edits: string[] = [];
  return {
    log,
    edits,
    truncateFrom: (index) => {
      edits.push(`truncate from ${index}`);
      log.truncateFrom(index);
    },
    append: (entry) => {
      const index = log.append(entry);
      edits.push(`append ${index}`);
      return index;
    },
  };
}

describe('storing a leader’s entries (Figure 2, AppendEntries rules 3 and 4)', () => {
  it('truncates nothing when the new entries only extend the log: a truncation is a log write of its own', () => {
    const editor = recordingEditor(new RaftLog(logOfTerms([1, 1])));
    REFERENCE_RULES.storeEntries(editor, 2, logOfTerms([1, 1, 2, 2], 'leader').slice(2));
    expect(editor.edits).toEqual(['append 3', 'append 4']);
  });

  it('skips the entries it holds already and extends after them without truncating', () => {
    const leader = logOfTerms([1, 1, 2]);
    const editor = recordingEditor(new RaftLog(leader.slice(0, 2)));
    REFERENCE_RULES.storeEntries(editor, 0, leader);
    expect(editor.edits).toEqual(['append 3']);
  });

  it('truncates at the first conflicting entry, and only there', () => {
    const editor = recordingEditor(new RaftLog(logOfTerms([1, 1, 1, 1])));
    REFERENCE_RULES.storeEntries(editor, 1, logOfTerms([1, 1, 2], 'leader').slice(1));
    expect(editor.edits).toEqual(['truncate from 3', 'append 3']);
  });
});

describe('handling a leader’s snapshot (Figure 13)', () => {
  const snapshot = (lastIndex: number, lastTerm: number): Snapshot => ({ lastIndex, lastTerm, members: [1, 2, 3], data: '' });

  it('ignores a snapshot of nothing more than is committed here, whatever the log holds at its index', () => {
    // A committed entry is never replaced: a snapshot through the commit index that disagrees with
    // the log there can only come from a leader that broke the protocol, and changes nothing here.
    const log = new RaftLog(logOfTerms([1, 1, 2]));
    expect(REFERENCE_RULES.snapshotHandling(snapshot(3, 2), 3, log)).toBe('ignore');
    expect(REFERENCE_RULES.snapshotHandling(snapshot(3, 3), 3, log)).toBe('ignore');
    expect(REFERENCE_RULES.snapshotHandling(snapshot(2, 1), 3, log)).toBe('ignore');
  });

  it('keeps a log that holds the snapshot’s last entry, and replaces one that does not', () => {
    const log = new RaftLog(logOfTerms([1, 1, 2, 2]));
    expect(REFERENCE_RULES.snapshotHandling(snapshot(3, 2), 2, log)).toBe('keep-log');
    expect(REFERENCE_RULES.snapshotHandling(snapshot(3, 3), 2, log)).toBe('replace-log');
    expect(REFERENCE_RULES.snapshotHandling(snapshot(9, 2), 2, log)).toBe('replace-log');
  });
});

describe('the reference rules of elections and commits', () => {
  it('give at most one vote per term: to anyone while no vote is cast, then only to the same candidate again (§5.2)', () => {
    const rows: readonly (readonly [votedFor: number | null, candidate: number, may: boolean])[] = [
      [null, 2, true],
      [2, 2, true],
      [3, 2, false],
    ];
    expect(rows.map(([votedFor, candidate]) => REFERENCE_RULES.canVoteFor(votedFor, candidate))).toEqual(rows.map(([, , may]) => may));
  });

  it('commit by counting replicas only an entry of the leader’s own term (§5.4.2, Figure 8)', () => {
    expect(REFERENCE_RULES.mayCommitByCounting(3, 3)).toBe(true);
    expect(REFERENCE_RULES.mayCommitByCounting(2, 3)).toBe(false);
    expect(REFERENCE_RULES.mayCommitByCounting(undefined, 3)).toBe(false);
  });

  it('hold a membership change back while the last one is not committed, naming its index (§4.2)', () => {
    expect(REFERENCE_RULES.uncommittedConfigChange(7, 6)).toBe('the configuration change at index 7 is not committed yet');
    expect(REFERENCE_RULES.uncommittedConfigChange(7, 7)).toBeNull();
    expect(REFERENCE_RULES.uncommittedConfigChange(0, 5)).toBeNull();
  });
});
