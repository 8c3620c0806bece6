import { describe, expect, it } from 'vitest';
import { UsageError } from './arguments.js';
import { loadImplementation } from './load-implementation.js';

const SHAPES = 'test/fixtures/module-shapes';

async function loadError(path: string): Promise<string> {
  const error = await loadImplementation(path).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

describe('--impl loads every ordinary shape of module', () => {
  it.each([
    // ES modules: .mjs, or .js and .ts in a "type": "module" package.
    ['esm/module-default.js', 'esm-default'],
    ['esm/module-named.mjs', 'esm-named'],
    ['esm/typescript-default.ts', 'typescript-default-in-module'],
    ['esm/own-exports.js', 'esm-own-exports'],
    // CommonJS: .cjs, or .js outside such a package, whichever way it exports.
    ['commonjs/module-exports.js', 'commonjs-module-exports'],
    ['commonjs/exports-default.cjs', 'commonjs-exports-default'],
    ['commonjs/exports-implementation.cjs', 'commonjs-exports-implementation'],
    // TypeScript outside such a package: .ts and .cts compile to CommonJS, .mts to an ES module.
    ['commonjs/typescript-default.ts', 'typescript-default-in-commonjs'],
    ['commonjs/typescript-named.ts', 'typescript-named-in-commonjs'],
    ['commonjs/typescript-default.cts', 'cts-default'],
    ['commonjs/typescript-default.mts', 'mts-default'],
  ])('%s', async (file, name) => {
    const implementation = await loadImplementation(`${SHAPES}/${file}`);
    expect(implementation.name).toBe(name);
    expect(typeof implementation.create).toBe('function');
  });
});

describe('--impl names the real problem with a module that exports no implementation', () => {
  it('a TypeScript default export without a name, compiled to CommonJS, is named as that export', async () => {
    expect(await loadError(`${SHAPES}/commonjs/nameless-default.ts`)).toBe(
      `${SHAPES}/commonjs/nameless-default.ts: export \`name\` must be a non-empty string (in the \`default\` of its CommonJS exports)`,
    );
  });

  it('a module with neither export lists what it does export', async () => {
    expect(await loadError(`${SHAPES}/esm/no-implementation.js`)).toBe(
      `${SHAPES}/esm/no-implementation.js: exports neither \`implementation\` nor a default export that is a RaftImplementation { name, create(config) }; it exports \`createNode\`, \`version\``,
    );
  });

  it('a wrong `implementation` export is named as before, with no place added', async () => {
    expect(await loadError('test/fixtures/shapeless-raft.js')).toBe('test/fixtures/shapeless-raft.js: export `create` must be a function');
  });
});
