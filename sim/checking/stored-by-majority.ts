/**
 * When is an entry committed? Not when some node says so: §5.3 defines a log entry as committed "once
 * the leader that created the entry has replicated it on a majority of the servers", whether or not
 * anyone has counted the acknowledgements yet. From that moment Leader Completeness (§5.4) holds it:
 * every leader of a later term holds it, because any majority that elects one overlaps the majority
 * that stores it, and a voter that stores it grants its vote only to a candidate at least as up to date
 * (§5.4.2). A node's commit index is only what it has learned.
 *
 * The observer sees no leader at work, only what each node made durable, so the definition reads:
 * the entry e of term T at index i is committed once a majority of the configuration in force at i
 * durably holds e at i, each having stored it while its own durable term was T. A node at term T
 * stores an entry of term T only from the leader of term T (or is that leader): any other sender's
 * AppendEntries carries a higher term, which the node persists before the entries (contract order:
 * hard state, then log). Log Matching (§5.3) then commits every entry before e with it.
 *
 * Why the term at storing matters, Figure 8 (c): the term-2 entry at index 2 reaches a majority only
 * under the leader of term 4, which cannot commit it by counting; a server whose log ends in term 3
 * may still be elected and overwrite it, legitimately. Counted here are only servers that stored it
 * while at term 2: the leader of term 2 and the one follower it reached, a minority.
 *
 * "Durably" is the observed log, which is what the node persisted: a crash keeps it, a disk that lost
 * a write shows the loss when the node restarts, and a retired server's wiped disk holds nothing.
 * "Majority of the configuration in force at i" (§4.1, dissertation §4.2): the last config entry at or
 * before i, identical in every log that holds e by Log Matching; a spare server that holds e but is not
 * a member there does not count. A leader counts with its latest configuration, which may come after i;
 * with single-server changes any majority of the one overlaps any majority of the other, so the entry is
 * safe either way, but the observer may see the commit later than the leader does. That is why a commit
 * a node declares ahead of what is seen here is no violation by itself.
 */
import type { ObservedCluster, ObservedNode } from './observed-cluster.js';

/**
 * The highest index among those `node`'s latest log write stored (from `fromIndex` on) that a majority
 * now stores as committed; 0 if none. Only a write can make an entry committed, and only at the
 * indexes it stored, so this is all the counting a run needs.
 */
export function highestStoredByMajority(cluster: ObservedCluster, node: ObservedNode, fromIndex: number): number {
  const term = node.term;
  let high = node.lastIndex();
  // Only entries of the node's own term count; in a sound log they are its tail.
  while (high >= fromIndex && node.entries[high]!.term !== term) high--;
  // What the history already holds, and this log agrees with, needs no counting.
  const known = Math.min(high, cluster.committedLength());
  const floor = node.prefixHashes.get(known) === cluster.committedPrefixHashes.get(known) ? known + 1 : fromIndex;
  let low = high;
  while (low - 1 >= Math.max(fromIndex, floor) && node.entries[low - 1]!.term === term) low--;
  if (high < Math.max(fromIndex, floor)) return 0;
  // Holders of index i also hold every entry of term T before it, stored no later, so along [low, high]
  // the number of holders can only fall: search each stretch under one configuration, from the top.
  for (let top = high; top >= low; ) {
    const configIndex = lastConfigIndexAtOrBefore(node, top);
    const bottom = Math.max(low, configIndex);
    const found = highestHeld(cluster, node, cluster.configurationAt(node, top), bottom, top);
    if (found !== 0) return found;
    top = bottom - 1;
  }
  return 0;
}

function lastConfigIndexAtOrBefore(node: ObservedNode, index: number): number {
  for (let position = node.configIndexes.length - 1; position >= 0; position--) {
    if (node.configIndexes[position]! <= index) return node.configIndexes[position]!;
  }
  return 0;
}

/** The highest index in [bottom, top] that a majority of `members` stores as `node` does; 0 if none. */
function highestHeld(cluster: ObservedCluster, node: ObservedNode, members: readonly number[], bottom: number, top: number): number {
  const quorum = Math.floor(members.length / 2) + 1;
  if (holders(cluster, node, members, bottom) < quorum) return 0;
  let low = bottom;
  let high = top;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (holders(cluster, node, members, middle) >= quorum) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** How many of `members` durably hold `node`'s log through `index`, having stored its entry there in its own term. */
function holders(cluster: ObservedCluster, node: ObservedNode, members: readonly number[], index: number): number {
  const hash = node.prefixHashes.get(index)!;
  const term = node.entries[index]!.term;
  let count = 0;
  for (let position = 0; position < members.length; position++) {
    const member = cluster.nodes[members[position]! - 1];
    if (member === undefined || member.retired || member.lastIndex() < index) continue;
    if (member.prefixHashes.get(index) === hash && member.storedInTerm.get(index) === term) count++;
  }
  return count;
}
