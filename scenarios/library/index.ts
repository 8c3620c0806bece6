import { checkArguments, string } from '../../core/argument-checks.js';
import type { Scenario } from '../scenario.js';
import { scenarioFromDocument } from '../schema.js';
import { CLASSIC_TEST_DOCUMENTS } from './classic-tests.js';
import { NAMED_SCENARIO_DOCUMENTS } from './named.js';

let cache: readonly Scenario[] | null = null;

/** The named scenarios, the classic tests' among them, parsed once; a library document that fails validation is a bug here. */
export function namedScenarios(): readonly Scenario[] {
  if (cache === null) {
    cache = [...NAMED_SCENARIO_DOCUMENTS, ...CLASSIC_TEST_DOCUMENTS].map((document) => {
      const parsed = scenarioFromDocument(document);
      if (!parsed.ok) throw new Error(`library scenario ${String(document.name)} is invalid: ${parsed.problem}`);
      return parsed.scenario;
    });
  }
  return cache;
}

/** The named scenario, or undefined when none has that name. */
export function findNamedScenario(name: string): Scenario | undefined {
  checkArguments('findNamedScenario', ['name', name, string()]);
  return namedScenarios().find((scenario) => scenario.name === name);
}
