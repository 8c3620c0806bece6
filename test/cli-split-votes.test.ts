import { describe, expect, it } from 'vitest';
import { raftsim } from './cli-process.js';
import { expectUsageError } from './usage-error.js';

describe('raftsim experiment split-votes', () => {
  const args = ['experiment', 'split-votes', '--trials', '6', '--tick', '0.5', '--latency', '20,10-20', '--failures', '2'];

  it('prints each case’s measured split-vote rate beside the model’s and the dissertation’s, and the command that regenerates it', () => {
    const run = raftsim([...args, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ experiment: 'split-votes', nodes: 5, timeoutRangeMs: [100, 200], tickMs: 0.5, trialsPerCase: 6, seed: 1, violations: [] });
    expect(report.command).toBe(`raftsim ${[...args, '--json'].join(' ')}`);
    const [fixed, varied] = report.cases;
    expect(fixed).toMatchObject({ failures: 2, available: 3, latencyMs: '20', latencyFraction: '0.2', predictedSplitVoteRate: 0.488, publishedSplitVoteRate: 0.5 });
    expect(varied).toMatchObject({ latencyMs: '10-20', predictedSplitVoteRate: null, publishedSplitVoteRate: 0.4 });
  });

  it('writes CSV below its command, version and seed; the recorded command gives the same output again', () => {
    const first = raftsim(args);
    expect(first.status).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe(`# command: raftsim ${args.join(' ')}`);
    expect(lines[2]).toBe('nodes,failures,available,latencyMs,latencyFraction,trials,capped,splitVoteRate,predictedSplitVoteRate,publishedSplitVoteRate,meanElectionTerms,predictedElectionTerms,meanMs,predictedMeanMs');
    expect(lines[3]).toMatch(/^5,2,3,20,0\.2,6,0,/);
    expect(raftsim(lines[0]!.replace('# command: raftsim ', '').split(' ')).stdout).toBe(first.stdout);
  });

  it('refuses bad values with one line naming the flag, and exit 2', () => {
    expectUsageError(['experiment', 'split-votes', '--failures', '3'], '--failures');
    expectUsageError(['experiment', 'split-votes', '--failures', 'x'], '--failures');
    expectUsageError(['experiment', 'split-votes', '--latency', ''], '--latency');
    expectUsageError(['experiment', 'split-votes', '--latency', '20-10'], '--latency');
    expectUsageError(['experiment', 'split-votes', '--range', '150-150'], '--range');
    expectUsageError(['experiment', 'split-votes', '--range', 'wide'], '--range');
    expectUsageError(['experiment', 'split-votes', '--tick', '0'], '--tick');
    expectUsageError(['experiment', 'split-votes', '--trials', '0'], '--trials');
    expectUsageError(['experiment', 'split-votes', '--nodes', '2'], '--nodes');
  });
});
