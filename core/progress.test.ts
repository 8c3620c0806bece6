import { describe, expect, it } from 'vitest';
import { PeerProgress } from './progress.js';

function progressWithInflight(lastIndexes: readonly number[]): PeerProgress {
  const progress = new PeerProgress(1);
  for (const lastIndex of lastIndexes) progress.sentUpTo(lastIndex);
  return progress;
}

/** The requests in flight (their last indexes), then acknowledgements each with the count left after it. */
const CASES: readonly (readonly [string, readonly number[], readonly (readonly [number, number])[]])[] = [
  ['answers, oldest first, every request that carried nothing beyond the acknowledged index', [3, 5, 8, 9], [[5, 2], [8, 1], [9, 0]]],
  ['answers nothing below the oldest request', [4, 6], [[3, 2], [4, 1]]],
  ['answers every request when the acknowledgement covers them all', [1, 2, 3], [[100, 0]]],
];

describe('PeerProgress.acknowledge', () => {
  it.each(CASES)('%s', (_name, inflight, acknowledgements) => {
    const progress = progressWithInflight(inflight);
    expect(acknowledgements.map(([matchIndex]) => (progress.acknowledge(matchIndex), progress.inflightCount()))).toEqual(acknowledgements.map(([, left]) => left));
  });

  it('keeps the unanswered requests in order after answering some', () => {
    const progress = progressWithInflight([2, 4, 6, 8, 10]);
    progress.acknowledge(4);
    progress.sentUpTo(12);
    // Left: 6, 8, 10, 12. Acknowledging 9 answers 6 and 8 only, 11 answers 10, 12 the last.
    expect([9, 11, 12].map((matchIndex) => (progress.acknowledge(matchIndex), progress.inflightCount()))).toEqual([2, 1, 0]);
  });

  it('answers a request whose last index is exactly the acknowledged one', () => {
    const progress = progressWithInflight([4, 7]);
    progress.acknowledge(4);
    expect(progress.inflightCount()).toBe(1);
    progress.acknowledge(7);
    expect(progress.inflightCount()).toBe(0);
  });
});

describe('PeerProgress changing state', () => {
  it('sends a follower that needs a snapshot the entries after it next, with nothing in flight and no probe out', () => {
    const progress = progressWithInflight([3, 5]);
    progress.state = 'replicate';
    progress.probeSent = true;
    progress.becomeSnapshot(40);
    expect({ state: progress.state, pendingSnapshot: progress.pendingSnapshot, nextIndex: progress.nextIndex, probeSent: progress.probeSent, inflight: progress.inflightCount() }).toEqual({
      state: 'snapshot',
      pendingSnapshot: 40,
      nextIndex: 41,
      probeSent: false,
      inflight: 0,
    });
  });

  it('probes from the index given, free to send its first probe, forgetting what was in flight', () => {
    const progress = progressWithInflight([3, 5]);
    progress.state = 'replicate';
    progress.probeSent = true;
    progress.becomeProbe(4);
    expect({ state: progress.state, nextIndex: progress.nextIndex, probeSent: progress.probeSent, inflight: progress.inflightCount() }).toEqual({
      state: 'probe',
      nextIndex: 4,
      probeSent: false,
      inflight: 0,
    });
  });

  it('starts in probe state, knowing nothing of the follower’s log and not having heard from it', () => {
    const progress = new PeerProgress(8);
    expect([progress.state, progress.matchIndex, progress.nextIndex, progress.probeSent, progress.inflightCount(), progress.recentActive]).toEqual(['probe', 0, 8, false, 0, false]);
  });
});

