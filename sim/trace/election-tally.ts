/**
 * Elections counted by term: who stood in each term and who won it. A term with two or more candidates
 * and no leader, which a later term followed, was a split vote (§5.2). The run statistics fill the
 * tally from a trace, the scenario observations from the roles they polled.
 */
export interface ElectionRound {
  readonly term: number;
  /** The nodes that stood for election in the term, in ascending order. */
  readonly candidates: readonly number[];
  /** The node that became leader of the term, if one did (the last one seen, should two). */
  readonly leader: number | null;
}

interface OpenRound {
  readonly candidates: Set<number>;
  leader: number | null;
}

export class ElectionTally {
  private readonly byTerm = new Map<number, OpenRound>();

  /** A node stood for election in a term. */
  stoodFor(term: number, node: number): void {
    this.round(term).candidates.add(node);
  }

  /** A node became leader of a term. */
  won(term: number, node: number): void {
    this.round(term).leader = node;
  }

  /** Every term someone stood or won in, in ascending order of term. */
  rounds(): ElectionRound[] {
    return [...this.byTerm.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([term, round]) => ({ term, candidates: [...round.candidates].sort((a, b) => a - b), leader: round.leader }));
  }

  copy(): ElectionTally {
    const tally = new ElectionTally();
    for (const [term, round] of this.byTerm) tally.byTerm.set(term, { candidates: new Set(round.candidates), leader: round.leader });
    return tally;
  }

  /** A tally holding these rounds, as rounds() gave them. */
  static restore(rounds: readonly ElectionRound[]): ElectionTally {
    const tally = new ElectionTally();
    for (const round of rounds) tally.byTerm.set(round.term, { candidates: new Set(round.candidates), leader: round.leader });
    return tally;
  }

  private round(term: number): OpenRound {
    let round = this.byTerm.get(term);
    if (round === undefined) {
      round = { candidates: new Set<number>(), leader: null };
      this.byTerm.set(term, round);
    }
    return round;
  }
}

/** Rounds that ended without a leader: some node stood, and a later round began. */
export function failedElections(rounds: readonly ElectionRound[]): ElectionRound[] {
  const lastTerm = rounds.length === 0 ? 0 : rounds[rounds.length - 1]!.term;
  return rounds.filter((round) => round.leader === null && round.candidates.length > 0 && round.term < lastTerm);
}

/** Failed rounds with two or more candidates: split votes. */
export function splitVotes(rounds: readonly ElectionRound[]): ElectionRound[] {
  return failedElections(rounds).filter((round) => round.candidates.length >= 2);
}
