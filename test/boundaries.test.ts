/**
 * The boundaries inside the layers that the import table of tidy.test.ts cannot see: the engine knows
 * no Raft, one place calls an implementation, reports compute nothing, and command lines belong to the
 * CLI alone.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';
import { sourceFiles } from './source-files.js';


/** The code of a file without its comments, line by line (comments may name commands and files freely). */
function codeLines(file: string): string[] {
  return readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
    .split('\n')
    .map((line) => line.replace(/(^|\s)\/\/.*$/, ''));
}

/** Each import's specifier and, for value imports, the names it brings in. */
function imports(file: string): { specifier: string; values: string[] }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*import\s+(type\s+)?([^'"]*?)\s*from\s+['"]([^'"]+)['"]/g)].map((match) => {
    const names = match[1] !== undefined ? [] : [...(match[2] ?? '').matchAll(/(?:^|[{,])\s*(?!type\s)([A-Za-z_$][\w$]*)/g)].map((name) => name[1]!);
    return { specifier: match[3]!, values: names };
  });
}

function target(file: string, specifier: string): string {
  return relative(ROOT, resolve(ROOT, dirname(file), specifier));
}

describe('boundaries inside the layers', () => {
  it('the engine knows no Raft: sim/engine/ imports nothing outside itself', () => {
    const offences = sourceFiles('sim/engine').flatMap((file) =>
      imports(file)
        .filter(({ specifier }) => specifier.startsWith('.') && !target(file, specifier).startsWith('sim/engine/'))
        .map(({ specifier }) => `${file} imports ${specifier}`),
    );
    expect(offences).toEqual([]);
  });

  it('one place calls an implementation: only sim/cluster/node-control.ts reaches a node instance', () => {
    const offences = sourceFiles('sim')
      .filter((file) => file !== 'sim/cluster/node-control.ts')
      .flatMap((file) => codeLines(file).map((line, index) => [file, index + 1, line] as const))
      .filter(([, , line]) => /\.instance!?\.|implementation\.create\(/.test(line))
      .map(([file, number, line]) => `${file}:${number}: ${line.trim()}`);
    expect(offences).toEqual([]);
  });

  it('command lines are built in cli/ alone', () => {
    const offences: string[] = [];
    for (const folder of ['core', 'bugs', 'sim', 'scenarios', 'conformance', 'formats', 'reports', 'bench']) {
      for (const file of sourceFiles(folder)) {
        codeLines(file).forEach((line, index) => {
          if (/npx raftsim|['"`]--[a-z]/.test(line)) offences.push(`${file}:${index + 1}: ${line.trim()}`);
        });
      }
    }
    expect(offences).toEqual([]);
  });

  it('reports/ renders: from the layers below it takes data, descriptions and the trace fold, never a computation', () => {
    // Names that describe or decode; anything else a report needs is computed below and passed in.
    const allowed = new Set(['describeFault', 'describeExpectation', 'describeTimed', 'rangeLabel', 'ROLE_NAMES', 'TraceKind', 'TRACE_KIND_NAMES', 'DROP_REASON_NAMES', 'MESSAGE_CODE', 'ClusterFold', 'PROTOCOL_COVERAGE_FAMILIES']);
    // The checks of a public function's arguments, and the shapes of what it takes, compute nothing a report shows.
    const argumentChecks = (path: string) => path === 'core/argument-checks.js' || path.endsWith('/argument-rules.js');
    const offences = sourceFiles('reports').flatMap((file) =>
      imports(file)
        .filter(({ specifier }) => specifier.startsWith('.') && !target(file, specifier).startsWith('reports/') && !argumentChecks(target(file, specifier)))
        .flatMap(({ specifier, values }) => values.filter((name) => !allowed.has(name)).map((name) => `${file} takes ${name} from ${specifier}`)),
    );
    expect(offences).toEqual([]);
  });

  it('the import reader tells type imports from value imports', () => {
    expect(imports('reports/seed-statistics-report.ts').every(({ values }) => values.length === 0)).toBe(true);
    expect(imports('reports/scenario-report.ts').some(({ values }) => values.includes('describeExpectation'))).toBe(true);
  });
});
