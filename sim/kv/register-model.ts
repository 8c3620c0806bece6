/**
 * The sequential specification of one key, as the linearizability search steps it: the state is the
 * key's value (null: absent), and an operation applied to a state either is impossible there (a get that
 * returned another value, a compare-and-set that succeeded from another value) or gives the next state.
 * An indeterminate operation is applied as if it happened: one that never happened is the same as one
 * placed after every other, which the search may always do, since it never completes.
 */
import type { HistoryOperation } from './history.js';

/** The state after `operation`, or undefined when the operation cannot have happened in `state`. */
export function stepRegister(state: string | null, operation: HistoryOperation): string | null | undefined {
  const completion = operation.completion;
  const determinate = completion !== null && completion.type === 'ok';
  switch (operation.f) {
    case 'get':
      return state === completion?.value ? state : undefined;
    case 'put':
      return operation.value;
    case 'append':
      return state === null ? operation.value : `${state},${operation.value!}`;
    case 'cas':
      if (state === operation.from) return operation.to;
      return determinate ? undefined : state;
  }
}

/**
 * Whether an operation takes part in the search: a failed operation did not happen, and a get whose
 * result is unknown changed nothing and showed nothing.
 */
export function constrains(operation: HistoryOperation): boolean {
  const type = operation.completion?.type ?? 'info';
  if (type === 'fail') return false;
  return !(operation.f === 'get' && type === 'info');
}

/**
 * The operations without the indeterminate writes no one can have seen. An indeterminate put, append or
 * compare-and-set that happened leaves a state holding what it wrote until a later write replaces it,
 * and every state until then contains that text; if no get returned, and no compare-and-set expected, a
 * value containing it, nothing can have read that state. Leaving the write out then changes only states
 * nobody saw, and the write may always be placed last instead (it never completes): so the history is
 * linearizable with it exactly when it is without it. Indeterminate writes are what a faulty run has
 * most of, and each one kept multiplies the orders the search must try.
 */
export function withoutUnseenIndeterminateWrites(operations: readonly HistoryOperation[]): HistoryOperation[] {
  const seen: string[] = [];
  for (const operation of operations) {
    const completion = operation.completion;
    if (operation.f === 'get' && completion !== null && completion.type === 'ok' && completion.value !== null) seen.push(completion.value);
    if (operation.f === 'cas' && operation.from !== null) seen.push(operation.from);
  }
  return operations.filter((operation) => {
    const indeterminate = operation.completion === null || operation.completion.type === 'info';
    if (!indeterminate || operation.f === 'get') return true;
    const written = operation.f === 'cas' ? operation.to : operation.value;
    return written === null || seen.some((value) => value.includes(written));
  });
}
