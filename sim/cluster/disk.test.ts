import { describe, expect, it } from 'vitest';
import { logOfTerms } from '../../core/testing.js';
import type { Entry } from '../../core/types.js';
import { SimulatedDisk } from './disk.js';

function termsOf(log: readonly Entry[]): number[] {
  return log.map((entry) => entry.term);
}

describe('SimulatedDisk', () => {
  it('starts empty: term 0, no vote, no log', () => {
    const disk = new SimulatedDisk();
    expect(disk.isEmpty()).toBe(true);
    expect(disk.read()).toEqual({ hardState: { term: 0, votedFor: null }, log: [] });
  });

  it('reads back the hard state last persisted', () => {
    const disk = new SimulatedDisk();
    disk.persistHardState({ term: 3, votedFor: 2 });
    disk.persistHardState({ term: 4, votedFor: null });
    expect(disk.read().hardState).toEqual({ term: 4, votedFor: null });
    expect(disk.isEmpty()).toBe(false);
  });

  it('appends a write that starts right after the last entry', () => {
    const disk = new SimulatedDisk();
    disk.persistLog({ fromIndex: 1, entries: logOfTerms([1, 1]) });
    disk.persistLog({ fromIndex: 3, entries: logOfTerms([1, 1, 2]).slice(2) });
    expect(termsOf(disk.read().log)).toEqual([1, 1, 2]);
    expect(disk.isEmpty()).toBe(false);
  });

  it('drops every entry from the start of an overwriting write on, even past its end', () => {
    const disk = new SimulatedDisk();
    disk.persistLog({ fromIndex: 1, entries: logOfTerms([1, 1, 1, 1]) });
    disk.persistLog({ fromIndex: 2, entries: [{ term: 2, kind: 'command', command: 'y' }] });
    expect(disk.read().log).toEqual([logOfTerms([1])[0], { term: 2, kind: 'command', command: 'y' }]);
    disk.persistLog({ fromIndex: 1, entries: [] });
    expect(disk.read().log).toEqual([]);
  });

  it('rejects a write that would leave a gap, or that starts before index 1, and keeps the log', () => {
    const disk = new SimulatedDisk();
    disk.persistLog({ fromIndex: 1, entries: logOfTerms([1]) });
    expect(() => disk.persistLog({ fromIndex: 3, entries: logOfTerms([1]) })).toThrow('log write from index 3 leaves a gap after the persisted 1 entries');
    expect(() => disk.persistLog({ fromIndex: 0, entries: logOfTerms([1]) })).toThrow('from index 0');
    expect(() => disk.persistLog({ fromIndex: 0.5, entries: logOfTerms([1]) })).toThrow('from index 0.5');
    expect(termsOf(disk.read().log)).toEqual([1]);
  });

  it('read() returns a copy: changing it, or writing later, leaves what was read and what is stored apart', () => {
    const disk = new SimulatedDisk();
    disk.persistLog({ fromIndex: 1, entries: logOfTerms([1, 1]) });
    const first = disk.read();
    (first.log as Entry[]).length = 0;
    expect(termsOf(disk.read().log)).toEqual([1, 1]);
    const second = disk.read();
    disk.persistLog({ fromIndex: 2, entries: logOfTerms([1, 2, 2]).slice(1) });
    expect(termsOf(second.log)).toEqual([1, 1]);
  });
});

