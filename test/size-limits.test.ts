/**
 * Small files with one job, functions that fit on a screen: no source file over 600 lines and no
 * function over 80, tests aside. Functions are found with the TypeScript parser, so nested functions,
 * methods, arrow functions and accessors are each measured on their own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';
import { sourceFiles } from './source-files.js';

const MAX_FILE_LINES = 600;
const MAX_FUNCTION_LINES = 80;
const SOURCE_FOLDERS = ['core', 'bugs', 'sim', 'scenarios', 'conformance', 'formats', 'reports', 'bench', 'cli'];


/** Every function in a file that spans more than the limit, as "file:line name (N lines)". */
export function longFunctions(path: string, text: string, limit: number): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > limit) {
        const named = node.name ?? (ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent) ? node.parent.name : undefined);
        const name = named !== undefined && ts.isIdentifier(named) ? named.text : '(anonymous)';
        found.push(`${path}:${first + 1} ${name} (${lines} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('size limits', () => {
  const files = SOURCE_FOLDERS.flatMap(sourceFiles).concat(['index.ts']);

  it(`no source file is over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((file) => [file, readFileSync(join(ROOT, file), 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > MAX_FILE_LINES)
      .map(([file, lines]) => `${file} (${lines} lines)`);
    expect(long).toEqual([]);
  });

  it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files.flatMap((file) => longFunctions(file, readFileSync(join(ROOT, file), 'utf8'), MAX_FUNCTION_LINES));
    expect(long).toEqual([]);
  });

  it('the measure finds a long function, nested or not', () => {
    const body = Array.from({ length: 90 }, (_, index) => `  const value${index} = ${index};`).join('\n');
    const text = `export function outer(): void {\n  const inner = () => {\n${body}\n  };\n  inner();\n}\n`;
    expect(longFunctions('sample.ts', text, MAX_FUNCTION_LINES)).toEqual(['sample.ts:1 outer (95 lines)', 'sample.ts:2 inner (92 lines)']);
  });
});
