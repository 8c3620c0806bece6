import type { NodeRules } from '../core/variants.js';

/**
 * Lets a request through the consistency check when prevLogIndex is one past the end of its log (the
 * check compares with the log length where it should compare with the last index, §5.3). The entries
 * then land one index early, under the indexes the leader believes they have.
 */
export function offByOneConsistencyCheck(): Partial<NodeRules> {
  return {
    received: (message, term, log) => {
      const last = log.lastIndex();
      if (message.type === 'AppendEntriesRequest' && message.term >= term && message.prevLogIndex === last + 1) {
        return { ...message, prevLogIndex: last, prevLogTerm: log.lastTerm() };
      }
      return message;
    },
  };
}
