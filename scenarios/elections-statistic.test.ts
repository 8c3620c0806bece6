import { describe, expect, it } from 'vitest';
import { runStatistics } from '../sim/index.js';
import { findNamedScenario } from './library/index.js';
import { electionRounds } from './observations.js';
import type { RoleObservation } from './observations.js';
import { runScenario } from './run-scenario.js';

/** Terms in which some node stood, as the observations of the run saw them (docs/stats.md: an election). */
function termsWithACandidate(roles: readonly RoleObservation[]): number {
  return electionRounds(roles).filter((round) => round.candidates.length > 0).length;
}

/** Candidacies begun by a candidate standing again in a new term, without becoming a follower in between. */
function standingAgain(roles: readonly RoleObservation[]): number {
  const last = new Map<number, RoleObservation>();
  let count = 0;
  for (const observation of roles) {
    const previous = last.get(observation.node);
    if (observation.role === 'candidate' && previous?.role === 'candidate' && observation.term > previous.term) count++;
    last.set(observation.node, observation);
  }
  return count;
}

describe('the elections statistic counts terms in which some node stood for election', () => {
  it('on a split-vote run, candidates standing again included: one per term with a candidate', () => {
    const result = runScenario(findNamedScenario('split-vote')!);
    const terms = termsWithACandidate(result.roles);
    // The run is what the test is about: votes split, and candidates stood again in new terms.
    expect(standingAgain(result.roles)).toBeGreaterThan(0);
    expect(electionRounds(result.roles).some((round) => round.candidates.length >= 2 && round.leader === null)).toBe(true);
    expect(result.run.stats.elections).toBe(terms);
    // The same count as the trace's statistics make of it.
    expect(runStatistics(result.run.trace.records(), result.run.options.nodeCount).electionTerms).toBe(terms);
  });

  it('with PreVote, a node whose polls fail starts no term and adds no election', () => {
    const result = runScenario(findNamedScenario('prevote-disruptive-rejoin')!);
    expect(result.roles.some((observation) => observation.role === 'precandidate')).toBe(true);
    expect(result.run.stats.elections).toBe(termsWithACandidate(result.roles));
    expect(result.run.stats.elections).toBe(runStatistics(result.run.trace.records(), result.run.options.nodeCount).electionTerms);
  });
});
