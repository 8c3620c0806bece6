import { join } from 'node:path';
import type { RaftImplementation } from '../../core/index.js';
import { DEFAULT_SHRINK_BUDGET, scenarioSize, scenarioToYaml, shrinkScenario } from '../../scenarios/index.js';
import type { Scenario, ScenarioSize } from '../../scenarios/index.js';
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
}

export type ShrinkFileOutcome = { readonly ok: true; readonly file: ShrunkFile } | { readonly ok: false; readonly problem: string };

/** Shrinks a failing scenario and writes the result as a YAML scenario headed by its replay command. */
export function shrinkToFile(
  scenario: Scenario,
  implementation: RaftImplementation,
  bug: string | null,
  path: string,
  origin: string,
  implPath: string | null = null,
): ShrinkFileOutcome {
  const attempt = shrinkScenario(scenario, implementation, DEFAULT_SHRINK_BUDGET);
  if (!attempt.ok) return attempt;
  const { shrunk, failure, runs } = attempt.result;
  const replay = replayFileCommand(path, bug, implPath);
  const original = scenarioSize(scenario);
  const small = scenarioSize(shrunk);
  const header = [
    `Shrunk from ${origin}: ${describeSize(original)} → ${describeSize(small)} in ${runs} runs.`,
    `Fails ${failure.checker}: ${failure.message}`,
    `Replay: ${replay}`,
  ];
  writeOutputFile(path, scenarioToYaml({ ...shrunk, name: shrunk.name.replace(/-shrunk$/, '') + '-shrunk' }, header));
  return { ok: true, file: { path, replay, checker: failure.checker, message: failure.message, original, shrunk: small, runs } };
}

export function describeSize(size: ScenarioSize): string {
  return `${size.actions} actions, ${size.nodes} nodes, ${(size.durationMs / 1000).toFixed(1)}s`;
}

export function shrunkPath(folder: string, seed: number): string {
  return join(folder, `seed-${seed}.yaml`);
}
