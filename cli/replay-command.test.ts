import { describe, expect, it } from 'vitest';
import { splitCommand } from '../bridge/index.js';
import { conformanceReplayCommand, replayCommand, replayFileCommand } from './replay-command.js';

/** The words a POSIX shell makes of a printed command line. */
function words(line: string): readonly string[] {
  const split = splitCommand(line);
  if (!split.ok) throw new Error(split.problem);
  return split.words;
}

describe('replay commands repeat --impl-cmd as one word of the shell, and --impl-timeout when it is not the default', () => {
  const program = { command: `python3 "my node.py" --it's`, timeoutMs: 10_000 };

  it('run', () => {
    const line = replayCommand({ seed: 4, nodeCount: 3, durationMs: 2000, bug: null, faults: 'swarm', program });
    const argv = words(line);
    expect(argv.slice(argv.indexOf('--impl-cmd'))).toEqual(['--impl-cmd', program.command]);
    expect(line).not.toContain('--impl-timeout');
  });

  it('replay and conformance, with a timeout of their own', () => {
    const slow = { ...program, timeoutMs: 2500 };
    for (const line of [replayFileCommand('shrunk.yaml', null, null, 7, slow), conformanceReplayCommand(null, null, null, false, slow)]) {
      const argv = words(line);
      expect(argv[argv.indexOf('--impl-cmd') + 1]).toBe(program.command);
      expect(argv[argv.indexOf('--impl-timeout') + 1]).toBe('2500');
    }
  });
});
