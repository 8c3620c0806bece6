import type { SnapshotHandling } from '../node.js';
import { RaftNode } from '../node.js';
import type { Snapshot } from '../types.js';

/**
 * Installs every snapshot it receives by throwing its whole log away, even when the log already holds
 * the snapshot's last entry and more (Figure 13 says to keep what follows), and even when the snapshot
 * is older than what it has committed. A delayed or repeated snapshot then drops entries the node
 * has acknowledged, which the leader counted toward a commit.
 */
export class SnapshotDropsEntriesNode extends RaftNode {
  protected override snapshotHandling(_snapshot: Snapshot): SnapshotHandling {
    return 'replace-log';
  }
}
