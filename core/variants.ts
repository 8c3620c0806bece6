/**
 * How a variant of the reference node is made: the reference node consulting other rules at some of
 * its decision points (see rules.ts). With the contract's types, this is all of core a variant may
 * use, so that the reference node's internals stay its own.
 */
import type { NodeConfig, RaftImplementation, RaftNodeInstance } from './contract.js';
import { RaftNode } from './node.js';
import type { NodeRules } from './rules.js';
import { REFERENCE_RULES } from './rules.js';

export type { LeaderView, LogEditor, NodeRules, ReadableLog, SnapshotHandling } from './rules.js';
export { REFERENCE_RULES } from './rules.js';
/** The seal's two checks, for a variant that makes only one of them (see integrity.ts). */
export { checksumProblem, senderProblem } from './integrity.js';
export type { IntegrityLevel } from './integrity.js';

/**
 * An implementation named `name` whose nodes are the reference node with the rules `replacedRules()`
 * returns in place of the reference ones. It is called once per node, so a rule may keep state of its
 * own node in a closure.
 */
export function variantOfReference(name: string, replacedRules: () => Partial<NodeRules>): RaftImplementation {
  return {
    name,
    create: (config: NodeConfig): RaftNodeInstance => new RaftNode(config, { ...REFERENCE_RULES, ...replacedRules() }),
  };
}
