/**
 * The linearizability check of a whole history, and the witness of a violation: the smallest set of
 * operations that cannot be ordered. The witness is found in two cuts, each a search of the key's
 * operations: first the shortest prefix of the history that is not linearizable (a prefix of a
 * linearizable history is linearizable, so the prefixes can be bisected), then each operation of that
 * prefix is left out in turn, and stays out when what remains is still not linearizable (a write whose
 * value a remaining operation saw stays). What is left is minimal: without any one of its operations the
 * rest can be ordered, or shows a value no operation of it wrote.
 */
import type { HistoryOperation } from './history.js';
import type { KeyVerdict } from './linearizability.js';
import { checkKey, DEFAULT_SEARCH_BOUND, partitionByKey } from './linearizability.js';

export interface LinearizabilityReport {
  readonly verdict: KeyVerdict;
  readonly operations: number;
  readonly keys: number;
  /** Search steps taken over every key (minimizing a witness not counted). */
  readonly steps: number;
  /** The bound on steps per key. */
  readonly bound: number;
  /** not-linearizable: the key whose operations cannot be ordered. */
  readonly key: string | null;
  /** not-linearizable: the smallest set of that key's operations that cannot be ordered, by invocation. */
  readonly witness: readonly HistoryOperation[];
  /** unknown: the keys whose search hit the bound. */
  readonly undecidedKeys: readonly string[];
}

export function checkLinearizability(operations: readonly HistoryOperation[], bound: number = DEFAULT_SEARCH_BOUND): LinearizabilityReport {
  const byKey = partitionByKey(operations);
  let steps = 0;
  const undecided: string[] = [];
  for (const [key, keyOperations] of byKey) {
    const result = checkKey(keyOperations, bound);
    steps += result.steps;
    if (result.verdict === 'unknown') undecided.push(key);
    if (result.verdict !== 'not-linearizable') continue;
    // The prefix left some operations in flight; the witness shows them as they were, which only adds constraints.
    const witness = minimalWitness(keyOperations, bound).map((kept) => keyOperations.find((operation) => operation.id === kept.id)!);
    return { verdict: 'not-linearizable', operations: operations.length, keys: byKey.size, steps, bound, key, witness, undecidedKeys: undecided };
  }
  const verdict = undecided.length > 0 ? 'unknown' : 'linearizable';
  return { verdict, operations: operations.length, keys: byKey.size, steps, bound, key: null, witness: [], undecidedKeys: undecided };
}

/** The operations of a non-linearizable key cut down to a set none of which can be left out. */
export function minimalWitness(operations: readonly HistoryOperation[], bound: number): HistoryOperation[] {
  const fails = (candidate: readonly HistoryOperation[]) => checkKey(candidate, bound).verdict === 'not-linearizable';
  let kept = shortestFailingPrefix(operations, fails);
  // Later operations first: what follows the anomaly is more often noise than what leads to it. A write
  // whose value a kept operation saw stays while that one does: without it, a read of a value nobody
  // wrote would be an anomaly of the cutting, not of the history. Each pass that removes something is
  // followed by another, at most one per operation.
  for (let pass = 0, removed = true; removed && pass <= operations.length; pass++) {
    removed = false;
    for (let index = kept.length - 1; index >= 0; index--) {
      if (seenByOthers(kept[index]!, kept)) continue;
      const without = kept.filter((_, position) => position !== index);
      if (!fails(without)) continue;
      kept = without;
      removed = true;
    }
  }
  return kept;
}

/** Whether a write's value shows in what another operation read or expected. */
function seenByOthers(operation: HistoryOperation, operations: readonly HistoryOperation[]): boolean {
  const written = operation.f === 'cas' ? operation.to : operation.f === 'get' ? null : operation.value;
  if (written === null) return false;
  return operations.some((other) => {
    if (other === operation) return false;
    const seen = other.f === 'get' ? (other.completion?.type === 'ok' ? other.completion.value : null) : other.f === 'cas' ? other.from : null;
    return seen !== null && (seen === written || seen.split(',').includes(written));
  });
}

function shortestFailingPrefix(operations: readonly HistoryOperation[], fails: (candidate: readonly HistoryOperation[]) => boolean): HistoryOperation[] {
  const ends = operations.flatMap((operation) => (operation.completion === null ? [] : [operation.completion.index + 1])).sort((a, b) => a - b);
  let low = 0;
  let high = ends.length - 1;
  let best: HistoryOperation[] = operations.slice();
  // Bisection over the completions: the prefix through the completion at `ends[middle]`.
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const prefix = prefixBefore(operations, ends[middle]!);
    if (fails(prefix)) {
      best = prefix;
      high = middle - 1;
    } else {
      low = middle + 1;
    }
  }
  return best;
}

/** The operations invoked before event `end`, those completed at or after it left in flight. */
function prefixBefore(operations: readonly HistoryOperation[], end: number): HistoryOperation[] {
  return operations
    .filter((operation) => operation.invokeIndex < end)
    .map((operation) => (operation.completion !== null && operation.completion.index >= end ? { ...operation, completion: null } : operation));
}
