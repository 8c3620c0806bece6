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

  it('refuses values out of range, and a lease with CheckQuorum switched off, with one line and exit 2', () => {
    for (const [policies, mentions] of [
      [['maxInflightAppends=0'], 'maxInflightAppends must be a whole number from 1 to 10000'],
      [['snapshotThreshold=x'], 'snapshotThreshold must be a whole number from 0 to 1000000'],
      [['leaseReads=yes'], 'leaseReads must be true or false'],
      [['leaseReads=true', 'checkQuorum=false'], "--policy leaseReads=true needs checkQuorum=true (a lease relies on CheckQuorum's leader stickiness), but checkQuorum=false is given too"],
    ] as const) {
      const result = raftsim(['run', ...policies.flatMap((policy) => ['--policy', policy])]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toContain(mentions);
    }
  });

  it('a lease brings CheckQuorum along, and CheckQuorum off takes lease reads off, whatever each seed drew', () => {
    // Seeds 2 and 8 draw CheckQuorum off; seed 5 draws lease reads on.
    for (const policy of ['leaseReads=true', 'checkQuorum=false']) {
      const result = raftsim(['explore', '--seeds', '8', '--duration', '1s', '--policy', policy, '--json']);
      expect(result.stderr, policy).toBe('');
      expect(result.status, policy).toBe(0);
      expect(JSON.parse(result.stdout), policy).toMatchObject({ seeds: 8, passed: 8 });
    }
    const lease = raftsim(['run', '--seed', '2', '--duration', '1s', '--policy', 'leaseReads=true', '--json']);
    expect(lease.status).toBe(0);
    expect(JSON.parse(lease.stdout).replay).toBe('npx raftsim run --seed 2 --duration 1s --policy leaseReads=true');
  });
});
