import { describe, expect, it } from 'vitest';
import { PeerProgress } from './progress.js';

function progressWithInflight(lastIndexes: readonly number[]): PeerProgress {
  const progress = new PeerProgress(1);
  for (const lastIndex of lastIndexes) progress.sentUpTo(lastIndex);
  return progress;
}

describe('PeerProgress.acknowledge', () => {
  it('answers every request that carried nothing beyond the acknowledged index, oldest first', () => {
    const progress = progressWithInflight([3, 5, 8, 9]);
    progress.acknowledge(5);
    expect(progress.inflightCount()).toBe(2);
    // The requests left are those ending at 8 and 9: acknowledging 8 answers exactly one of them.
    progress.acknowledge(8);
    expect(progress.inflightCount()).toBe(1);
    progress.acknowledge(9);
    expect(progress.inflightCount()).toBe(0);
  });

  it('answers nothing below the oldest request', () => {
    const progress = progressWithInflight([4, 6]);
    progress.acknowledge(3);
    expect(progress.inflightCount()).toBe(2);
    progress.acknowledge(4);
    expect(progress.inflightCount()).toBe(1);
  });

  it('keeps the unanswered requests in order after answering some', () => {
    const progress = progressWithInflight([2, 4, 6, 8, 10]);
    progress.acknowledge(4);
    progress.sentUpTo(12);
    // Left: 6, 8, 10, 12. Acknowledging 9 answers 6 and 8 only.
    progress.acknowledge(9);
    expect(progress.inflightCount()).toBe(2);
    progress.acknowledge(11);
    expect(progress.inflightCount()).toBe(1);
    progress.acknowledge(12);
    expect(progress.inflightCount()).toBe(0);
  });

  it('answers every request when the acknowledgement covers them all', () => {
    const progress = progressWithInflight([1, 2, 3]);
    progress.acknowledge(100);
    expect(progress.inflightCount()).toBe(0);
  });
});
