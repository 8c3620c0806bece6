import { describe, expect, it } from 'vitest';
import { raftsim } from './cli-process.js';

describe('policies beyond Figure 2 on the command line', () => {
  it('switches snapshots, lease reads and the in-flight window on a seed, and the replay command carries them', () => {
    const args = ['run', '--seed', '5', '--policy', 'snapshotThreshold=10', '--policy', 'checkQuorum=true', '--policy', 'leaseReads=true', '--policy', 'maxInflightAppends=4', '--json'];
    const result = raftsim(args);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.replay).toBe(
      'npx raftsim run --seed 5 --duration 10s --policy snapshotThreshold=10 --policy checkQuorum=true --policy leaseReads=true --policy maxInflightAppends=4',
    );
    expect(report.stats.snapshots).toBeGreaterThan(0);
  });

  it('refuses values out of range and a lease without CheckQuorum, with one line and exit 2', () => {
    for (const [policy, mentions] of [
      ['maxInflightAppends=0', 'maxInflightAppends must be a whole number from 1 to 10000'],
      ['snapshotThreshold=x', 'snapshotThreshold must be a whole number from 0 to 1000000'],
      ['leaseReads=yes', 'leaseReads must be true or false'],
    ] as const) {
      const result = raftsim(['run', '--policy', policy]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toContain(mentions);
    }
    const lease = raftsim(['run', '--faults', 'none', '--policy', 'leaseReads=true']);
    expect(lease.status).toBe(2);
    expect(lease.stderr.trim().split('\n')).toHaveLength(1);
    expect(lease.stderr).toContain('leaseReads needs checkQuorum');
  });
});
