import { describe, expect, it } from 'vitest';
import { findKnownBug } from '../bugs/index.js';
import { protocolCoverage } from '../sim/index.js';
import { exploreSeedScenario } from './explore.js';
import { namedScenarios } from './library/index.js';
import type { ScenarioRunResult } from './run-scenario.js';
import { runScenario } from './run-scenario.js';

function coverageOf(result: ScenarioRunResult): string[] {
  if (result.run.trace.mode !== 'full') throw new Error('a full trace is needed');
  return protocolCoverage(result.run.trace.records(), result.run.options.nodeCount, result.run.options.initialMembers);
}

describe('protocol coverage of real runs', () => {
  it('the figure-8 scenario reaches the paper’s Figure 8, and the reference core commits the old entries only through one of its own term', () => {
    const figure8 = namedScenarios().find((scenario) => scenario.name === 'figure-8')!;
    const features = coverageOf(runScenario(figure8));
    expect(features.some((feature) => feature.startsWith('leader-old-term-tail:'))).toBe(true);
    expect(features).toContain('commit-old-term:via-current');
    expect(features).not.toContain('commit-old-term:direct');
  });

  it('the commit-old-term bug, on the seed exploration catches it, commits old entries directly; the reference core on that seed does not', () => {
    const bug = findKnownBug('commit-old-term')!;
    const scenario = exploreSeedScenario(186, {});
    expect(coverageOf(runScenario(scenario, { implementation: bug.implementation }))).toContain('commit-old-term:direct');
    expect(coverageOf(runScenario(scenario))).not.toContain('commit-old-term:direct');
  });

  it('grows with the faults a seed draws: a calm run reaches less than a swarm run, and both are the same on a second run', () => {
    const calm = coverageOf(runScenario(exploreSeedScenario(5, { faults: 'none', durationMs: 3000 })));
    const swarm = coverageOf(runScenario(exploreSeedScenario(5, { durationMs: 3000 })));
    expect(calm).toContain('role:candidate>leader');
    expect(calm.some((feature) => feature.startsWith('message:') && feature.includes(':dropped-'))).toBe(false);
    expect(swarm.length).toBeGreaterThan(calm.length);
    expect(coverageOf(runScenario(exploreSeedScenario(5, { durationMs: 3000 })))).toEqual(swarm);
  });
});
