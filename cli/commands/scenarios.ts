import { findNamedScenario, namedScenarios, scenarioToYaml } from '../../scenarios/index.js';
import { UsageError } from '../arguments.js';
import type { Output } from '../terminal.js';
import { quoted } from '../../sim/printable.js';

export function scenariosCommand(args: { readonly json: boolean }, output: Output): number {
  const scenarios = namedScenarios();
  if (args.json) {
    output.out(JSON.stringify(scenarios.map((scenario) => ({ name: scenario.name, description: scenario.description, nodes: scenario.cluster.nodes, durationMs: scenario.cluster.durationMs })), null, 2));
    return 0;
  }
  const width = Math.max(...scenarios.map((scenario) => scenario.name.length));
  for (const scenario of scenarios) output.out(`${output.chalk.bold(scenario.name.padEnd(width))}  ${scenario.description}`);
  output.out('');
  output.out('Run one with: npx raftsim run --scenario split-vote · print it as YAML: npx raftsim scenarios show split-vote');
  return 0;
}

export function showScenarioCommand(args: { readonly name: unknown }, output: Output): number {
  const name = String(args.name);
  const scenario = findNamedScenario(name);
  if (scenario === undefined) {
    throw new UsageError(`no scenario is named ${quoted(name)} (${namedScenarios().map((entry) => entry.name).join(', ')})`);
  }
  output.out(scenarioToYaml(scenario, [scenario.description, 'Save it, edit it, and run it with: npx raftsim run --scenario FILE.yaml']).trimEnd());
  return 0;
}
