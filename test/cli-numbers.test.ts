import { describe, expect, it } from 'vitest';
import { raftsim } from './cli-process.js';

/** Exit 2 with one line on stderr that names the flag and says why; never yargs' "Unknown arguments" or a stack trace. */
function expectRefused(args: string[], says: string | RegExp): void {
  const result = raftsim(args);
  const lines = result.stderr.trim().split('\n');
  expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(2);
  expect(lines, args.join(' ')).toHaveLength(1);
  expect(lines[0], args.join(' ')).toMatch(says);
  expect(lines[0], args.join(' ')).not.toContain('Unknown argument');
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('numbers and durations on every command: one line, exit 2, the real reason', () => {
  it('a negative value is read as the flag’s value and refused as negative, written with a space or an equals sign', () => {
    const cases: [string[], RegExp][] = [
      [['run', '--duration', '-5s'], /--duration must be a positive duration, got "-5s"/],
      [['run', '--duration=-5s'], /--duration must be a positive duration, got "-5s"/],
      [['run', '--liveness-within', '-5s'], /--liveness-within must be a positive duration/],
      [['run', '--seed', '-1'], /--seed must be a whole number at least 0, got -1/],
      [['run', '--nodes', '-3'], /--nodes must be a whole number from 1 to 15/],
      [['explore', '--duration', '-5s'], /--duration must be a positive duration/],
      [['explore', '--from', '-1'], /--from must be a whole number at least 0/],
      [['explore', '--shrink-limit', '-2'], /--shrink-limit must be a whole number from 1 to 1000/],
      [['shrink', '--duration', '-5s'], /--duration must be a positive duration/],
      [['replay', 'leader-crash', '--seed', '-1'], /--seed must be a whole number at least 0/],
      [['bench', '--runs', '-1'], /--runs must be a whole number from 1 to 1000/],
      [['bench', '--warmup', '-1'], /--warmup must be a whole number from 0 to 1000/],
      [['experiment', 'election-timing', '--cap', '-5s'], /--cap must be a positive duration/],
      [['experiment', 'election-timing', '--trials', '-1'], /--trials must be a whole number from 1 to 1000000/],
      [['experiment', 'election-timing', '--latency', '-5'], /--latency: "-5" is not a range low-high/],
      [['experiment', 'election-timing', '--ranges', '-150-300'], /--ranges: "-150-300" is not a range low-high/],
    ];
    for (const [args, says] of cases) expectRefused(args, says);
  });

  it('a seed beyond the largest safe integer is refused as such, and so is a range of seeds that would pass it', () => {
    expectRefused(['run', '--seed', '9007199254740993'], /^raftsim: --seed 9007199254740993 is not a safe integer: it must be at most 9007199254740991$/);
    expectRefused(['experiment', 'election-timing', '--seed', '9007199254740993'], /not a safe integer: it must be at most 9007199254740991/);
    expectRefused(['explore', '--seeds', '3', '--from', '9007199254740990'], /--from 9007199254740990 with --seeds 3 would run seeds up to 9007199254740992, past 9007199254740991/);
  });

  it('a duration longer than a day is refused with the limit in hours, which the flag takes', () => {
    expectRefused(['run', '--duration', '25h'], /--duration must be at most 24h of virtual time, got "25h"/);
    expectRefused(['run', '--duration', '1441m'], /--duration must be at most 24h/);
    expectRefused(['experiment', 'election-timing', '--cap', '25h'], /--cap must be at most 24h/);
    expectRefused(['run', '--duration', '5d'], /--duration must be a duration such as 10s, 500ms, 2m or 1h, got "5d"/);
    // Hours are read: the run below is refused for its --out, after the duration was taken.
    expectRefused(['shrink', '--duration', '1h', '--out', 'x.txt'], /--out must name a \.yaml file/);
  });

  it('a flag that needs a value and has none is refused at once', () => {
    for (const flag of ['--duration', '--nodes', '--seeds', '--from']) expectRefused(['explore', flag], new RegExp(`${flag} needs a value`));
  });
});
