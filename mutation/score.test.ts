import { describe, expect, it } from 'vitest';
import { MUTATION_PARTS } from './parts.js';
import type { MutationPart } from './parts.js';
import { withoutTimeouts } from './forget-timeouts.js';
import { scoreOf, summarize } from './score.js';
import type { MutantStatus, ReportedMutant } from './score.js';

let next = 0;
function mutant(status: MutantStatus, line = 1, statusReason?: string): ReportedMutant {
  next++;
  return { id: String(next), mutatorName: 'ConditionalExpression', replacement: 'true', status, location: { start: { line, column: 5 } }, ...(statusReason === undefined ? {} : { statusReason }) };
}

const part = (name: string, targetPercent: number): MutationPart => ({ name, title: `the ${name}`, targetPercent, mutate: [`${name}/**/*.ts`], tests: [`${name}/**/*.test.ts`] });

describe('mutation scores', () => {
  it('counts killed and timed-out mutants as detected, survivors and uncovered ones against, and leaves out refused and equivalent ones', () => {
    const score = scoreOf([mutant('Killed'), mutant('Killed'), mutant('Timeout'), mutant('Survived'), mutant('NoCoverage'), mutant('CompileError'), mutant('Ignored'), mutant('RuntimeError')]);
    expect(score).toEqual({ detected: 3, timedOut: 1, undetected: 2, valid: 5, ignored: 1, percent: 60 });
    expect(scoreOf([]).percent).toBe(100);
  });

  it('names a part that misses its target or was not run, and lists every survivor with its code and every equivalent with its reason', () => {
    const { markdown, missed } = summarize([
      { part: part('core', 85), report: { files: { 'core/log.ts': { source: 'const a = 1;\nif (index > last) return;\n', mutants: [mutant('Killed'), mutant('Survived', 2), mutant('Ignored', 2, 'the caller checks the bound again')] } } } },
      { part: part('disk', 75), report: { files: { 'sim/cluster/disk.ts': { mutants: [mutant('Killed'), mutant('Timeout'), mutant('Killed'), mutant('NoCoverage')] } } } },
      { part: part('network', 75), report: undefined },
    ]);
    expect(missed).toEqual(['the core', 'the network']);
    expect(markdown).toContain('| the core | 50.0% | 1 | 0 | 1 | 1 | 85% | no |');
    expect(markdown).toContain('| the disk | 75.0% | 3 | 1 | 1 | 0 | 75% | yes |');
    expect(markdown).toContain('| the network | not run | | | | | 75% | no |');
    expect(markdown).toContain('| `core/log.ts:2:5` | ConditionalExpression | `if (index > last) return;` | `true` |');
    expect(markdown).toContain('| `sim/cluster/disk.ts:1:5` | ConditionalExpression | `` | no test runs it: `true` |');
    expect(markdown).toContain('the caller checks the bound again |');
    expect(markdown).toContain('## Undetected mutants (2)');
    expect(markdown).toContain('## Set aside as equivalent (1)');
  });

  it('meets every target when nothing survives', () => {
    expect(summarize([{ part: part('core', 85), report: { files: { 'core/quorum.ts': { mutants: [mutant('Killed')] } } } }]).missed).toEqual([]);
  });

  it('measures the core, the checkers and host rules, the fault model and the expectations, at the targets they must reach', () => {
    const targets = Object.fromEntries(MUTATION_PARTS.map((measured) => [measured.name, measured.targetPercent]));
    expect(targets).toEqual({ expectations: 85, 'fault-model': 75, checkers: 85, 'host-rules': 85, 'core-node': 85, 'core-model': 85 });
    const mutated = MUTATION_PARTS.flatMap((measured) => measured.mutate);
    for (const glob of ['core/node.ts', 'core/node/**/*.ts', 'core/**/*.ts', 'sim/checkers/*.ts', 'sim/checking/*.ts', 'sim/cluster/network.ts', 'sim/cluster/disk.ts', 'sim/cluster/lifecycle.ts', 'scenarios/expectations.ts']) expect(mutated).toContain(glob);
  });
});

describe('retesting timed-out mutants', () => {
  it('forgets exactly the timed-out mutants of every file, keeping every other result and the report around them', () => {
    const report = {
      files: {
        'core/log.ts': { source: 'x', mutants: [mutant('Killed'), mutant('Timeout'), mutant('Survived')] },
        'core/quorum.ts': { mutants: [mutant('Timeout'), mutant('Timeout')] },
      },
      schemaVersion: '1',
    };
    const { report: kept, forgotten } = withoutTimeouts(report);
    expect(forgotten).toBe(3);
    expect(kept.files['core/log.ts']!.mutants.map((one) => one.status)).toEqual(['Killed', 'Survived']);
    expect(kept.files['core/log.ts']!.source).toBe('x');
    expect(kept.files['core/quorum.ts']!.mutants).toEqual([]);
    expect((kept as typeof report).schemaVersion).toBe('1');
    expect(report.files['core/quorum.ts'].mutants).toHaveLength(2);
  });
});
