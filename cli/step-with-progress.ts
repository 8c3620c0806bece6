/**
 * A long command's units of work (an experiment's trials, a sweep's runs), stepped one at a time under
 * a progress bar. Between units it yields to the event loop, so that an interrupting signal is noticed
 * (interrupt.ts) and the command can stop after the unit in progress.
 */
import { yieldToEventLoop } from './interrupt.js';
import { startProgress } from './progress.js';

export interface StepProgress {
  /** The bar's caption, such as "election timing". */
  readonly label: string;
  /** What a step is, in the plural: "trials", "runs". */
  readonly unit: string;
  readonly total: number;
  /** The caller's own reason to want a bar (none with --json, say); the terminal and RAFTSIM_PROGRESS decide the rest. */
  readonly wanted: boolean;
}

/** Steps `steps` to its end, each yielding the count done so far, and returns what it returns. */
export async function stepWithProgress<Result>(steps: Generator<number, Result, void>, progress: StepProgress): Promise<Result> {
  const bar = startProgress(progress.wanted, `${progress.label} [{bar}] {value}/{total} ${progress.unit} · {eta_formatted} left`, progress.total);
  try {
    let step = steps.next();
    while (step.done !== true) {
      bar?.update(step.value);
      await yieldToEventLoop();
      step = steps.next();
    }
    return step.value;
  } finally {
    bar?.stop();
  }
}
