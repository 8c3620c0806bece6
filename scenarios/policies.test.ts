import { describe, expect, it } from 'vitest';
import { applyPolicies, policiesProblem, withNeeds } from './policies.js';
import type { PolicyOverrides } from './policies.js';
import { PROTOCOL_OPTION_LIST } from './protocol-options.js';
import type { AnyProtocolOption } from './protocol-options.js';
import { scenarioOptionsProblem } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import { scenarioForSeed } from './swarm.js';

describe('policies over a scenario', () => {
  it('replace what the scenario set, and switching lease reads on takes its process pauses out', () => {
    const scenario = scenarioForSeed(4, { nodeCount: null, durationMs: 10_000, faults: 'swarm' });
    const pauses = (steps: typeof scenario.timeline) => steps.filter((step) => step.action.type === 'pause' || step.action.type === 'resume').length;
    expect(pauses(scenario.timeline)).toBeGreaterThan(0);
    const leased = applyPolicies(scenario, { checkQuorum: true, leaseReads: true, snapshotThreshold: 7, maxInflightAppends: 4 });
    expect(leased.cluster).toMatchObject({ checkQuorum: true, leaseReads: true, snapshotThreshold: 7, maxInflightAppends: 4 });
    expect(pauses(leased.timeline)).toBe(0);
    expect(leased.timeline.length).toBe(scenario.timeline.length - pauses(scenario.timeline));
    expect(applyPolicies(scenario, { snapshotThreshold: 7 }).timeline).toBe(scenario.timeline);
  });
});

describe('an option that needs another brings it along', () => {
  it('lease reads switch CheckQuorum on; CheckQuorum off switches lease reads off; what is given stays as given', () => {
    expect(withNeeds({ leaseReads: true })).toEqual({ leaseReads: true, checkQuorum: true });
    expect(withNeeds({ checkQuorum: false })).toEqual({ checkQuorum: false, leaseReads: false });
    expect(withNeeds({ leaseReads: false })).toEqual({ leaseReads: false });
    expect(withNeeds({ checkQuorum: true })).toEqual({ checkQuorum: true });
    expect(withNeeds({ leaseReads: true, checkQuorum: false })).toEqual({ leaseReads: true, checkQuorum: false });
  });

  it('refuses two policies set against each other, and nothing else', () => {
    expect(policiesProblem({ leaseReads: true, checkQuorum: false })).toMatch(/^leaseReads=true needs checkQuorum=true \(.+\), but checkQuorum=false is given too$/);
    for (const overrides of [{}, { leaseReads: true }, { checkQuorum: false }, { leaseReads: true, checkQuorum: true }, { leaseReads: false, checkQuorum: false }]) {
      expect(policiesProblem(overrides), JSON.stringify(overrides)).toBeNull();
    }
  });

  it('no option needs anything at its default, so going back to it is always possible', () => {
    for (const option of PROTOCOL_OPTION_LIST) {
      if (option.needs === undefined) continue;
      expect(JSON.stringify(option.defaultValue), option.field).not.toBe(JSON.stringify(option.needs.when));
    }
  });
});

/** Values at the edges of what each option takes, one override each. */
function edgeValues(option: AnyProtocolOption): unknown[] {
  const kind = option.kind;
  switch (kind.type) {
    case 'switch':
      return [true, false];
    case 'count':
      return [kind.min, kind.max];
    case 'duration':
      return [10, 1_000];
    case 'duration-range':
      return kind.allowsZero ? [[0, 0], [10, 10_000]] : [[10, 10], [1_000, 2_000]];
    case 'choice':
      return [...kind.values];
  }
}

describe('whether a policy can run does not depend on the seed', () => {
  // Each seed draws its own configuration; a policy is imposed on all of them alike.
  const seeds: Scenario[] = [];
  for (let seed = 1; seed <= 150; seed++) {
    seeds.push(scenarioForSeed(seed, { nodeCount: null, durationMs: 10_000, faults: 'swarm' }));
    if (seed <= 20) seeds.push(scenarioForSeed(seed, { nodeCount: null, durationMs: 10_000, faults: 'none' }));
  }
  const problemsOver = (overrides: PolicyOverrides) => new Set(seeds.map((scenario) => scenarioOptionsProblem(applyPolicies(scenario, overrides))));

  it('every value at the edge of every option gives every seed the same verdict', () => {
    for (const option of PROTOCOL_OPTION_LIST) {
      for (const value of edgeValues(option)) {
        const overrides = { [option.field]: value } as PolicyOverrides;
        expect([...problemsOver(overrides)], JSON.stringify(overrides)).toHaveLength(1);
      }
    }
  });

  it('every combination of the switches that is not refused up front runs on every seed', () => {
    const choices = [undefined, true, false];
    for (const preVote of choices) {
      for (const checkQuorum of choices) {
        for (const leaseReads of choices) {
          const overrides = Object.fromEntries(Object.entries({ preVote, checkQuorum, leaseReads }).filter(([, value]) => value !== undefined)) as PolicyOverrides;
          if (policiesProblem(overrides) !== null) continue;
          expect([...problemsOver(overrides)], JSON.stringify(overrides)).toEqual([null]);
        }
      }
    }
  });
});
