import { join } from 'node:path';
import { DEFAULT_SHRINK_BUDGET, scenarioSize, scenarioToYaml } from '../../scenarios/index.js';
import type { Scenario, ScenarioSize } from '../../scenarios/index.js';
import type { Interruption } from '../interrupt.js';
import type { IsolatedRunner } from '../isolation/isolated-runner.js';
import type { ImplementationSource } from '../isolation/protocol.js';
import { startProgress } from '../progress.js';
import { replayFileCommand } from '../replay-command.js';
import { writeOutputFile } from '../write-file.js';

export interface ShrunkFile {
  readonly path: string;
  readonly replay: string;
  readonly checker: string;
  readonly message: string;
  readonly original: ScenarioSize;
  readonly shrunk: ScenarioSize;
  readonly runs: number;
  /** Whether the search was interrupted: the file then holds the smallest failing scenario found until then. */
  readonly stoppedEarly: boolean;
}

export type ShrinkFileOutcome = { readonly ok: true; readonly file: ShrunkFile } | { readonly ok: false; readonly problem: string };

/** Where a shrunk scenario goes and what its replay command names. */
export interface ShrinkTarget {
  readonly path: string;
  /** What was shrunk, for the file's header: "seed 12". */
  readonly origin: string;
  readonly source: ImplementationSource;
}

/**
 * Shrinks a failing scenario in the runner's worker and writes the result as a YAML scenario headed by
 * its replay command. The search shows its progress and stops when interrupted; what it found until
 * then, a scenario that still fails the same check, is written all the same.
 */
export async function shrinkToFile(
  scenario: Scenario,
  runner: IsolatedRunner,
  target: ShrinkTarget,
  running: { readonly interruption: Interruption; readonly wantProgress: boolean },
): Promise<ShrinkFileOutcome> {
  const { path, origin, source } = target;
  const bar = startProgress(running.wantProgress, 'shrinking [{bar}] {value}/{total} runs', DEFAULT_SHRINK_BUDGET);
  const onTried = (tried: unknown): void => {
    bar?.update(Math.min(Number(tried), DEFAULT_SHRINK_BUDGET));
    if (running.interruption.signal !== null) runner.requestStop();
  };
  let outcome;
  try {
    outcome = await runner.run({ kind: 'shrink', scenario, budget: DEFAULT_SHRINK_BUDGET }, onTried);
  } finally {
    bar?.stop();
  }
  if (!outcome.ok) return { ok: false, problem: `the implementation misbehaved while shrinking (${outcome.misbehaviour.kind}): ${outcome.misbehaviour.message}` };
  const attempt = outcome.value;
  if (!attempt.ok) return attempt;
  const { shrunk, failure, runs, stoppedEarly } = attempt.result;
  const replay = replayFileCommand(path, source.bug, source.implPath, null, source.program);
  const original = scenarioSize(scenario);
  const small = scenarioSize(shrunk);
  const header = [
    `Shrunk from ${origin}: ${describeSize(original)} → ${describeSize(small)} in ${runs} runs${stoppedEarly ? ', interrupted before the search had finished' : ''}.`,
    `Fails ${failure.checker}: ${failure.message}`,
    `Replay: ${replay}`,
  ];
  writeOutputFile(path, scenarioToYaml({ ...shrunk, name: shrunk.name.replace(/-shrunk$/, '') + '-shrunk' }, header));
  return { ok: true, file: { path, replay, checker: failure.checker, message: failure.message, original, shrunk: small, runs, stoppedEarly } };
}

export function describeSize(size: ScenarioSize): string {
  return `${size.actions} actions, ${size.nodes} nodes, ${(size.durationMs / 1000).toFixed(1)}s`;
}

export function shrunkPath(folder: string, seed: number): string {
  return join(folder, `seed-${seed}.yaml`);
}
