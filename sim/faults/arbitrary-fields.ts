/**
 * fast-check arbitraries for the nodes a fault names, over nodes 1..nodes. Built only from integers,
 * constants and arrays, so that fast-check can shrink a value it did not generate itself.
 */
import fc from 'fast-check';
import type { NodeRef, NodeSelection } from './actions.js';

export function nodeNumberArbitrary(nodes: number): fc.Arbitrary<number> {
  return fc.integer({ min: 1, max: nodes });
}

export function nodeRefArbitrary(nodes: number): fc.Arbitrary<NodeRef> {
  return fc.oneof(nodeNumberArbitrary(nodes), fc.constantFrom<NodeRef>('leader', 'follower'));
}

/** Any selection: a node, a role, a list of them, or a named set. */
export function nodeSelectionArbitrary(nodes: number): fc.Arbitrary<NodeSelection> {
  return fc.oneof(
    nodeRefArbitrary(nodes),
    fc.array(nodeRefArbitrary(nodes), { minLength: 1, maxLength: nodes }),
    fc.constantFrom<NodeSelection>('all', 'followers', 'rest', 'any-minority', 'any-majority', 'none'),
  );
}
