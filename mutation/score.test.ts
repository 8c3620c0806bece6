import { describe, expect, it } from 'vitest';
import { groupOf, scoreOf, summarize } from './score.js';
import type { MutantStatus, MutationReport, ReportedMutant } from './score.js';

let next = 0;
function mutant(status: MutantStatus, line = 1, statusReason?: string): ReportedMutant {
  next++;
  return { id: String(next), mutatorName: 'ConditionalExpression', replacement: 'true', status, location: { start: { line, column: 5 } }, ...(statusReason === undefined ? {} : { statusReason }) };
}

describe('mutation scores', () => {
  it('counts killed and timed-out mutants as detected, survivors and uncovered ones against, and leaves out refused and equivalent ones', () => {
    const score = scoreOf([mutant('Killed'), mutant('Killed'), mutant('Timeout'), mutant('Survived'), mutant('NoCoverage'), mutant('CompileError'), mutant('Ignored'), mutant('RuntimeError')]);
    expect(score).toEqual({ detected: 3, undetected: 2, valid: 5, ignored: 1, percent: 60 });
    expect(scoreOf([]).percent).toBe(100);
  });

  it('puts each measured file in its part and nothing else in any', () => {
    expect(groupOf('core/node/elections.ts')?.name).toBe('core');
    expect(groupOf('sim/checkers/election-safety.ts')?.name).toBe('checkers and host rules');
    expect(groupOf('sim/checking/server-rules.ts')?.name).toBe('checkers and host rules');
    expect(groupOf('sim/cluster/network.ts')?.name).toBe('fault model');
    expect(groupOf('sim/cluster/disk.ts')?.name).toBe('fault model');
    expect(groupOf('scenarios/expectations.ts')?.name).toBe('scenario expectations');
    expect(groupOf('sim/cluster/node-control.ts')).toBeUndefined();
    expect(groupOf('reports/markdown.ts')).toBeUndefined();
  });

  it('names a part that misses its target, and lists every survivor with its code and every equivalent with its reason', () => {
    const report: MutationReport = {
      files: {
        'core/log.ts': { source: 'const a = 1;\nif (index > last) return;\n', mutants: [mutant('Killed'), mutant('Survived', 2), mutant('Ignored', 2, 'the bound is checked again by the caller')] },
        'sim/cluster/disk.ts': { mutants: [mutant('Killed'), mutant('Killed'), mutant('Killed'), mutant('NoCoverage')] },
      },
    };
    const { markdown, missed } = summarize(report);
    expect(missed).toEqual(['core']);
    expect(markdown).toContain('| core | 50.0% | 1 | 1 | 1 | 85% | no |');
    expect(markdown).toContain('| fault model | 75.0% | 3 | 1 | 0 | 75% | yes |');
    expect(markdown).toContain('| `core/log.ts:2:5` | ConditionalExpression | `if (index > last) return;` | `true` |');
    expect(markdown).toContain('| `sim/cluster/disk.ts:1:5` | ConditionalExpression | `` | no test runs it: `true` |');
    expect(markdown).toContain('the bound is checked again by the caller |');
    expect(markdown).toContain('## Undetected mutants (2)');
    expect(markdown).toContain('## Set aside as equivalent (1)');
  });

  it('meets every target when nothing survives', () => {
    expect(summarize({ files: { 'core/quorum.ts': { mutants: [mutant('Killed')] } } }).missed).toEqual([]);
  });
});
