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
