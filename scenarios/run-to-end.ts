/**
 * The one-call form of the library's step-at-a-time runs (an exploration seed by seed, an experiment
 * trial by trial, a sweep run by run): each is a generator that yields its progress, so that a caller
 * can draw a progress bar or stop between units, and returns the result.
 */

/** Steps `steps` until it is done, and returns what it returns. */
export function runToEnd<Result>(steps: Generator<unknown, Result, void>): Result {
  let step = steps.next();
  while (step.done !== true) step = steps.next();
  return step.value;
}
