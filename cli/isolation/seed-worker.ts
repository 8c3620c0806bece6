/**
 * The thread an implementation under test runs in. It loads the implementation itself (a module path or
 * the reference core with a known bug), then runs each job it is sent and answers with plain data. What
 * the implementation does to this thread (ends it, throws from a timer, loops, fills its heap) the
 * supervisor in the command line's thread sees and reports; the terminal and the output files are not here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runConformance } from '../../conformance/index.js';
import type { RaftImplementation } from '../../core/index.js';
import { DEFAULT_EXPLORE_OPTIONS, exploreSeedBySeed, runScenario, shrinkScenarioInterruptibly } from '../../scenarios/index.js';
import type { ExploreResult, ShrinkAttempt } from '../../scenarios/index.js';
import { runToEnd } from '../../scenarios/run-to-end.js';
import { RUN_PROGRESS_CELLS, RUN_PROGRESS_EVENT } from '../../sim/index.js';
import type { TraceRecord, TraceSink } from '../../sim/index.js';
import { UsageError } from '../arguments.js';
import { ProgramChannel, useProcessTable } from '../../bridge/blocking-channel.js';
import { ImplementationUnreachable } from '../../core/index.js';
import { selectImplementation } from '../load-implementation.js';
import { loadProgram } from '../load-program.js';
import { portableRunResult } from './portable-result.js';
import { FLOW_ACKNOWLEDGED, FLOW_STOP } from './protocol.js';
import type { PlainExploreOptions, ScenarioRunSummary, WorkerData, WorkerJob, WorkerMessage } from './protocol.js';

const data = workerData as WorkerData;
const progress = new Float64Array(data.progress, 0, RUN_PROGRESS_CELLS);
const flow = new Int32Array(data.flow);
const port = parentPort!;
// The programs this thread starts (--impl-cmd) go in the supervisor's table, so that it can end them if this thread cannot.
useProcessTable(data.processes);
const program = data.implementation.program;
const loading = program === null ? selectImplementation(data.implementation.bug, data.implementation.implPath) : Promise.resolve().then(() => ({ implementation: loadProgram(program) }));
// A module that does not load is bad input, answered to each job that awaits it: not an unhandled rejection of this thread's.
loading.catch(() => {});
// The reference core and its known bugs set no timers and leave no promises: only a module given with --impl needs the settling below.
const mayLeaveWorkBehind = data.implementation.implPath !== null;
/** Streamed batches the supervisor may be behind by before the job waits for it. */
const STREAM_WINDOW = 8;
/** How long a job waits for the supervisor to take a batch before it gives up: the supervisor is gone. */
const STREAM_PATIENCE_MS = 10 * 60_000;

let sent = 0;

// The supervisor's watch starts now: what took time before this was raftsim's own modules loading, not the implementation.
port.postMessage({ type: 'ready' } satisfies WorkerMessage);

port.on('message', (job: WorkerJob) => {
  sent = 0;
  void answer(job).then((reply) => port.postMessage(reply));
});

async function answer(job: WorkerJob): Promise<WorkerMessage> {
  let value: unknown;
  try {
    const { implementation } = await loading;
    value = await runJob(job, implementation);
  } catch (error) {
    if (error instanceof ImplementationUnreachable) return { type: 'unreachable', kind: error.kind, message: error.message };
    return { type: 'reply', ok: false, message: error instanceof Error ? error.message : String(error), usage: error instanceof UsageError };
  } finally {
    // Every job ends with this thread's programs ended, whatever the job did with them.
    ProgramChannel.endEveryProgram();
  }
  if (mayLeaveWorkBehind) await settle();
  return { type: 'reply', ok: true, value };
}

function runJob(job: WorkerJob, implementation: RaftImplementation): unknown {
  switch (job.kind) {
    case 'load':
      return { name: implementation.name };
    case 'explore-seeds':
      return exploreSeeds(job, implementation);
    case 'run-scenario':
      return runScenarioJob(job, implementation);
    case 'conformance':
      // Each test counts as an event for the supervisor's watch: the suite's scripted runs write no progress of their own.
      return runConformance(implementation, job.only, { strict: job.strict, onTest: () => (progress[RUN_PROGRESS_EVENT] = progress[RUN_PROGRESS_EVENT]! + 1) });
    case 'shrink':
      return shrinkJob(job, implementation);
  }
}

