import type { NodeRules } from '../core/variants.js';

/**
 * A leader tells its clients that a command is done as soon as it has appended it to its own log
 * (Ready.acknowledgedIndexes), not once it is committed (Figure 2: "respond after entry applied to
 * state machine"). A leader deposed before a majority holds the entry has acknowledged a write that the
 * next leader overwrites: the client was told it happened, and no read will ever see it.
 */
export function ackBeforeCommit(): Partial<NodeRules> {
  let leading = false;
  return {
    handOut: (ready) => {
      if (ready.softState !== null) leading = ready.softState.role === 'leader';
      const write = ready.logWrite;
      if (!leading || write === null) return ready;
      const acknowledgedIndexes: number[] = [];
      write.entries.forEach((entry, offset) => {
        if (entry.kind === 'command') acknowledgedIndexes.push(write.fromIndex + offset);
      });
      return acknowledgedIndexes.length === 0 ? ready : { ...ready, acknowledgedIndexes };
    },
  };
}
