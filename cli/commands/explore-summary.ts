/**
 * What an exploration's summary (its text and its --json) is made from. An exploration passes its own
 * result and settings; `raftsim merge` rebuilds them from the shards' files, which carry no scenarios
 * and no implementation, only what the summary shows.
 */
import type { ExploreFailure, ExploreResult } from '../../scenarios/index.js';

export type SummaryFailure = Omit<ExploreFailure, 'scenario' | 'kind'> & { readonly kind: string };

export type ExploreSummary = Omit<ExploreResult, 'failed'> & { readonly failed: readonly SummaryFailure[] };

export interface ExploreSummarySettings {
  readonly explore: { readonly seeds?: number };
  readonly implementationName: string;
  readonly scenario: { readonly name: string } | null;
  readonly replayOf: (seed: number) => string;
  readonly judging: { readonly livenessWithinMs: number | null; readonly skippedCheckers: readonly string[] };
}
