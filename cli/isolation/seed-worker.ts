/**
 * The thread an implementation under test runs in. It loads the implementation itself (a module path or
 * the reference core with a known bug), then runs each job it is sent and answers with plain data. What
 * the implementation does to this thread (ends it, throws from a timer, loops, fills its heap) the
 * supervisor in the command line's thread sees and reports; the terminal and the output files are not here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runConformance } from '../../conformance/index.js';
import type { RaftImplementation } from '../../core/index.js';
import { DEFAULT_EXPLORE_OPTIONS, exploreSeedBySeed, runScenario } from '../../scenarios/index.js';
import type { ExploreResult } from '../../scenarios/index.js';
import { RUN_PROGRESS_CELLS } from '../../sim/index.js';
import { selectImplementation } from '../load-implementation.js';
import type { ScenarioRunSummary, WorkerData, WorkerJob, WorkerReply } from './protocol.js';

const data = workerData as WorkerData;
const progress = new Float64Array(data.progress, 0, RUN_PROGRESS_CELLS);
const port = parentPort!;
const loading = selectImplementation(data.implementation.bug, data.implementation.implPath);

port.on('message', (job: WorkerJob) => {
  void answer(job).then((reply) => port.postMessage(reply));
});

async function answer(job: WorkerJob): Promise<WorkerReply> {
  let value: unknown;
  try {
    const { implementation } = await loading;
    value = runJob(job, implementation);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  await settle();
  return { ok: true, value };
}

function runJob(job: WorkerJob, implementation: RaftImplementation): unknown {
  switch (job.kind) {
    case 'explore-seed':
      return exploreOneSeed(job, implementation);
    case 'run-scenario':
      return runScenarioJob(job, implementation);
    case 'conformance':
      return runConformance(implementation, job.only, { strict: job.strict });
  }
}

/**
 * One seed of an exploration, as it would run at its place in the whole: a seed is run twice for its
 * determinism check when its offset from the first seed is a multiple of the exploration's period.
 */
function exploreOneSeed(job: Extract<WorkerJob, { kind: 'explore-seed' }>, implementation: RaftImplementation): ExploreResult {
  const every = job.options.determinismEvery ?? DEFAULT_EXPLORE_OPTIONS.determinismEvery;
  const repeats = every > 0 && job.offset % every === 0;
  const steps = exploreSeedBySeed({ ...job.options, implementation, progress, fromSeed: job.seed, seeds: 1, determinismEvery: repeats ? 1 : 0 });
  let step = steps.next();
  while (step.done !== true) step = steps.next();
  return step.value;
}

function runScenarioJob(job: Extract<WorkerJob, { kind: 'run-scenario' }>, implementation: RaftImplementation): ScenarioRunSummary {
  const runs = job.repeat ? 2 : 1;
  const traceHashes: string[] = [];
  let passed = true;
  for (let run = 0; run < runs; run++) {
    const result = runScenario(job.scenario, { seed: job.seed, implementation, trace: 'hash', progress });
    traceHashes.push(result.run.traceHash);
    passed &&= result.passed;
  }
  return { passed, traceHashes };
}

/**
 * Lets what the implementation left pending run before the answer goes: a timer set for now and a
 * promise about to reject belong to this job, and an error from them must fail it, not a later one.
 */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
}
