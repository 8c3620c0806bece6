import type { NodeRules } from '../core/variants.js';

/**
 * Installs every snapshot it receives by throwing its whole log away, even when the log already holds
 * the snapshot's last entry and more (Figure 13 says to keep what follows), and even when the snapshot
 * is older than what it has committed. A delayed or repeated snapshot then drops entries the node
 * has acknowledged, which the leader counted toward a commit.
 */
export function snapshotDropsEntries(): Partial<NodeRules> {
  return { snapshotHandling: () => 'replace-log' };
}
