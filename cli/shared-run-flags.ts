/**
 * The flags that several commands share (run, explore, shrink, diff, experiment sweep), described once
 * so that every command's help says the same of them.
 */
import { CHECK_NAMES } from '../scenarios/index.js';
import { ONE_VALUE } from './arguments.js';
import { PROGRAM_FLAGS } from './program-flags.js';

export const sharedRunFlags = {
  nodes: { type: 'string', ...ONE_VALUE, describe: 'cluster size, 1–15 (default: 5, or drawn per seed by the swarm)' },
  duration: { type: 'string', ...ONE_VALUE, describe: 'virtual time of the fault phase: 10s, 500ms, 2m, 1h, at most 24h (default 10s)' },
  faults: { type: 'string', describe: 'swarm (default): a configuration and fault schedule drawn from the seed, then a liveness phase; none: a calm run' },
  scenario: { type: 'string', describe: 'a named scenario (see raftsim scenarios) or a .yaml/.json scenario file' },
  bug: { type: 'string', describe: 'run a core with a known bug in it (see raftsim bugs)' },
  impl: { type: 'string', describe: 'run another implementation of the node contract: a .js or .ts module exporting { name, create } (see docs/contract.md)' },
  ...PROGRAM_FLAGS,
  policy: {
    type: 'string',
    array: true,
    describe: 'override a protocol option, repeatable: preVote=true, checkQuorum=true, maxEntriesPerAppend=4, heartbeat=50ms, electionTimeout=150ms-300ms, diskLatency=1ms-5ms, integrity=checksum',
  },
  'disk-faults': {
    type: 'string',
    describe: 'beyond Raft’s fault model: lost-fsync (a crash loses the last durable write) or torn-write (the last log record)',
  },
  attacks: {
    type: 'boolean',
    describe: 'beyond Raft’s fault model: the swarm also corrupts, replays and forges messages, sends some from outside the configuration, and rots disk records (defended by --policy integrity=…)',
  },
  workload: { type: 'string', ...ONE_VALUE, describe: 'the clients: digest (default: commands whose digest the state machine keeps) or kv (a key-value store with sessions, its history checked for linearizability)' },
  sessions: { type: 'string', ...ONE_VALUE, describe: 'with --workload kv: client sessions on (default; a retried command is applied once) or off (an application that keeps none)' },
  json: { type: 'boolean', default: false, describe: 'print one JSON object instead of text' },
  // One value each (nargs): a bare flag is refused rather than read as nothing, and "-5s" is read as a value.
  'liveness-within': { type: 'string', nargs: 1, requiresArg: true, describe: 'how long the cluster has to converge once faults stop: 30s, 500ms (default 5s, or the scenario’s)' },
  'skip-checker': { type: 'string', array: true, nargs: 1, requiresArg: true, describe: `do not run this check, repeatable: ${CHECK_NAMES.join(', ')}` },
  'max-events': {
    type: 'string',
    nargs: 1,
    requiresArg: true,
    describe: 'stop a run after this many events; a run stopped there, short of its duration, fails as truncated (exit 1). Default: 10000 per second of virtual time, at least 5000000',
  },
} as const;
