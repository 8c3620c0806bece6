/**
 * The process table: shared memory holding the process group of every live program that speaks the
 * node protocol, written by the thread that starts them (io-thread.ts). Whoever outlives that thread
 * reads it to end them: the command line when it replaces a worker that hung, when it is interrupted,
 * and when it exits. So no program outlives raftsim, whatever happened to the thread that owned it.
 */

/** Programs alive at once per table: far more than the nodes of any run, with a spare each. */
export const PROCESS_TABLE_SLOTS = 1024;

export function newProcessTable(): SharedArrayBuffer {
  return new SharedArrayBuffer(PROCESS_TABLE_SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

/** SIGKILL to every process group in the table, which is left empty; returns how many were signalled. */
export function killProcessesIn(table: SharedArrayBuffer): number {
  const cells = new Int32Array(table);
  let signalled = 0;
  for (let slot = 0; slot < cells.length; slot++) {
    const group = Atomics.exchange(cells, slot, 0);
    if (group <= 0) continue;
    try {
      process.kill(-group, 'SIGKILL');
      signalled++;
    } catch {
      // Already gone.
    }
  }
  return signalled;
}

/** The process groups in the table now. */
export function processesIn(table: SharedArrayBuffer): number[] {
  return Array.from(new Int32Array(table)).filter((group) => group > 0);
}
