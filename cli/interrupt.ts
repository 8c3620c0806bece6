/**
 * Ctrl-C (SIGINT) and SIGTERM during a long command. The first asks the command to stop after the unit
 * of work in progress (a seed, a trial) and still write and print what it has, as an interrupted run;
 * a second ends the process at once. Either way the terminal gets its cursor and line wrap back, and
 * the exit code is what a shell reports for a process ended by the signal: 128 + its number.
 *
 * Node runs signal handlers only between pieces of synchronous work, so a command yields to the event
 * loop between its units (yieldToEventLoop) for them to run at all. It follows that a second signal
 * never cuts a file in half: every file is written synchronously, through a temporary file and a
 * rename, so when the process ends each file is whole, or was never begun, and no temporary is left.
 */
import { stopEveryProgressBar } from './progress.js';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const EXIT_CODES: Record<InterruptSignal, number> = { SIGINT: 130, SIGTERM: 143 };
const SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM'];

export interface Interruption {
  /** The first signal received, or null while none has come. */
  readonly signal: InterruptSignal | null;
}

/** The exit code of an interrupted command, or null when no signal came. */
export function interruptedExitCode(interruption: Interruption): number | null {
  return interruption.signal === null ? null : EXIT_CODES[interruption.signal];
}

/** Lets timers and signal handlers run: a long loop awaits this between its units of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs a command that stops early when interrupted: it reads `interruption.signal` between units of
 * work. The handlers are in place only while it runs, so other commands keep Node's default: a signal
 * ends them at once.
 */
export async function whileListeningForInterrupts<T>(body: (interruption: Interruption) => Promise<T>): Promise<T> {
  const interruption: { signal: InterruptSignal | null } = { signal: null };
  const onSignal = (signal: InterruptSignal): void => {
    if (interruption.signal === null) {
      interruption.signal = signal;
      return;
    }
    stopEveryProgressBar();
    process.stderr.write(`raftsim: ${signal} again: stopped at once; the files already written are whole, the others were not written\n`);
    process.exit(EXIT_CODES[signal]);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    return await body(interruption);
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}
