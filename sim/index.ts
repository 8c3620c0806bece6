export type { AnsweredRead, Checker, CheckerName, CheckContext, Violation } from './checkers/checker.js';
export { CHECKER_NAMES } from './checkers/checker.js';
export { SERVER_RULE_NAMES, SIMULATION_CHECK_NAMES } from './checking/check-names.js';
export { createAllCheckers } from './checkers/all.js';
export type { DiskFaultOnCrash } from './cluster/disk.js';
export { SimulatedDisk } from './cluster/disk.js';
export { EventQueue } from './engine/event-queue.js';
export type { FaultAction, LinkChange, NodeRef, NodeSelection, NodeSet, RememberedName, TimedFault } from './faults/actions.js';
export { isRememberedName, NODE_WORDS } from './faults/actions.js';
export type { AcceptedProposal } from './faults/context.js';
export { describeSelection } from './faults/actions.js';
export type { FaultKind, SwarmDraw } from './faults/kind.js';
export type { AnyFaultKind } from './faults/registry.js';
export { describeFault, FAULT_KINDS, faultKind, isFaultType, SWARM_DRAWS } from './faults/registry.js';
export { chainHash, hashString, RunningHash } from './trace/hash.js';
export { Network } from './cluster/network.js';
export type { NodeSnapshot } from './checking/observed-cluster.js';
export { ObservedCluster, ObservedNode } from './checking/observed-cluster.js';
export type {
  DiskOptions,
  LeaderCrashRule,
  NetworkOptions,
  NodeOverrides,
  Resolved,
  SimulationOptions,
  SimulationOptionsInput,
  WorkloadOptions,
} from './options.js';
export type { KvWorkloadOptions } from './kv/kv-options.js';
export { DEFAULT_KV_WORKLOAD, kvWorkloadProblem } from './kv/kv-options.js';
export type { CompletionType, HistoryEvent, HistoryOperation, HistoryProblem } from './kv/history.js';
export { describe as describeOperation, historyEvents, operationsFromEvents } from './kv/history.js';
export type { LinearizabilityReport } from './kv/linearizability-report.js';
export { checkLinearizability } from './kv/linearizability-report.js';
export { DEFAULT_SEARCH_BOUND } from './kv/linearizability.js';
export { describeTimed, describeUnknown, describeViolation } from './kv/history-check.js';
export {
  coreOptionsFor,
  DEFAULT_NETWORK,
  DEFAULT_SIMULATION_OPTIONS,
  defaultMaxEvents,
  EVENTS_PER_VIRTUAL_SECOND,
  MAX_NODES,
  MIN_DEFAULT_MAX_EVENTS,
  resolveSimulationOptions,
  simulationOptions,
} from './options.js';
export type { FaultProfile } from './faults/random-faults.js';
export { DEFAULT_FAULT_PROFILE, randomFaultSchedule } from './faults/random-faults.js';
export { RandomStream, STREAM } from './engine/random-streams.js';
export { SwitchableRandom } from './cluster/switchable-random.js';
export type { RunOutcome, RunResult } from './run-result.js';
export type { RunStatistics } from './run-statistics.js';
export { runStatistics, RunStatisticsFold } from './run-statistics.js';
export { runSimulation, Simulation } from './simulation.js';
export { RUN_PROGRESS_CELLS, RUN_PROGRESS_EVENT, RUN_PROGRESS_VIRTUAL_US } from './run-progress.js';
export type { RunProgressCells } from './run-progress.js';
export type { LatencySummary, RunStats } from './stats.js';
export type { TraceMode, TraceRecord, TraceSink } from './trace/trace.js';
export {
  DROP_REASON_NAMES,
  DropReason,
  EXTRA_MESSAGE_CODE,
  MESSAGE_CODE,
  REJECT_REASON_NAMES,
  RejectReason,
  ROLE_NAMES,
  TAMPER_KIND_NAMES,
  TamperKind,
  TRACE_KIND_NAMES,
  TraceKind,
  TraceRecorder,
} from './trace/trace.js';
export { carriesExtras } from './trace/message-extras.js';
export type { TraceDivergence } from './trace/divergence.js';
export { firstDivergence } from './trace/divergence.js';
export { decodeDigest, encodeDigest, StateMachine } from './cluster/state-machine.js';
export type { CoverageFamily } from './coverage/protocol-coverage.js';
export { PROTOCOL_COVERAGE_FAMILIES, protocolCoverage, ProtocolCoverageFold } from './coverage/protocol-coverage.js';
