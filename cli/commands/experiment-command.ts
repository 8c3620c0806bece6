/**
 * `raftsim experiment NAME`: the experiments, defined here rather than in main.ts so that adding one
 * touches only this file.
 */
import type { Argv, CommandModule } from 'yargs';
import { ONE_VALUE } from '../arguments.js';
import type { Output } from '../terminal.js';
import { splitVotesCommand } from './experiment-split-votes.js';
import { electionTimingCommand } from './experiment.js';
import { sharedRunFlags } from '../shared-run-flags.js';
import { SEED_MEASURE_NAMES } from '../../scenarios/index.js';
import { DEFAULT_SWEEP_MEASURES, sweepCommand } from './sweep.js';
import { SWEEP_PARAMETER_NAMES } from './sweep-parameters.js';

type Execute = (color: boolean | undefined, body: (output: Output) => number | Promise<number>) => Promise<void>;

export function experimentCommand(execute: Execute): CommandModule<{ color?: boolean }, object> {
  return {
    command: 'experiment',
    describe: 'run an experiment: election-timing (the Raft paper’s Figure 16), split-votes (the dissertation’s §9.2–9.3), or sweep settings with confidence intervals',
    builder: (command: Argv<{ color?: boolean }>) =>
      command
        .command(
          'election-timing',
          'time from a leader crash to a new leader, per election-timeout range, as the Raft paper’s Figure 16',
          (timing) =>
            timing
              .option('ranges', { type: 'string', ...ONE_VALUE, describe: 'comma-separated timeout ranges in ms (default the paper’s: 150-150,150-151,150-155,150-175,150-200,150-300,12-24,25-50,50-100,100-200)' })
              .option('trials', { type: 'string', ...ONE_VALUE, describe: 'trials per range (default 1000)' })
              .option('latency', { type: 'string', ...ONE_VALUE, describe: 'one-way network latency, a range in ms such as 2-4 or one time (default 7.5)' })
              .option('disk-latency', { type: 'string', ...ONE_VALUE, describe: 'time of each durable write, a range in ms such as 5-10 or one time (default 0)' })
              .option('tick', { type: 'string', ...ONE_VALUE, describe: 'the nodes’ timer tick in ms (default 1)' })
              .option('until', { type: 'string', ...ONE_VALUE, describe: 'where the clock stops: heartbeat-received (the default, the paper’s) or leader' })
              .option('logs', { type: 'string', ...ONE_VALUE, describe: 'the survivors’ logs at the crash: unequal (the default, the paper’s) or equal' })
              .option('nodes', { type: 'string', ...ONE_VALUE, describe: 'cluster size (default 5)' })
              .option('seed', { type: 'string', ...ONE_VALUE, describe: 'the seed (default 1); the same seed gives the same numbers' })
              .option('cap', { type: 'string', ...ONE_VALUE, describe: 'virtual time after the crash at which a trial with no leader stops (default 30s)' })
              .option('csv', { type: 'string', describe: 'write the CSV table to this file instead of stdout' })
              .option('html', { type: 'string', describe: 'write an HTML page with the cumulative distributions, as the paper’s figure' })
              .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of CSV' }),
          (args) => execute(args.color, (output) => electionTimingCommand(args, output)),
        )
        .command(
          'split-votes',
          'how often the first election after a crash splits, with timers aligned by the leader’s last heartbeat, against the dissertation’s model (§9.2–9.3)',
          (split) =>
            split
              .option('nodes', { type: 'string', ...ONE_VALUE, describe: 'cluster size (default 5)' })
              .option('failures', { type: 'string', ...ONE_VALUE, describe: 'comma-separated numbers of servers down, the leader included (default 1,2)' })
              .option('latency', { type: 'string', ...ONE_VALUE, describe: 'comma-separated one-way latencies in ms, each one time (fixed, as the model) or a range (default 1,10,20,10-20)' })
              .option('range', { type: 'string', ...ONE_VALUE, describe: 'the election timeout range in ms (default 100-200)' })
              .option('trials', { type: 'string', ...ONE_VALUE, describe: 'trials per case (default 1000)' })
              .option('tick', { type: 'string', ...ONE_VALUE, describe: 'the nodes’ timer tick in ms (default 0.1)' })
              .option('seed', { type: 'string', ...ONE_VALUE, describe: 'the seed (default 1); the same seed gives the same numbers' })
              .option('cap', { type: 'string', ...ONE_VALUE, describe: 'virtual time after the crash at which a trial with no leader stops (default 30s)' })
              .option('csv', { type: 'string', describe: 'write the CSV table to this file instead of stdout' })
              .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of CSV' }),
          (args) => execute(args.color, (output) => splitVotesCommand(args, output)),
        )
        .command(
          'sweep',
          'every combination of --param settings on the same seeds: per setting, each measure\'s mean with a bootstrap interval',
          (sweep) =>
            sweep
              .option('param', { type: 'string', array: true, nargs: 1, requiresArg: true, describe: `a setting and its values, repeatable: latency=1ms,10ms,20ms or electionTimeout=150ms-300ms,150ms-200ms (names: ${SWEEP_PARAMETER_NAMES.join(', ')})` })
              .option('measure', { type: 'string', array: true, nargs: 1, requiresArg: true, describe: `what to measure, comma-separated (default ${DEFAULT_SWEEP_MEASURES.join(',')}; all: ${SEED_MEASURE_NAMES.join(', ')})` })
              .option('seeds', { type: 'string', ...ONE_VALUE, describe: 'seeds per setting (default 100); every setting runs the same seeds' })
              .option('from', { type: 'string', ...ONE_VALUE, describe: 'the first seed (default 1)' })
              .option('nodes', sharedRunFlags.nodes)
              .option('duration', sharedRunFlags.duration)
              .option('faults', sharedRunFlags.faults)
              .option('scenario', sharedRunFlags.scenario)
              .option('policy', { ...sharedRunFlags.policy, describe: 'a protocol option every setting runs with, repeatable (as run --policy)' })
              .option('bug', sharedRunFlags.bug)
              .option('workload', sharedRunFlags.workload)
              .option('liveness-within', sharedRunFlags['liveness-within'])
              .option('skip-checker', sharedRunFlags['skip-checker'])
              .option('max-events', sharedRunFlags['max-events'])
              .option('resamples', { type: 'string', ...ONE_VALUE, describe: 'bootstrap resamples for the 95% intervals (default 2000)' })
              .option('csv', { type: 'string', describe: 'also write one row per setting and seed to this CSV file' })
              .option('html', { type: 'string', describe: 'also write an HTML page charting each measure per setting with its interval' })
              .option('json', sharedRunFlags.json),
          (args) => execute(args.color, (output) => sweepCommand(args, output)),
        )
        .demandCommand(1, 'name an experiment: election-timing, split-votes or sweep'),
    handler: () => undefined,
  };
}