/**
 * Seeds of an exploration, one after the other, each result sent back as its seed ends: what was sent
 * stands if the implementation takes this thread down in a later seed. Asked to stop, it ends after the
 * seed in progress. Answers with the number of seeds run.
 */
async function exploreSeeds(job: Extract<WorkerJob, { kind: 'explore-seeds' }>, implementation: RaftImplementation): Promise<number> {
  for (let index = 0; index < job.count; index++) {
    const result = exploreOneSeed(job.options, job.seed + index, job.offset + index, implementation);
    // What the seed left pending (a timer, a rejected promise) runs before its result goes: an error from it fails this seed.
    if (mayLeaveWorkBehind) await settle();
    send(result);
    if (Atomics.load(flow, FLOW_STOP) === 1) return index + 1;
  }
  return job.count;
}

/**
 * One seed of an exploration, as it would run at its place in the whole: a seed is run twice for its
 * determinism check when its offset from the first seed is a multiple of the exploration's period.
 */
function exploreOneSeed(options: PlainExploreOptions, seed: number, offset: number, implementation: RaftImplementation): ExploreResult {
  const every = options.determinismEvery ?? DEFAULT_EXPLORE_OPTIONS.determinismEvery;
  const repeats = every > 0 && offset % every === 0;
  return runToEnd(exploreSeedBySeed({ ...options, implementation, progress, fromSeed: seed, seeds: 1, determinismEvery: repeats ? 1 : 0 }));
}

/** The run, its records streamed to the supervisor as it goes when asked, and the hash of a second run when its determinism is checked. */
function runScenarioJob(job: Extract<WorkerJob, { kind: 'run-scenario' }>, implementation: RaftImplementation): ScenarioRunSummary {
  const route = job.stream ? { traceSink: streamBack } : { trace: 'hash' as const };
  const result = runScenario(job.scenario, { seed: job.seed, implementation, progress, ...route });
  const againHash = job.repeat ? runScenario(job.scenario, { seed: job.seed, implementation, trace: 'hash', progress }).run.traceHash : null;
  return { result: portableRunResult(result), againHash };
}

/** Shrinks in this thread; the supervisor hears each candidate run (for its progress bar) and may ask the search to stop. */
function shrinkJob(job: Extract<WorkerJob, { kind: 'shrink' }>, implementation: RaftImplementation): Promise<ShrinkAttempt> {
  let tried = 0;
  const pause = (): Promise<void> => {
    send(++tried);
    return new Promise((resolve) => setImmediate(resolve));
  };
  return shrinkScenarioInterruptibly(job.scenario, implementation, job.budget, { pause, shouldStop: () => Atomics.load(flow, FLOW_STOP) === 1, progress });
}

const streamBack: TraceSink = { accept: (records: readonly TraceRecord[]) => send(records) };

/** Sends data to the supervisor, waiting while it is more than STREAM_WINDOW batches behind: a slow reader bounds what is in flight. */
function send(payload: unknown): void {
  const message: WorkerMessage = { type: 'data', data: payload };
  port.postMessage(message);
  sent++;
  const deadline = Date.now() + STREAM_PATIENCE_MS;
  for (let taken = Atomics.load(flow, FLOW_ACKNOWLEDGED); sent - taken > STREAM_WINDOW; taken = Atomics.load(flow, FLOW_ACKNOWLEDGED)) {
    if (Date.now() > deadline) throw new Error(`the supervisor took no streamed data for ${STREAM_PATIENCE_MS / 1000} s`);
    Atomics.wait(flow, FLOW_ACKNOWLEDGED, taken, 1000);
  }
}

/**
 * Lets what the implementation left pending run before the answer goes: a timer set for now and a
 * promise about to reject belong to this job, and an error from them must fail it, not a later one.
 */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
}
