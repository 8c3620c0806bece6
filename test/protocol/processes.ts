/** Finding a test's programs among the machine's processes, by a marker word in their command lines. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let markers = 0;

/** A word no other process has in its command line; a program of the protocol ignores it as a flag. */
export function uniqueMarker(): string {
  return `--marker=raftsim-protocol-test-${process.pid}-${++markers}`;
}

/**
 * The processes with the marker as one of their arguments, as /proc shows them (a zombie shows none).
 * raftsim itself has the marker too, inside its --impl-cmd argument, and is not counted.
 */
export function processesWith(mark: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(join('/proc', entry, 'cmdline'), 'utf8').split('\0').includes(mark)) found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** Waits up to two seconds for killed processes to be reaped, then returns any left. */
export async function leftOver(mark: string): Promise<number[]> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (processesWith(mark).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return processesWith(mark);
}
