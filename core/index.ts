export type { ConfigChange } from './configuration.js';
export { applyChange, configEntry, decodeMembers, encodeMembers } from './configuration.js';
export type { CommittedEntries, LogWrite, NodeConfig, ProposeResult, RaftImplementation, RaftNodeInstance, Ready, ReadState, UnreachableKind } from './contract.js';
export { ImplementationUnreachable } from './contract.js';
export { RaftLog } from './log.js';
export type {
  AppendEntriesRequest,
  AppendEntriesResponse,
  InstallSnapshotRequest,
  Message,
  MessageType,
  RequestVoteRequest,
  RequestVoteResponse,
  TimeoutNowRequest,
} from './messages.js';
export { MESSAGE_TYPES } from './messages.js';
export { RaftNode, referenceImplementation } from './node.js';
export type { CoreOptions } from './options.js';
export { coreOptionsProblem, DEFAULT_CORE_OPTIONS } from './options.js';
export { majority, quorumMatchIndex } from './quorum.js';
export type { RandomSource } from './random.js';
export type { LeaderView, LogEditor, NodeRules, ReadableLog, SnapshotHandling } from './rules.js';
export { REFERENCE_RULES } from './rules.js';
export { variantOfReference } from './variants.js';
export { randomIntInclusive } from './random.js';
export type { Entry, EntryKind, HardState, NodeId, PersistentState, Role, Snapshot, SoftState } from './types.js';
export { implementationShapeProblem, isRaftImplementation, nodeShapeProblem, SAMPLE_NODE_CONFIG } from './contract-shape.js';