describe('disk faults beyond Raft’s model', () => {
  const entry = (term: number, command: string) => ({ term, kind: 'command' as const, command });

  it('a sound disk keeps every durable write through a crash', () => {
    const disk = new SimulatedDisk('none');
    disk.beginWrite();
    disk.persistHardState({ term: 3, votedFor: 2 });
    disk.persistLog({ fromIndex: 1, entries: [entry(3, 'a')] });
    disk.crash();
    expect(disk.read()).toEqual({ hardState: { term: 3, votedFor: 2 }, log: [entry(3, 'a')] });
  });

  it('lost-fsync: a crash takes back the last durable write, hard state and log alike', () => {
    const disk = new SimulatedDisk('lost-fsync');
    disk.beginWrite();
    disk.persistHardState({ term: 2, votedFor: 1 });
    disk.persistLog({ fromIndex: 1, entries: [entry(1, 'a'), entry(2, 'b')] });
    disk.beginWrite();
    disk.persistHardState({ term: 3, votedFor: 4 });
    disk.persistLog({ fromIndex: 2, entries: [entry(3, 'c')] });
    disk.crash();
    expect(disk.read()).toEqual({ hardState: { term: 2, votedFor: 1 }, log: [entry(1, 'a'), entry(2, 'b')] });
  });

  it('torn-write: a crash tears the last record of the last append', () => {
    const disk = new SimulatedDisk('torn-write');
    disk.beginWrite();
    disk.persistLog({ fromIndex: 1, entries: [entry(1, 'a'), entry(1, 'b')] });
    disk.crash();
    expect(disk.read().log).toEqual([entry(1, 'a')]);
  });
});

describe('snapshots on disk', () => {
  const snapshot = (lastIndex: number, lastTerm: number) => ({ lastIndex, lastTerm, members: [1, 2, 3], data: `state through ${lastIndex}` });

  it('a compaction keeps the snapshot in place of the entries through its index; writes go on after it', () => {
    const disk = new SimulatedDisk();
    disk.persistLog({ fromIndex: 1, entries: logOfTerms([1, 1, 2, 2]) });
    disk.compact(snapshot(3, 2));
    expect(disk.read()).toMatchObject({ snapshot: snapshot(3, 2) });
    expect(termsOf(disk.read().log)).toEqual([2]);
    disk.persistLog({ fromIndex: 5, entries: logOfTerms([3]) });
    expect(termsOf(disk.read().log)).toEqual([2, 3]);
    expect(disk.lastIndex()).toBe(5);
    expect(() => disk.persistLog({ fromIndex: 3, entries: [] })).toThrow(/into the snapshot/);
    expect(() => disk.compact(snapshot(9, 3))).toThrow(/cannot compact/);
  });

  it('an installed snapshot replaces the whole log; a lying fsync can take the install back in a crash', () => {
    const sound = new SimulatedDisk();
    sound.persistLog({ fromIndex: 1, entries: logOfTerms([1, 1]) });
    sound.installSnapshot(snapshot(6, 3));
    expect(sound.read()).toEqual({ hardState: { term: 0, votedFor: null }, snapshot: snapshot(6, 3), log: [] });
    expect(sound.isEmpty()).toBe(false);

    const lying = new SimulatedDisk('lost-fsync');
    lying.beginWrite();
    lying.persistLog({ fromIndex: 1, entries: logOfTerms([1, 1]) });
    lying.beginWrite();
    lying.installSnapshot(snapshot(6, 3));
    lying.crash();
    expect(lying.read().snapshot).toBeUndefined();
    expect(termsOf(lying.read().log)).toEqual([1, 1]);
  });

  it('a decommissioned server’s disk is wiped', () => {
    const disk = new SimulatedDisk();
    disk.persistHardState({ term: 4, votedFor: 2 });
    disk.installSnapshot(snapshot(2, 1));
    disk.wipe();
    expect(disk.isEmpty()).toBe(true);
  });
});

