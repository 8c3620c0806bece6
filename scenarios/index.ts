export type { CaseBounds, ScenarioArbitraryOptions, ScenarioCase } from './arbitraries.js';
export {
  caseToScenario,
  faultActionArbitrary,
  faultScheduleArbitrary,
  nodeRefArbitrary,
  scenarioArbitrary,
  scenarioCaseArbitrary,
  timedFaultArbitrary,
} from './arbitraries.js';
export type { CheckSettings } from './check-settings.js';
export { applyCheckSettings, CHECK_NAMES, checkSettingsProblem, DEFAULT_CHECK_SETTINGS } from './check-settings.js';
export type { ExpectationOutcome } from './expectations.js';
export { describeExpectation, judgeExpectations } from './expectations.js';
export type { ExploreFailure, ExploreOptions, ExploreProgress, ExploreResult, IsolationFailureKind } from './explore.js';
export { DEFAULT_EXPLORE_OPTIONS, explore, exploreSeedBySeed, exploreSeedScenario } from './explore.js';
export { findNamedScenario, namedScenarios } from './library/index.js';
export { checkConvergence } from './liveness.js';
export { loadScenarioFile, MAX_SCENARIO_FILE_BYTES, parseScenarioText } from './load.js';
export type { CommitObservation, ElectionRound, RoleObservation } from './observations.js';
export { currentLeader, electionRounds, splitVotes } from './observations.js';
export type { PolicyOverrides } from './policies.js';
export { applyPolicies, policiesProblem, withNeeds } from './policies.js';
export type { ClusterTiming } from './timing-requirement.js';
export { describeTimingProblems, scenarioTiming, scenarioTimingProblem, swarmTiming, swarmTimingProblem, timingProblems } from './timing-requirement.js';
export type { AnyProtocolOption, OptionKind, OptionNeed, ProtocolOption, ProtocolOptionField, ProtocolOptionName, ProtocolOptionSetting, ProtocolOptionValues } from './protocol-options.js';
export { describeValues, findProtocolOption, optionName, POLICY_NAMES, PROTOCOL_OPTION_DEFAULTS, PROTOCOL_OPTION_LIST, PROTOCOL_OPTIONS, SWARM_HEARTBEATS_MS } from './protocol-options.js';
export type { ScenarioFailure, ScenarioRunOptions, ScenarioRunResult, StepRecord, Truncation } from './run-scenario.js';
export { runScenario, scenarioOptionsProblem, scenarioSimulationOptions } from './run-scenario.js';
export type { ClusterSpec, Expectation, NetworkSpec, NodeSpec, Scenario, ScenarioAction, ScenarioStep } from './scenario.js';
export { DEFAULT_CLUSTER, DEFAULT_NETWORK_SPEC, withMaxEvents } from './scenario.js';
export type { ScenarioDocument, ScenarioParse } from './schema.js';
export { formatDuration, scenarioFromDocument, scenarioToDocument } from './schema.js';
export type { ScenarioSize, ShrinkAttempt, ShrinkControl, ShrinkResult } from './shrink.js';
export { DEFAULT_SHRINK_BUDGET, scenarioSize, shrinkScenario, shrinkScenarioInterruptibly } from './shrink.js';
export type { FaultMode, SeedRunSettings } from './swarm.js';
export { LIVENESS_WITHIN_MS, scenarioForSeed, SWARM_LATENCY_MS } from './swarm.js';
export type { WorkloadChoice } from './workload.js';
export { swarmKvWorkload, withWorkload, WORKLOAD_CHOICE } from './workload.js';
export { scenarioToYaml } from './yaml.js';
export type { ElectionEndPoint, ElectionTimingOptions, ElectionTimingResult, RangeOutcome, SurvivorLogs, TimeoutRange, TrialOutcome } from './experiments/election-timing.js';
export {
  DEFAULT_ELECTION_TIMING_OPTIONS,
  ELECTION_END_POINTS,
  electionTimingProblem,
  SURVIVOR_LOGS,
  electionTimingTrialByTrial,
  PAPER_RANGES,
  rangeLabel,
  runElectionTiming,
} from './experiments/election-timing.js';
export type { ElectionTimingSummary } from './experiments/election-timing-summary.js';
export type { LatencyRange, SplitVotesCase, SplitVotesOptions, SplitVotesResult } from './experiments/split-votes.js';
export { DEFAULT_SPLIT_VOTES_OPTIONS, runSplitVotes, splitVotesProblem, splitVotesTrialByTrial } from './experiments/split-votes.js';
export type { PublishedSplitVoteRate } from './experiments/split-vote-model.js';
export { predictedElectionMs, predictedSplitVoteRate, PUBLISHED_SPLIT_VOTE_RATES } from './experiments/split-vote-model.js';
export { summarizeTrials } from './experiments/election-timing-summary.js';
export type { AggregateStatistics, Distribution, SeedStatistics } from './seed-statistics.js';
export { aggregateStatistics, distribution, seedStatistics, unmeasuredSeedStatistics } from './seed-statistics.js';
export type { SeedStatisticsTable, StatisticsCell } from './seed-statistics-table.js';
export { SEED_STATISTICS_COLUMNS, SEED_STATISTICS_TABLE_COLUMNS, seedStatisticsTable } from './seed-statistics-table.js';
export type { SeedBlock, Shard } from './shards.js';
export { MAX_SHARDS, shardSeeds } from './shards.js';
export type { BootstrapSettings, MeanInterval } from './bootstrap.js';
export { bootstrapMean, DEFAULT_BOOTSTRAP, MAX_RESAMPLES } from './bootstrap.js';
export type { DifferentialOptions, DifferentialSeed, DifferentialVariant, SharedRunOptions, UnfinishedRun, VariantFailure, VariantRun } from './differential.js';
export { DIFFERENTIAL_DETERMINISM_EVERY, differentialRun, differentialScenarios, differentialSeed, unfinishedFailure, unfinishedVariantRun, variantRun } from './differential.js';
export type { DifferentialMeasure, MeasureDifference, SeedMeasure } from './paired-differences.js';
export { DIFFERENTIAL_MEASURES, pairedDifferences, seedMeasures, seedPairs } from './paired-differences.js';
export type { MeasuredRun, SeedMeasureDefinition } from './seed-measures.js';
export { findSeedMeasure, SEED_MEASURE_NAMES, SEED_MEASURES, seedMeasuresNamed } from './seed-measures.js';
export type { SweepOptions, SweepParameter, SweepPoint, SweepPointResult, SweepResult, SweepRun, SweepValue, SweptNetwork } from './sweep.js';
export { MAX_SWEEP_POINTS, sweep, sweepPointProblem, sweepPoints, sweepRunByRun, sweepScenario } from './sweep.js';
export type { CorpusEntry, CorpusEntryParse } from './guided/corpus.js';
export { Corpus, corpusEntry, corpusEntryFileName, corpusEntryFromJson, corpusEntryToJson } from './guided/corpus.js';
export type { GuidedBaseOptions, GuidedFailure, GuidedInProcessOptions, GuidedOptions, GuidedResult, GuidedRunRecord, PlannedRun } from './guided/guided-explore.js';
export { DEFAULT_FRESH_PERCENT, DEFAULT_GENERATION_SIZE, GuidedExploration, guidedExplore, guidedExploreRunByRun } from './guided/guided-explore.js';
export type { Mutant, MutationContext } from './guided/mutations.js';
export { mutantProblem, mutateScenario, MUTATIONS } from './guided/mutations.js';
