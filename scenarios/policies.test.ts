import { describe, expect, it } from 'vitest';
import { applyPolicies } from './policies.js';
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