describe('what each disk mode undoes in a crash', () => {
  const entry = (term: number, command: string) => ({ term, kind: 'command' as const, command });
  const snapshot = (lastIndex: number, lastTerm: number) => ({ lastIndex, lastTerm, members: [1, 2, 3], data: `state through ${lastIndex}` });

  it('lost-fsync: a last write of the hard state alone takes back the hard state and leaves the log whole', () => {
    const disk = new SimulatedDisk('lost-fsync');
    disk.beginWrite();
    disk.persistHardState({ term: 1, votedFor: 1 });
    disk.persistLog({ fromIndex: 1, entries: [entry(1, 'a'), entry(1, 'b'), entry(1, 'c')] });
    disk.beginWrite();
    disk.persistHardState({ term: 2, votedFor: 3 });
    disk.crash();
    expect(disk.read()).toEqual({ hardState: { term: 1, votedFor: 1 }, log: [entry(1, 'a'), entry(1, 'b'), entry(1, 'c')] });
  });

  it('lost-fsync after a compaction: an overwrite and an append are taken back, counting indexes after the snapshot', () => {
    const overwritten = new SimulatedDisk('lost-fsync');
    overwritten.persistLog({ fromIndex: 1, entries: [entry(1, 'a'), entry(1, 'b'), entry(1, 'c'), entry(1, 'd')] });
    overwritten.compact(snapshot(2, 1));
    overwritten.beginWrite();
    overwritten.persistLog({ fromIndex: 4, entries: [entry(2, 'x')] });
    expect(overwritten.read().log).toEqual([entry(1, 'c'), entry(2, 'x')]);
    overwritten.crash();
    expect(overwritten.read()).toMatchObject({ snapshot: snapshot(2, 1), log: [entry(1, 'c'), entry(1, 'd')] });

    const appended = new SimulatedDisk('lost-fsync');
    appended.persistLog({ fromIndex: 1, entries: [entry(1, 'a'), entry(1, 'b'), entry(1, 'c'), entry(1, 'd')] });
    appended.compact(snapshot(2, 1));
    appended.beginWrite();
    appended.persistLog({ fromIndex: 5, entries: [entry(2, 'e')] });
    appended.crash();
    expect(appended.read().log).toEqual([entry(1, 'c'), entry(1, 'd')]);
  });

  it('torn-write: a last write that appended nothing tears nothing', () => {
    const disk = new SimulatedDisk('torn-write');
    disk.beginWrite();
    disk.persistLog({ fromIndex: 1, entries: [entry(1, 'a'), entry(1, 'b')] });
    disk.beginWrite();
    disk.persistHardState({ term: 2, votedFor: 2 });
    disk.crash();
    expect(disk.read()).toEqual({ hardState: { term: 2, votedFor: 2 }, log: [entry(1, 'a'), entry(1, 'b')] });
  });

  it('torn-write: tears the last record appended after a snapshot installed in the same write', () => {
    const disk = new SimulatedDisk('torn-write');
    disk.beginWrite();
    disk.installSnapshot(snapshot(2, 1));
    disk.persistLog({ fromIndex: 3, entries: [entry(2, 'x'), entry(2, 'y')] });
    disk.crash();
    expect(disk.read()).toMatchObject({ snapshot: snapshot(2, 1), log: [entry(2, 'x')] });
  });

  it('torn-write: a write whose entries a snapshot then replaced leaves nothing to tear', () => {
    const disk = new SimulatedDisk('torn-write');
    disk.beginWrite();
    disk.persistLog({ fromIndex: 1, entries: [entry(1, 'a')] });
    disk.installSnapshot(snapshot(3, 1));
    expect(() => disk.crash()).not.toThrow();
    expect(disk.read()).toMatchObject({ snapshot: snapshot(3, 1), log: [] });
  });

  it('refuses to compact through the snapshot’s own index or an earlier one', () => {
    const disk = new SimulatedDisk();
    disk.persistLog({ fromIndex: 1, entries: [entry(1, 'a'), entry(1, 'b'), entry(1, 'c')] });
    disk.compact(snapshot(2, 1));
    expect(() => disk.compact(snapshot(2, 1))).toThrow('cannot compact the persisted log through 2');
    expect(() => disk.compact(snapshot(1, 1))).toThrow('cannot compact the persisted log through 1');
    disk.compact(snapshot(3, 1));
    expect(disk.read()).toMatchObject({ snapshot: snapshot(3, 1), log: [] });
  });

  it('is not empty once a vote is persisted, even in term 0', () => {
    const disk = new SimulatedDisk();
    disk.persistHardState({ term: 0, votedFor: 2 });
    expect(disk.isEmpty()).toBe(false);
  });
});
