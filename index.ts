/**
 * The raftsim library: what a test, a CI job or a tool needs to run, explore, shrink and report on Raft
 * implementations. docs/api.md describes each name and what stays stable across minor versions;
 * everything else is under 'raftsim/internals'.
 */

// Running one scenario or one seed, exploring many, shrinking a failure.
export { runScenario, scenarioOptionsProblem } from './scenarios/index.js';
export type { ScenarioFailure, ScenarioRunOptions, ScenarioRunResult, Truncation } from './scenarios/index.js';
export { scenarioForSeed } from './scenarios/index.js';
export type { FaultMode, SeedRunSettings } from './scenarios/index.js';
export { DEFAULT_EXPLORE_OPTIONS, explore } from './scenarios/index.js';
export type { ExploreFailure, ExploreOptions, ExploreResult } from './scenarios/index.js';
export { scenarioSize, shrinkScenario } from './scenarios/index.js';
export type { ScenarioSize, ShrinkAttempt, ShrinkResult } from './scenarios/index.js';
export { runSimulation, simulationOptions } from './sim/index.js';
export type { RunOutcome, RunResult, RunStats, SimulationOptions, SimulationOptionsInput, Violation } from './sim/index.js';

// Scenarios as data: the library, files, documents, protocol options.
export { findNamedScenario, namedScenarios } from './scenarios/index.js';
export { loadScenarioFile, parseScenarioText, scenarioFromDocument, scenarioToDocument, scenarioToYaml } from './scenarios/index.js';
export type { Expectation, Scenario, ScenarioAction, ScenarioDocument, ScenarioParse, ScenarioStep } from './scenarios/index.js';
export { applyCheckSettings, applyPolicies, POLICY_NAMES } from './scenarios/index.js';
export type { CheckSettings, PolicyOverrides } from './scenarios/index.js';
export type { FaultAction, NodeRef, NodeSelection, TimedFault } from './sim/index.js';

// fast-check arbitraries.
export { caseToScenario, faultActionArbitrary, faultScheduleArbitrary, scenarioArbitrary, scenarioCaseArbitrary } from './scenarios/index.js';
export type { CaseBounds, ScenarioArbitraryOptions, ScenarioCase } from './scenarios/index.js';

// The node contract and the reference implementation.
export { implementationShapeProblem, isRaftImplementation, referenceImplementation } from './core/index.js';
export { coreOptionsProblem, DEFAULT_CORE_OPTIONS, MESSAGE_TYPES } from './core/index.js';
// A node in any language, spoken to over its standard input and output (docs/protocol.md).
export { ImplementationUnreachable } from './core/index.js';
export type { UnreachableKind } from './core/index.js';
export { programImplementation } from './bridge/index.js';
export type { ProgramImplementation, ProgramOptions } from './bridge/index.js';
export type {
  CommittedEntries,
  CoreOptions,
  Entry,
  HardState,
  LogWrite,
  Message,
  NodeConfig,
  NodeId,
  PersistentState,
  ProposeResult,
  RaftImplementation,
  RaftNodeInstance,
  RandomSource,
  Ready,
  ReadState,
  Role,
  Snapshot,
  SoftState,
} from './core/index.js';

// Known bugs and the conformance suite.
export { findKnownBug, KNOWN_BUGS } from './bugs/index.js';
export type { KnownBug } from './bugs/index.js';
export { CONFORMANCE_TESTS, runConformance } from './conformance/index.js';
export type { ConformanceOptions, ConformanceOutcome, ConformanceReport, ConformanceStatus, ConformanceTest } from './conformance/index.js';

// Checkers, observations and statistics.
export { CHECKER_NAMES, createAllCheckers } from './sim/index.js';
export type { Checker, CheckerName } from './sim/index.js';
export { electionRounds, splitVotes } from './scenarios/index.js';
export type { ElectionRound } from './scenarios/index.js';
export { runStatistics } from './sim/index.js';
export type { RunStatistics } from './sim/index.js';
export { aggregateStatistics, seedStatistics, seedStatisticsTable } from './scenarios/index.js';
export type { AggregateStatistics, SeedStatistics, SeedStatisticsTable } from './scenarios/index.js';
export { DEFAULT_ELECTION_TIMING_OPTIONS, PAPER_RANGES, runElectionTiming } from './scenarios/index.js';
export type { ElectionTimingOptions, ElectionTimingResult } from './scenarios/index.js';

// Reports for people, formats for tools, and the command that replays a run.
export { exploreToMarkdown, renderExplorerHtml, renderScenarioSummary, renderTimeline, renderViolation, runToMarkdown } from './reports/index.js';
export type { ExploreMarkdownContext, Paint, TextStyles } from './reports/index.js';
export { parseTraceText, RAFTSIM_VERSION, readTraceFile, scenarioRunToJson, traceToJsonLines } from './formats/index.js';
export type { ScenarioRunJson, TraceFile, TraceFileRead } from './formats/index.js';
export { replayCommand } from './cli/replay-command.js';
export type { ReplaySettings } from './cli/replay-command.js';
