#!/usr/bin/env node
/**
 * The raftsim command line: a thin layer over the library. It parses flags, calls the library, prints
 * what comes back and maps it to an exit code: 0 every check held, 1 a check failed, 2 bad usage.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UsageError } from './arguments.js';
import { benchCommand } from './commands/bench.js';
import { bugsCommand } from './commands/bugs.js';
import { exploreCommand } from './commands/explore.js';
import { runCommand } from './commands/run.js';
import { createOutput } from './terminal.js';
import type { Output } from './terminal.js';

const EXIT_USAGE = 2;

function reportUsageError(message: string): void {
  process.stderr.write(`raftsim: ${message.split('\n')[0]}\n`);
  process.stderr.write(`Try 'raftsim --help'.\n`);
  process.exitCode = EXIT_USAGE;
}

/** Runs a command body; a UsageError becomes one line on stderr and exit 2, anything else is a crash. */
function execute(color: boolean | undefined, body: (output: Output) => number): void {
  const output = createOutput(color);
  try {
    process.exitCode = body(output);
  } catch (error) {
    if (error instanceof UsageError) {
      reportUsageError(error.message);
      return;
    }
    throw error;
  }
}

const sharedRunFlags = {
  nodes: { type: 'string', describe: 'cluster size, 1–15 (default: 5, or drawn per seed by the swarm)' },
  duration: { type: 'string', default: '10s', describe: 'virtual time per run: 10s, 500ms, 2m' },
  faults: { type: 'string', default: 'swarm', describe: 'swarm: a configuration and fault schedule drawn from the seed; none: a calm run' },
  bug: { type: 'string', describe: 'run a core with a known bug in it (see raftsim bugs)' },
  json: { type: 'boolean', default: false, describe: 'print one JSON object instead of text' },
} as const;

const parser = yargs(hideBin(process.argv))
  .scriptName('raftsim')
  .usage('$0 <command> [options]\n\nA deterministic Raft simulator: seeded runs, injected faults, safety checkers, replayable failures.')
  .option('color', { type: 'boolean', describe: 'colour the output (--no-color or NO_COLOR turn it off)' })
  .command(
    'run',
    'run one seed and print its timeline and summary',
    (command) => command.option('seed', { type: 'string', default: '1', describe: 'the seed; the same seed gives the same run' }).options(sharedRunFlags),
    (args) => execute(args.color, (output) => runCommand(args, output)),
  )
  .command(
    'explore',
    'run many seeds with random faults and report every failing seed with its replay command',
    (command) =>
      command
        .option('seeds', { type: 'string', default: '2000', describe: 'how many seeds to run' })
        .option('from', { type: 'string', default: '1', describe: 'the first seed' })
        .options(sharedRunFlags),
    (args) => execute(args.color, (output) => exploreCommand(args, output)),
  )
  .command(
    'bugs',
    'list the known bugs that --bug can switch on',
    (command) => command.option('json', { type: 'boolean', default: false, describe: 'print the list as JSON' }),
    (args) => execute(args.color, (output) => bugsCommand(args, output)),
  )
  .command(
    'bench',
    'measure simulated seconds per wall-clock second on the reference workload',
    (command) =>
      command
        .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' })
        .option('runs', { type: 'string', default: '9', describe: 'measured runs' })
        .option('warmup', { type: 'string', default: '3', describe: 'warm-up runs before measuring' }),
    (args) => execute(args.color, (output) => benchCommand(args, output)),
  )
  .demandCommand(1, 'name a command: run, explore, bugs or bench')
  .strict()
  .help()
  .version()
  .wrap(Math.min(110, process.stdout.columns ?? 110))
  .fail((message, error) => {
    if (error !== undefined && error !== null && !(error instanceof UsageError)) throw error;
    reportUsageError(error?.message ?? message ?? 'bad usage');
    process.exit(EXIT_USAGE);
  });

await parser.parseAsync();
