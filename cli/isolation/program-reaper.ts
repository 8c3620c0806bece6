/**
 * No program started for --impl-cmd outlives raftsim. Each runner's worker writes the process groups
 * of its programs into a table (bridge/process-table.ts); this process ends every group still in one
 * when it exits, however: at the end of a command, on process.exit, and on SIGINT or SIGTERM. A
 * command that listens for interrupts itself (cli/interrupt.ts) stops its seeds and then exits, which
 * ends the programs through the exit; any other is ended here at once, as the signal would have ended it.
 */
import { killProcessesIn } from '../../bridge/index.js';

const tables = new Set<SharedArrayBuffer>();
let installed = false;

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

function reapAll(): void {
  for (const table of tables) killProcessesIn(table);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', reapAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // With a listener of its own besides this one, the command stops in its own way and exits later.
      if (process.listenerCount(signal) > 1) return;
      reapAll();
      process.exit(SIGNAL_EXIT_CODES[signal]);
    });
  }
}

/** Ends the programs of this table when the process exits, unless the table is forgotten first. */
export function reapAtExit(table: SharedArrayBuffer): void {
  install();
  tables.add(table);
}

export function forgetAtExit(table: SharedArrayBuffer): void {
  tables.delete(table);
}
