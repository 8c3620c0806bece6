import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';
import { DEFAULT_TEST_SEED, testSeed } from './fixed-seeds.js';

/** Draws that differ from one run of the suite to the next. */
const UNSEEDED = /\bMath\.random\s*\(|\bcrypto\.(randomUUID|randomBytes|randomInt|getRandomValues)\s*\(|\bseed:\s*Date\.now\s*\(/;
/** A test that needs unseeded randomness as its subject says so on the same line. */
const ON_PURPOSE = '// unseeded on purpose:';

/** The line's code, with its string literals emptied: a sample of a banned call in quotes is not a call. */
function codeOf(line: string): string {
  return line.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''");
}

function testFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (['node_modules', 'dist', '.stryker-tmp', '.git'].includes(name)) return [];
    if (statSync(join(ROOT, path)).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('randomised tests take fixed seeds', () => {
  it('every fast-check property of this run draws from the suite’s seed', () => {
    expect(fc.readConfigureGlobal().seed).toBe(testSeed());
    const draw = () => fc.sample(fc.integer(), 20);
    expect(draw()).toEqual(draw());
  });

  it('the seed is RAFTSIM_TEST_SEED when given, the pinned default otherwise, and a bad value is refused', () => {
    expect(testSeed({})).toBe(DEFAULT_TEST_SEED);
    expect(testSeed({ RAFTSIM_TEST_SEED: '' })).toBe(DEFAULT_TEST_SEED);
    expect(testSeed({ RAFTSIM_TEST_SEED: '81723' })).toBe(81_723);
    expect(() => testSeed({ RAFTSIM_TEST_SEED: 'soon' })).toThrow('RAFTSIM_TEST_SEED must be an integer, not "soon"');
  });

  it('no test file draws unseeded randomness, unless its subject is exactly that and the line says so', () => {
    const offences = testFiles('.').flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (UNSEEDED.test(codeOf(line)) && !line.includes(ON_PURPOSE) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offences).toEqual([]);
    for (const sample of ['Math.random()', 'crypto.randomUUID()', 'crypto.randomInt(3)', '{ seed: Date.now() }']) expect(UNSEEDED.test(sample), sample).toBe(true);
  });

  it('no test is retried: a test that passes only on a second try fails', () => {
    for (const config of ['vitest.config.ts', 'mutation/vitest.config.ts']) {
      const text = readFileSync(join(ROOT, config), 'utf8');
      expect(text, config).toMatch(/retry: 0,/);
      expect(text, config).toContain("setupFiles: ['test/fixed-seeds.ts']");
    }
  });
});
