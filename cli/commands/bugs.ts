import { KNOWN_BUGS } from '../../core/index.js';
import type { Output } from '../terminal.js';

export function bugsCommand(args: { readonly json: boolean }, output: Output): number {
  if (args.json) {
    output.out(JSON.stringify(KNOWN_BUGS.map((bug) => ({ name: bug.name, summary: bug.summary, breaks: bug.breaks })), null, 2));
    return 0;
  }
  const width = Math.max(...KNOWN_BUGS.map((bug) => bug.name.length));
  for (const bug of KNOWN_BUGS) {
    output.out(`${output.chalk.bold(bug.name.padEnd(width))}  ${bug.summary}`);
    output.out(`${' '.repeat(width)}  ${output.chalk.dim(`breaks: ${bug.breaks.join(', ')}`)}`);
  }
  output.out('');
  output.out(`Run one with: npx raftsim explore --bug ${KNOWN_BUGS[0]!.name}`);
  return 0;
}
