export type { AnsweredRead, Checker, CheckerName, CheckContext, Violation } from './checkers/checker.js';
export { CHECKER_NAMES } from './checkers/checker.js';
export { createAllCheckers } from './checkers/all.js';
export type { DiskFaultOnCrash } from './disk.js';
export { SimulatedDisk } from './disk.js';
export { EventQueue } from './event-queue.js';
export type { FaultAction, LinkChange, NodeRef, NodeSelection, NodeSet, TimedFault } from './faults.js';
export { describeFault, describeSelection } from './faults.js';
export { chainHash, hashString, RunningHash } from './hash.js';
export { Network } from './network.js';
export type { NodeSnapshot } from './observed-cluster.js';
export { ObservedCluster, ObservedNode } from './observed-cluster.js';
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
export {
  coreOptionsFor,
  DEFAULT_NETWORK,
  DEFAULT_SIMULATION_OPTIONS,
  MAX_NODES,
  resolveSimulationOptions,
  simulationOptions,
} from './options.js';
export type { FaultProfile } from './random-faults.js';
export { DEFAULT_FAULT_PROFILE, randomFaultSchedule } from './random-faults.js';
export { RandomStream, STREAM, SwitchableRandom } from './random-streams.js';
export type { RunOutcome, RunResult } from './run-result.js';
export type { RunStatistics } from './run-statistics.js';
export { runStatistics } from './run-statistics.js';
export { runSimulation, Simulation } from './simulation.js';
export type { LatencySummary, RunStats } from './stats.js';
export type { TraceMode, TraceRecord } from './trace.js';
export { DROP_REASON_NAMES, DropReason, MESSAGE_CODE, ROLE_NAMES, TRACE_KIND_NAMES, TraceKind, TraceRecorder } from './trace.js';
export { decodeDigest, encodeDigest, StateMachine } from './state-machine.js';
