import { findNamedScenario, loadScenarioFile, namedScenarios } from '../scenarios/index.js';
import type { Scenario } from '../scenarios/index.js';
import { UsageError } from './arguments.js';
import { quoted } from '../sim/printable.js';

/** A scenario by library name, or else by file path; any problem is a usage error naming it. */
export function resolveScenario(reference: unknown): Scenario {
  const text = String(reference);
  const named = findNamedScenario(text);
  if (named !== undefined) return named;
  if (!/[./\\]/.test(text)) {
    throw new UsageError(`--scenario ${quoted(text)} is neither a named scenario (${namedScenarios().map((scenario) => scenario.name).join(', ')}) nor a .yaml or .json file`);
  }
  const loaded = loadScenarioFile(text);
  if (!loaded.ok) throw new UsageError(loaded.problem);
  return loaded.scenario;
}
