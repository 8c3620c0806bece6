/** Where output goes and whether it gets colour: the one place that knows about the process. */
import { Chalk } from 'chalk';
import type { ChalkInstance } from 'chalk';

export interface Output {
  readonly chalk: ChalkInstance;
  out(line: string): void;
  err(line: string): void;
  readonly stderrIsTerminal: boolean;
}

/** Colour only on a terminal, never with --no-color or NO_COLOR, always with FORCE_COLOR. */
export function createOutput(colorFlag: boolean | undefined): Output {
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  const disabled = colorFlag === false || (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '');
  const enabled = !disabled && (colorFlag === true || forced || process.stdout.isTTY === true);
  return {
    chalk: new Chalk({ level: enabled ? 2 : 0 }),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stderrIsTerminal: process.stderr.isTTY === true,
  };
}
