import type { Scenario } from '../scenario.js';
import { scenarioFromDocument } from '../schema.js';
import { NAMED_SCENARIO_DOCUMENTS } from './named.js';

let cache: readonly Scenario[] | null = null;

/** The named scenarios, parsed once; a library document that fails validation is a bug here. */
export function namedScenarios(): readonly Scenario[] {
  if (cache === null) {
    cache = NAMED_SCENARIO_DOCUMENTS.map((document) => {
      const parsed = scenarioFromDocument(document);
      if (!parsed.ok) throw new Error(`library scenario ${String(document.name)} is invalid: ${parsed.problem}`);
      return parsed.scenario;
    });
  }
  return cache;
}

export function findNamedScenario(name: string): Scenario | undefined {
  return namedScenarios().find((scenario) => scenario.name === name);
}
