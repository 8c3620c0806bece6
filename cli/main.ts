#!/usr/bin/env node
/**
 * The raftsim command line: a thin layer over the library. It parses flags, calls the library, prints
 * what comes back and maps it to an exit code: 0 every check held, 1 a check failed or a run stopped at
 * its event bound short of its end (truncated: what was not simulated was not checked), 2 bad usage.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { printable } from '../sim/printable.js';
import { ONE_VALUE, UsageError } from './arguments.js';
import { benchCommand } from './commands/bench.js';
import { benchExploreCommand } from './commands/bench-explore.js';
import { bugsCommand } from './commands/bugs.js';
import { checkHistoryCommand } from './commands/check-history.js';
import { conformanceCommand } from './commands/conformance.js';
import { corpusShowCommand } from './commands/corpus.js';
import { diffCommand } from './commands/diff.js';
import { exploreCommand } from './commands/explore.js';
import { mergeCommand } from './commands/merge.js';
import { experimentCommand } from './commands/experiment-command.js';
import { reportCommand } from './commands/report.js';
import { playgroundCommand } from './commands/playground.js';
import { runCommand } from './commands/run.js';
import { scenariosCommand, showScenarioCommand } from './commands/scenarios.js';
import { shrinkCommand } from './commands/shrink.js';
import { ISOLATION_FLAGS, WORKERS_FLAG } from './isolation/limit-flags.js';
import { PATH_FLAG_ARITY, requirePathValues } from './output-paths.js';
import { PROGRAM_FLAGS } from './program-flags.js';
import { sharedRunFlags } from './shared-run-flags.js';
import { benchProgramCommand } from './commands/bench-program.js';
import { createOutput } from './terminal.js';
import type { Output } from './terminal.js';

const EXIT_USAGE = 2;

/** yargs' words for a flag given without its value, in ours. */
const MISSING_VALUE = /^Not enough arguments following: (\S+)$/;

function reportUsageError(message: string): void {
  const line = message.split('\n')[0]!.replace(MISSING_VALUE, '--$1 needs a value');
  // The messages quote what they were given through printable() already; this is the net under them all.
  process.stderr.write(`raftsim: ${printable(line, 2000)}\n`);
  process.exitCode = EXIT_USAGE;
}

// A reader that stops early (raftsim run | head) closes the pipe; that is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

/** Runs a command body; a UsageError becomes one line on stderr and exit 2, anything else is a crash. */
async function execute(color: boolean | undefined, body: (output: Output) => number | Promise<number>): Promise<void> {
  const output = createOutput(color);
  try {
    process.exitCode = await body(output);
  } catch (error) {
    if (error instanceof UsageError) {
      reportUsageError(error.message);
      return;
    }
    throw error;
  }
}


const traceFlags = {
  trace: { type: 'string', describe: 'also write the run as a JSON Lines trace file (see docs/trace-format.md)' },
  report: { type: 'string', describe: 'also write the HTML explorer of the run to this file' },
  history: { type: 'string', describe: 'also write the clients’ history of a --workload kv run: JSON Lines, or Jepsen’s EDN for a .edn name (see docs/history-format.md)' },
} as const;

