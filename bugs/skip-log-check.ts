import type { NodeRules } from '../core/variants.js';

/** Votes without the up-to-date-log check of §5.4.1: a candidate missing committed entries can win. */
export function skipLogCheck(): Partial<NodeRules> {
  return { candidateLogIsUpToDate: () => true };
}
