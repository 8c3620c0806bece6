import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';

/**
 * A TypeScript project as a user starts one: strict, NodeNext, the compiler's default libraries, no
 * @types/node (types: []), and raftsim installed with its dependencies beside it, as npm would lay them
 * out. It must compile with every published declaration file checked (no skipLibCheck).
 */
function consumerProject(source: string): string {
  const project = mkdtempSync(join(tmpdir(), 'raftsim-types-'));
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, 'raftsim'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  writeFileSync(join(modules, 'raftsim', 'package.json'), JSON.stringify(manifest));
  symlinkSync(join(ROOT, 'dist'), join(modules, 'raftsim', 'dist'), 'dir');
  for (const dependency of Object.keys(manifest.dependencies)) {
    // A scoped package (@noble/hashes) lives in a folder of its scope.
    mkdirSync(dirname(join(modules, dependency)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dependency), join(modules, dependency), 'dir');
  }
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', types: [], noEmit: true },
      files: ['main.ts'],
    }),
  );
  writeFileSync(join(project, 'main.ts'), source);
  return project;
}

/** The compiler's complaints about the project, one per line; empty when it compiles. */
function compile(project: string): string {
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('the published types', () => {
  it('compile in a strict project without @types/node: the public API names no chalk or Node types', () => {
    const project = consumerProject(`
import * as api from 'raftsim';
import * as internals from 'raftsim/internals';
import type { Scenario, ScenarioRunResult, TextStyles } from 'raftsim';

const scenario: Scenario = api.scenarioForSeed(81723);
const result: ScenarioRunResult = api.runScenario(scenario);
const plain: string[] = api.renderTimeline(result.run);
const styles: TextStyles = internals.PLAIN_TEXT;
export const lines = [...plain, ...api.renderScenarioSummary(result, 'npx raftsim run --seed 81723', styles)];
export const names = Object.keys(api).length + Object.keys(internals).length;
`);
    expect(compile(project)).toBe('');
  });

  it('the check itself fails when a published type needs Node’s', () => {
    const project = consumerProject(`
import type { Readable } from 'node:stream';
export type NeedsNode = Readable;
`);
    expect(compile(project)).toMatch(/TS2307: Cannot find module 'node:stream'/);
  });
});
