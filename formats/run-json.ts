/**
 * A run's result as plain JSON: what `run --json` prints and a trace file's trailer holds. A format
 * that scripts and other tools read, so its fields change only with care.
 */
import { checkArguments } from '../core/argument-checks.js';
import { SCENARIO_RUN_RESULT } from '../scenarios/argument-rules.js';
import { REPLAY_COMMAND } from './argument-rules.js';
import type { ScenarioRunResult } from '../scenarios/index.js';
import { describeExpectation } from '../scenarios/index.js';
import type { NodeSnapshot, RunResult } from '../sim/index.js';
import type { ClientsJson } from './clients-json.js';
import { clientsToJson } from './clients-json.js';

export interface RunJson {
  readonly seed: number;
  readonly outcome: RunResult['outcome'];
  readonly traceHash: string;
  readonly events: number;
  readonly virtualMs: number;
  readonly nodes: number;
  readonly implementation: string;
  readonly violations: readonly {
    readonly checker: string;
    readonly atMs: number;
    readonly event: number;
    readonly message: string;
    readonly nodes: readonly NodeSnapshot[];
  }[];
  readonly stats: RunResult['stats'];
  readonly replay: string;
  /** With the key-value workload: what the clients did and saw, and whether it was linearizable. */
  readonly clients?: ClientsJson;
}

export function runToJson(result: RunResult, replay: string): RunJson {
  const clients = clientsToJson(result);
  return {
    seed: result.seed,
    outcome: result.outcome,
    traceHash: result.traceHash,
    events: result.events,
    virtualMs: result.virtualMs,
    nodes: result.options.nodeCount,
    implementation: result.options.implementation.name,
    violations: result.violations.map((violation) => ({
      checker: violation.checker,
      atMs: violation.atMs,
      event: violation.event,
      message: violation.message,
      nodes: violation.nodes,
    })),
    stats: result.stats,
    replay,
    ...(clients === null ? {} : { clients }),
  };
}

export interface ScenarioRunJson extends RunJson {
  readonly scenario: string;
  readonly passed: boolean;
  readonly failures: readonly { readonly kind: string; readonly checker: string; readonly atMs: number; readonly message: string }[];
  readonly expectations: readonly { readonly expectation: string; readonly passed: boolean; readonly detail: string }[];
  /** How long the liveness phase had to converge; null for a run without one. */
  readonly livenessWithinMs: number | null;
  /** The checks the run skipped (--skip-checker, or the scenario's skipCheckers). */
  readonly skippedCheckers: readonly string[];
}

export function scenarioRunToJson(result: ScenarioRunResult, replay: string): ScenarioRunJson {
  checkArguments('scenarioRunToJson', ['result', result, SCENARIO_RUN_RESULT], ['replay', replay, REPLAY_COMMAND]);
  return {
    ...runToJson(result.run, replay),
    scenario: result.scenario.name,
    passed: result.passed,
    failures: result.failures.map((failure) => ({ kind: failure.kind, checker: failure.checker, atMs: failure.atMs, message: failure.message })),
    expectations: result.expectations.map((outcome) => ({
      expectation: describeExpectation(outcome.expectation),
      passed: outcome.passed,
      detail: outcome.detail,
    })),
    livenessWithinMs: result.scenario.liveness?.withinMs ?? null,
    skippedCheckers: result.scenario.skipCheckers ?? [],
  };
}