const parser = yargs(hideBin(process.argv))
  .scriptName('raftsim')
  .usage('$0 <command> [options]\n\nA deterministic Raft simulator: seeded runs, injected faults, safety checkers, replayable failures.')
  .option('color', { type: 'boolean', describe: 'colour the output (--no-color or NO_COLOR turn it off)' })
  // Every flag naming a file takes the next word as its value ("-" included) and must not be empty.
  .nargs(PATH_FLAG_ARITY)
  .check(requirePathValues, true)
  .command(
    'run',
    'run one seed and print its timeline and summary',
    (command) =>
      command
        .option('seed', { type: 'string', ...ONE_VALUE, describe: "the seed (default 1, or the scenario's); the same seed gives the same run" })
        .options(sharedRunFlags)
        .option('from-link', { type: 'string', ...ONE_VALUE, describe: 'run what a playground link holds (its seed, settings, bug and actions, through its instant): the same trace hash as the page' })
        .option('markdown', { type: 'boolean', default: false, describe: 'print a Markdown summary, to paste into an issue' })
        .option('check-determinism', { type: 'boolean', describe: 'run the seed twice and fail if the traces differ (always on with --impl and --impl-cmd)' })
        .options(ISOLATION_FLAGS)
        .options(traceFlags),
    (args) => execute(args.color, (output) => runCommand(args, output)),
  )
  .command(
    'replay <file>',
    'run a scenario file (such as one written by shrink) and report whether it still fails',
    (command) =>
      command
        .positional('file', { type: 'string', demandOption: true, describe: 'a .yaml or .json scenario file' })
        .option('seed', { type: 'string', ...ONE_VALUE, describe: "the seed (default: the scenario's)" })
        .option('bug', sharedRunFlags.bug)
        .option('impl', sharedRunFlags.impl)
        .options(PROGRAM_FLAGS)
        .option('policy', sharedRunFlags.policy)
        .option('liveness-within', sharedRunFlags['liveness-within'])
        .option('skip-checker', sharedRunFlags['skip-checker'])
        .option('max-events', sharedRunFlags['max-events'])
        .option('json', sharedRunFlags.json)
        .options(ISOLATION_FLAGS)
        .options(traceFlags),
    (args) =>
      execute(args.color, (output) =>
        runCommand(
          {
            seed: args.seed,
            nodes: undefined,
            duration: undefined,
            faults: undefined,
            bug: args.bug,
            impl: args.impl,
            implCmd: args.implCmd,
            implTimeout: args.implTimeout,
            scenario: args.file,
            policy: args.policy,
            livenessWithin: args.livenessWithin,
            skipChecker: args.skipChecker,
            maxEvents: args.maxEvents,
            seedTimeout: args.seedTimeout,
            seedMemory: args.seedMemory,
            trace: args.trace,
            report: args.report,
            json: args.json,
          },
          output,
          'replay',
        ),
      ),
  )
  .command(
    'report <file>',
    'build the HTML explorer of a JSON Lines trace file, offline, after checking its hashes',
    (command) =>
      command
        .positional('file', { type: 'string', demandOption: true, describe: 'a trace written by run --trace' })
        .option('html', { type: 'string', describe: 'the HTML file to write (default: the trace file’s name with .html)' }),
    (args) => execute(args.color, (output) => reportCommand(args, output)),
  )
  .command(
    'playground',
    'write the playground: one HTML file that runs the simulator in a browser, to break a cluster by clicking and share the run as a link',
    (command) =>
      command
        .option('out', { type: 'string', describe: 'the HTML file to write (default raftsim-playground.html)' })
        .option('serve', { type: 'boolean', default: false, describe: 'also serve the page on 127.0.0.1 until interrupted (written to a file only with --out)' })
        .option('port', { type: 'string', ...ONE_VALUE, describe: 'with --serve: the port (default 8080; 0 for any free one)' }),
    (args) => execute(args.color, (output) => playgroundCommand(args, output)),
  )
  .command(
    'check-history <file>',
    'check a history of client operations for linearizability: JSON Lines (docs/history-format.md) or Jepsen’s EDN (.edn)',
    (command) =>
      command
        .positional('file', { type: 'string', demandOption: true, describe: 'a history written by run --history, or by Jepsen' })
        .option('bound', { type: 'string', ...ONE_VALUE, describe: 'the most search steps per key before the check gives up as unknown (default 1000000)' })
        .option('json', { type: 'boolean', default: false, describe: 'print one JSON object instead of text' }),
    (args) => execute(args.color, (output) => checkHistoryCommand(args, output)),
  )
  .command(
    'shrink',
    "shrink one seed's failure to a minimal scenario file that still fails the same check",
    (command) =>
      command
        .option('seed', { type: 'string', ...ONE_VALUE, describe: 'the failing seed' })
        .options(sharedRunFlags)
        .options(ISOLATION_FLAGS)
        .option('out', { type: 'string', describe: 'the .yaml file to write (default raftsim-shrunk-seed-N.yaml)' }),
    (args) => execute(args.color, (output) => shrinkCommand(args, output)),
  )
  .command(
    'scenarios',
    'list the named scenarios; "scenarios show NAME" prints one as YAML',
    (command) =>
      command
        .option('json', { type: 'boolean', default: false, describe: 'print the list as JSON' })
        .command(
          'show <name>',
          'print a named scenario as YAML that can be saved, edited and run',
          (show) => show.positional('name', { type: 'string', demandOption: true }),
          (args) => execute(args.color, (output) => showScenarioCommand(args, output)),
        ),
    (args) => execute(args.color, (output) => scenariosCommand(args, output)),
  )
  .command(
    'explore',
    'run many seeds with random faults and report every failing seed with its replay command',
    (command) =>
      command
        .option('seeds', { type: 'string', ...ONE_VALUE, describe: 'how many seeds to run (default 2000; 100 with --impl-cmd, whose every event is a round trip to a program)' })
        .option('from', { type: 'string', ...ONE_VALUE, default: '1', describe: 'the first seed' })
        .options(sharedRunFlags)
        .option('shrink', { type: 'boolean', default: false, describe: 'shrink failures to minimal scenario files' })
        .option('out', { type: 'string', describe: 'a folder for each failing seed’s trace and explorer report, and the shrunk scenarios (default raftsim-failures/)' })
        .option('shrink-limit', { type: 'string', ...ONE_VALUE, default: '3', describe: 'shrink at most this many failures' })
        .option('stats', { type: 'string', describe: 'write statistics over the seeds to FILE.csv or FILE.json (see docs/stats.md)' })
        .option('markdown', { type: 'boolean', default: false, describe: 'print a Markdown summary, to paste into an issue' })
        .option('shard', { type: 'string', ...ONE_VALUE, describe: 'explore only shard K of N of the seeds, as K/N (such as 2/4), for raftsim merge to put together' })
        .option('guided', { type: 'boolean', default: false, describe: 'coverage-guided: besides fresh seeds, run mutants of the runs that reached new protocol coverage (see docs/guided.md)' })
        .option('corpus', { type: 'string', ...ONE_VALUE, describe: 'with --guided: a folder of corpus entries to resume from and add to (shared between runs and shards)' })
        .options(ISOLATION_FLAGS)
        .options(WORKERS_FLAG),
    (args) => execute(args.color, (output) => exploreCommand(args, output)),
  )
  .command(
    'corpus',
    'look into the corpus folder of a guided exploration (explore --guided --corpus DIR)',
    (command) =>
      command
        .command(
          'show <folder>',
          'summarise the entries of a corpus folder and the protocol-coverage features they cover',
          (show) => show.positional('folder', { type: 'string', demandOption: true }).option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' }),
          (args) => execute(args.color, (output) => corpusShowCommand(args, output)),
        )
        .demandCommand(1, 'name a corpus command: show'),
    () => {},
  )
  .command(
    'merge <files..>',
    'put the --json files of explore --shard K/N back together: the summary, JSON, --stats and exit code of one exploration of the whole range',
    (command) =>
      command
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'the JSON of every shard, in any order' })
        .option('json', { type: 'boolean', default: false, describe: 'print one JSON object instead of text' })
        .option('stats', { type: 'string', describe: 'write statistics over the seeds to FILE.csv or FILE.json (the shards must have been explored with --stats)' }),
    (args) => execute(args.color, (output) => mergeCommand(args, output)),
  )
  .command(experimentCommand(execute))
  .command(
    'diff',
    'run two variants (implementations, known bugs or policy sets) on the same seeds and fault schedules; report paired differences with bootstrap intervals and where each seed\'s runs diverge',
    (command) =>
      command
        .option('seeds', { type: 'string', ...ONE_VALUE, describe: 'how many seeds to run (default 100)' })
        .option('from', { type: 'string', ...ONE_VALUE, default: '1', describe: 'the first seed' })
        .option('nodes', sharedRunFlags.nodes)
        .option('duration', sharedRunFlags.duration)
        .option('faults', sharedRunFlags.faults)
        .option('scenario', sharedRunFlags.scenario)
        .option('policy', { ...sharedRunFlags.policy, describe: 'a protocol option both variants run with, repeatable (as run --policy)' })
        .option('a', { type: 'string', array: true, describe: 'a protocol option of variant a only, repeatable: preVote=false' })
        .option('b', { type: 'string', array: true, describe: 'a protocol option of variant b only, repeatable: preVote=true' })
        .option('a-bug', { type: 'string', ...ONE_VALUE, describe: 'variant a runs the core with this known bug (see raftsim bugs)' })
        .option('b-bug', { type: 'string', ...ONE_VALUE, describe: 'variant b runs the core with this known bug' })
        .option('a-impl', { type: 'string', ...ONE_VALUE, describe: 'variant a is another implementation of the node contract: a module, run in a worker thread (as run --impl)' })
        .option('b-impl', { type: 'string', ...ONE_VALUE, describe: 'variant b is this module: raftsim diff --b-impl ./my-raft.js diffs it against the reference core' })
        .option('a-impl-cmd', { type: 'string', ...ONE_VALUE, describe: 'variant a is a program speaking the node protocol (as run --impl-cmd, docs/protocol.md)' })
        .option('b-impl-cmd', { type: 'string', ...ONE_VALUE, describe: 'variant b is a program speaking the node protocol' })
        .option('impl-timeout', { ...PROGRAM_FLAGS['impl-timeout'], describe: `with --a-impl-cmd or --b-impl-cmd: ${PROGRAM_FLAGS['impl-timeout'].describe.replace(/^with --impl-cmd: /, '')}` })
        .options(ISOLATION_FLAGS)
        .option('workload', sharedRunFlags.workload)
        .option('liveness-within', sharedRunFlags['liveness-within'])
        .option('skip-checker', sharedRunFlags['skip-checker'])
        .option('max-events', sharedRunFlags['max-events'])
        .option('resamples', { type: 'string', ...ONE_VALUE, describe: 'bootstrap resamples for the 95% intervals (default 2000)' })
        .option('csv', { type: 'string', describe: 'also write one row per seed to this CSV file' })
        .option('html', { type: 'string', describe: 'also write an HTML page charting each measure\'s paired difference with its interval' })
        .option('json', sharedRunFlags.json),
    (args) => execute(args.color, (output) => diffCommand(args, output)),
  )
  .command(
    'conformance',
    'run the conformance suite, one test per rule of the Raft paper, against the reference core or --impl',
    (command) =>
      command
        .option('impl', sharedRunFlags.impl)
        .options(PROGRAM_FLAGS)
        .option('bug', sharedRunFlags.bug)
        .option('only', { type: 'string', array: true, describe: 'run only the named tests, strict ones included, repeatable' })
        .option('strict', { type: 'boolean', default: false, describe: 'also run the strict tests: the paper\'s letter beyond what safety requires (such as answering a stale request false)' })
        .option('json', { type: 'boolean', default: false, describe: 'print the results as JSON' })
        .options(ISOLATION_FLAGS),
    (args) => execute(args.color, (output) => conformanceCommand(args, output)),
  )
  .command(
    'bugs [names..]',
    'list the known bugs that --bug can switch on; --measure measures how the harness catches each',
    (command) =>
      command
        .positional('names', { type: 'string', array: true, describe: 'only these bugs' })
        .option('measure', { type: 'boolean', default: false, describe: 'for each bug: the conformance tests that fail, and seeds, time and shrunk size to its detection by exploration' })
        .option('roots', { type: 'string', ...ONE_VALUE, default: '5', describe: 'with --measure: how many root seeds to explore from' })
        .option('guided', { type: 'boolean', default: false, describe: 'with --measure: also measure guided exploration (explore --guided) from the same roots, in columns beside plain' })
        .option('json', { type: 'boolean', default: false, describe: 'print the list (or the measurements) as JSON' }),
    (args) => execute(args.color, (output) => bugsCommand(args, output)),
  )
  .command(
    'bench',
    'measure simulated seconds per wall-clock second on the reference workload',
    (command) =>
      command
        .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' })
        .option('runs', { type: 'string', ...ONE_VALUE, default: '9', describe: 'measured runs' })
        .option('warmup', { type: 'string', ...ONE_VALUE, default: '3', describe: 'warm-up runs before measuring' })
        .option('policy', { type: 'string', array: true, describe: 'integrity=checksum or integrity=authenticated: the cost of checksums (and MACs) on every message and disk record' })
        .option('explore', { type: 'boolean', default: false, describe: 'measure exploration instead: seeds per second at --workers 1 and at the default, and their ratio' })
        .option('seeds', { type: 'string', ...ONE_VALUE, describe: 'with --explore: seeds per exploration (default 400); with --impl-cmd: seeds measured (default 5)' })
        .options(PROGRAM_FLAGS)
        .option('impl', { type: 'string', describe: 'with --impl-cmd: the same node as a module, measured in process beside the program' }),
    (args) =>
      execute(args.color, (output) => {
        if (args.implCmd !== undefined) return benchProgramCommand(args, output);
        if (args.impl !== undefined) throw new UsageError('bench --impl needs --impl-cmd: it measures the module beside the program');
        return args.explore ? benchExploreCommand(args, output) : benchCommand(args, output);
      }),
  )
  .demandCommand(1, 'name a command: run, explore, corpus, merge, replay, report, playground, shrink, scenarios, experiment, diff, conformance, bugs or bench')
  .strict()
  .help()
  .version()
  .wrap(Math.min(110, process.stdout.columns ?? 110))
  .fail((message, error) => {
    // yargs raises its own parse errors (a flag without its value) as a YError: bad usage too, not a crash.
    if (error !== undefined && error !== null && !(error instanceof UsageError) && error.name !== 'YError') throw error;
    reportUsageError(error?.message ?? message ?? 'bad usage');
    process.exit(EXIT_USAGE);
  });

await parser.parseAsync();
