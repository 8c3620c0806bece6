/**
 * Checks that a value loaded from elsewhere (another implementation's module) has the shape of the
 * contract, so that a mistake is named when it is loaded rather than found as a crash mid-run.
 */
import type { ArgumentRule } from './argument-checks.js';
import { arrayOf, func, integer, nullable, shaped } from './argument-checks.js';
import type { NodeConfig, RaftImplementation } from './contract.js';
import { MESSAGE_TYPES } from './messages.js';
import { DEFAULT_CORE_OPTIONS } from './options.js';

const NODE_METHODS = ['tick', 'step', 'propose', 'hasReady', 'ready', 'advance'] as const;
/** Parts of the contract a node may leave out; the host then does not use the feature with it. */
const OPTIONAL_NODE_METHODS = ['transferLeadership', 'compact', 'proposeConfigChange', 'read', 'close'] as const;

/** What is wrong with an exported implementation, or null when it has the contract's shape. */
export function implementationShapeProblem(exported: unknown): string | null {
  if (exported === null || typeof exported !== 'object') {
    return 'exports neither `implementation` nor a default export that is a RaftImplementation { name, create(config) }';
  }
  const candidate = exported as Record<string, unknown>;
  if (typeof candidate.name !== 'string' || candidate.name.trim() === '') return 'export `name` must be a non-empty string';
  if (typeof candidate.create !== 'function') return 'export `create` must be a function';
  return extraMessageTypesProblem(candidate.extraMessageTypes);
}

function extraMessageTypesProblem(types: unknown): string | null {
  if (types === undefined) return null;
  if (!Array.isArray(types) || types.some((type) => typeof type !== 'string' || type.trim() === '')) {
    return 'export `extraMessageTypes` must be an array of non-empty strings when present';
  }
  const taken = types.find((type) => (MESSAGE_TYPES as readonly string[]).includes(type as string));
  if (taken !== undefined) return `export \`extraMessageTypes\` names ${String(taken)}, a message type of the contract already`;
  return null;
}

/** A fresh node of a three-node cluster, as the check creates one. */
export const SAMPLE_NODE_CONFIG: NodeConfig = {
  id: 1,
  members: [1, 2, 3],
  options: DEFAULT_CORE_OPTIONS,
  random: { next: () => 0.5 },
  persisted: null,
};

/** What is wrong with what create(config) returned, or null when it has every method of a node. */
export function nodeShapeProblem(node: unknown): string | null {
  if (node === null || typeof node !== 'object') return '`create(config)` must return a node object';
  const candidate = node as Record<string, unknown>;
  for (const method of NODE_METHODS) {
    if (typeof candidate[method] !== 'function') return `the node \`create(config)\` returns must have a method \`${method}\``;
  }
  for (const method of OPTIONAL_NODE_METHODS) {
    if (candidate[method] !== undefined && typeof candidate[method] !== 'function') {
      return `the optional \`${method}\` of a node must be a function when present`;
    }
  }
  return null;
}

export function isRaftImplementation(value: unknown): value is RaftImplementation {
  return implementationShapeProblem(value) === null;
}

/** An argument that must be an implementation of the contract. */
export const RAFT_IMPLEMENTATION: ArgumentRule = (value) =>
  implementationShapeProblem(value) === null ? null : { kind: 'type', at: '', expected: 'a RaftImplementation { name, create(config) } (see docs/contract.md)', value };

/** What `create(config)` must be given; the simulator always keeps it, a caller by hand may not. */
export const NODE_CONFIG: ArgumentRule = shaped('a NodeConfig { id, members, options, random, persisted }', {
  id: integer(1),
  members: arrayOf(integer(1)),
  options: shaped('a CoreOptions object', {}),
  random: shaped('a RandomSource { next() }', { next: func }),
  persisted: nullable(shaped('a PersistentState { hardState, log }', { hardState: shaped('a HardState { term, votedFor }', { term: integer(0) }), log: arrayOf() })),
});
