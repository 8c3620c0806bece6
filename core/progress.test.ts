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
});
