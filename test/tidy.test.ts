import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';
import { sourceFiles } from './source-files.js';


/** What breaks determinism, and what to use instead. */
const BANNED: readonly { pattern: RegExp; instead: string }[] = [
  { pattern: /\bMath\.random\s*\(/, instead: 'a RandomStream from sim/engine/random-streams.ts' },
  { pattern: /\bDate\.now\s*\(|\bnew Date\s*\(/, instead: 'the virtual clock' },
  { pattern: /\bperformance\.now\s*\(/, instead: 'the virtual clock' },
  { pattern: /\bprocess\.hrtime\b/, instead: 'the virtual clock' },
  { pattern: /\b(setTimeout|setInterval|setImmediate)\s*\(/, instead: 'an event on the simulation queue' },
  { pattern: /\bcrypto\.randomUUID\s*\(|\brandomUUID\s*\(/, instead: 'an identifier derived from the seed' },
];

describe('determinism hygiene', () => {
  it('core/, bugs/ and sim/ use no clock, timer or unseeded randomness', () => {
    const offences: string[] = [];
    for (const file of [...sourceFiles('core'), ...sourceFiles('bugs'), ...sourceFiles('sim')]) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          for (const { pattern, instead } of BANNED) {
            if (pattern.test(line)) offences.push(`${file}:${index + 1}: ${line.trim()} (use ${instead})`);
          }
        });
    }
    expect(offences).toEqual([]);
  });

  it('the hygiene check itself catches each banned call', () => {
    const samples = ['Math.random()', 'Date.now()', 'new Date()', 'performance.now()', 'process.hrtime.bigint()', 'setTimeout(f, 1)', 'crypto.randomUUID()'];
    for (const sample of samples) expect(BANNED.some(({ pattern }) => pattern.test(sample)), sample).toBe(true);
  });
});

/** Each layer may import only from itself and the layers before it. */
const LAYERS = ['core', 'bugs', 'bridge', 'sim', 'scenarios', 'conformance', 'formats', 'reports', 'bench', 'cli'] as const;
const ALLOWED: Record<(typeof LAYERS)[number], readonly string[]> = {
  core: ['core'],
  // Variants of the reference node, each with one rule broken: they need the node and nothing else.
  bugs: ['core', 'bugs'],
  // A node of the contract whose code is a program in another process: the contract is all it needs.
  bridge: ['core', 'bridge'],
  sim: ['core', 'sim'],
  scenarios: ['core', 'sim', 'scenarios'],
  // Beside scenarios: the conformance suite drives nodes by hand and runs the simulator, nothing more.
  conformance: ['core', 'sim', 'conformance'],
  // The file formats (trace files, JSON results): read and written by reports and the CLI alike.
  formats: ['core', 'sim', 'scenarios', 'formats'],
  reports: ['core', 'sim', 'scenarios', 'formats', 'reports'],
  bench: ['core', 'sim', 'bench'],
  cli: ['core', 'bugs', 'bridge', 'sim', 'scenarios', 'conformance', 'formats', 'reports', 'bench', 'cli'],
};

/** The contract's types, which bugs/ may name beside core/variants.ts. */
const SURFACE_TYPES: readonly string[] = ['core/contract.js', 'core/messages.js', 'core/types.js'];

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

describe('dependencies point one way: core ← sim ← scenarios (and conformance) ← reports ← cli', () => {
  it('no module imports from a later layer, and core imports nothing from Node', () => {
    const offences: string[] = [];
    for (const layer of LAYERS) {
      for (const file of sourceFiles(layer)) {
        for (const specifier of importsOf(file)) {
          // Pure JavaScript hashes are the one package the core takes: they run in a browser as in Node.
          if (layer === 'core' && !specifier.startsWith('.') && !specifier.startsWith('@noble/hashes/')) offences.push(`${file} imports ${specifier}`);
          if (!specifier.startsWith('.')) continue;
          const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).split('/')[0]!;
          if (!ALLOWED[layer].includes(target)) offences.push(`${file} imports ${specifier} (${layer} may not depend on ${target})`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('bugs/ reaches the node only through its extension surface (core/variants.ts) and the contract types', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('bugs')) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/(?:^|\n)\s*(import|export)( type)?[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        const target = relative(ROOT, resolve(ROOT, dirname(file), match[3]!));
        if (!target.startsWith('core/')) continue;
        const typeOnly = match[2] !== undefined;
        if (target !== 'core/variants.js' && !(typeOnly && SURFACE_TYPES.includes(target))) offences.push(`${file} imports ${match[3]}`);
      }
      if (/\bRaftNode\b/.test(text)) offences.push(`${file} names RaftNode; a variant replaces rules through variantOfReference`);
    }
    expect(offences).toEqual([]);
  });

  it('the import scan finds imports at all', () => {
    expect(importsOf('sim/simulation.ts').some((specifier) => specifier.includes('../core/'))).toBe(true);
  });
});

describe('the simulator favours no implementation', () => {
  it('no source file in sim/ imports the reference node, directly or through core/index', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('sim')) {
      for (const specifier of importsOf(file)) {
        const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '');
        if (target === 'core/node' || target === 'core/index' || target === 'core') offences.push(`${file} imports ${specifier}`);
      }
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (!/^\s*(\/\/|\*)/.test(line) && /\breferenceImplementation\b/.test(line)) offences.push(`${file}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offences).toEqual([]);
  });
});
