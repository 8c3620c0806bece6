import type { HardState } from '../core/types.js';
import type { NodeRules } from '../core/variants.js';

/**
 * Answers a vote before the vote is durable: the granted response leaves in a Ready that asks for no
 * write, and the vote itself is written in the next one. A crash in between forgets the vote, and the
 * restarted node can vote again in the same term: two leaders of one term.
 */
export function voteBeforeDurable(): Partial<NodeRules> {
  let deferredHardState: HardState | null = null;
  return {
    holdsReady: () => deferredHardState !== null,
    handOut: (ready) => {
      const deferred = deferredHardState;
      deferredHardState = null;
      const grantsVote = ready.messages.some((message) => message.type === 'RequestVoteResponse' && message.voteGranted && message.preVote !== true);
      if (grantsVote && ready.hardState !== null) {
        deferredHardState = ready.hardState;
        return { ...ready, hardState: deferred };
      }
      // A newer hard state supersedes the deferred one; otherwise the deferred vote is written now.
      return ready.hardState === null && deferred !== null ? { ...ready, hardState: deferred } : ready;
    },
  };
}
