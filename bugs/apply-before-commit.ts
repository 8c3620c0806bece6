import type { NodeRules } from '../core/variants.js';

/**
 * Hands every entry to the state machine as soon as it is in the log, before it is committed (Figure
 * 2 applies only up to commitIndex). An entry a later leader replaces has already been applied.
 */
export function applyBeforeCommit(): Partial<NodeRules> {
  let appliedUpTo = 0;
  return {
    holdsReady: (log) => log.lastIndex() > appliedUpTo,
    handOut: (ready, log) => {
      const last = log.lastIndex();
      if (last <= appliedUpTo) return { ...ready, committedEntries: null };
      const committedEntries = { fromIndex: appliedUpTo + 1, entries: log.slice(appliedUpTo + 1, last) };
      appliedUpTo = last;
      return { ...ready, committedEntries };
    },
  };
}
