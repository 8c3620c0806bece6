/**
 * `--impl PATH`: loads another implementation of the node contract from a module (JavaScript as it is,
 * TypeScript through tsx), and names what is missing or of the wrong shape before anything runs.
 *
 * Every ordinary shape of module loads: an ES module (.mjs, or .js under "type": "module") with a
 * default or a named `implementation` export; a CommonJS module (.cjs, or .js elsewhere) that sets
 * `module.exports`, `exports.implementation` or `exports.default`; TypeScript (.ts, .mts, .cts) with
 * either export. Node hands a CommonJS module to `import()` as its default export, so TypeScript that
 * tsx compiles to CommonJS (a .ts file outside a "type": "module" package, a .cts file) shows its
 * `export default` as the default export's `default`: that is looked at too.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { implementationShapeProblem, nodeShapeProblem, SAMPLE_NODE_CONFIG } from '../core/index.js';
import type { RaftImplementation } from '../core/index.js';
import { chooseImplementation, UsageError } from './arguments.js';

export interface ImplementationSelection {
  readonly implementation: RaftImplementation;
  /** The known bug switched on, for replay commands; null otherwise. */
  readonly bug: string | null;
  /** The module given with --impl, as the user wrote it, for replay commands; null otherwise. */
  readonly implPath: string | null;
}

export async function selectImplementation(bug: unknown, impl: unknown): Promise<ImplementationSelection> {
  if (impl === undefined || impl === null) return { ...chooseImplementation(bug), implPath: null };
  if (bug !== undefined && bug !== null) throw new UsageError('--bug cannot be combined with --impl: --bug switches a known bug on in the reference core');
  const path = String(impl);
  return { implementation: await loadImplementation(path), bug: null, implPath: path };
}

export async function loadImplementation(path: string): Promise<RaftImplementation> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new UsageError(`--impl ${path}: no such file`);
  if (statSync(absolute).isDirectory()) throw new UsageError(`--impl ${path}: is a folder; name the module file`);
  let module: Record<string, unknown>;
  try {
    module = await importModule(absolute);
  } catch (error) {
    throw new UsageError(`${path}: cannot load it: ${firstLine(error)}`);
  }
  const implementation = exportedImplementation(path, module);
  let node: unknown;
  try {
    node = implementation.create(SAMPLE_NODE_CONFIG);
  } catch (error) {
    throw new UsageError(`${path}: \`create(config)\` threw for a fresh node of a three-node cluster: ${firstLine(error)}`);
  }
  const nodeProblem = nodeShapeProblem(node);
  if (nodeProblem !== null) throw new UsageError(`${path}: ${nodeProblem}`);
  return implementation;
}

/** Where an implementation may be, in the order looked at, each with its place in words. */
function placesToLook(module: Record<string, unknown>): (readonly [string, unknown])[] {
  const places: (readonly [string, unknown])[] = [
    ['its export `implementation`', module.implementation],
    ['its default export', module.default],
  ];
  const outer = module.default;
  if ((typeof outer === 'object' || typeof outer === 'function') && outer !== null) {
    const commonJs = outer as Record<string, unknown>;
    places.push(['the `implementation` of its CommonJS exports', commonJs.implementation], ['the `default` of its CommonJS exports', commonJs.default]);
  }
  // `export const name = …; export function create(…)`: the module is the implementation itself.
  places.push(['its own exports', module]);
  return places;
}

/** The implementation the module exports, or a UsageError naming what is wrong with the export that tried to be one. */
function exportedImplementation(path: string, module: Record<string, unknown>): RaftImplementation {
  const places = placesToLook(module);
  const found = places.find(([, value]) => implementationShapeProblem(value) === null);
  if (found !== undefined) return found[1] as RaftImplementation;
  // The innermost export given is the one meant: a CommonJS `default` rather than the object around it.
  const meant = places.slice(0, -1).reverse().find(([, value]) => value !== undefined && value !== null);
  if (meant === undefined) {
    const names = Object.keys(module);
    const exports = names.length === 0 ? 'it exports nothing' : `it exports ${names.map((name) => `\`${name}\``).join(', ')}`;
    throw new UsageError(`${path}: exports neither \`implementation\` nor a default export that is a RaftImplementation { name, create(config) }; ${exports}`);
  }
  const [where, value] = meant;
  const primary = where === 'its export `implementation`' || where === 'its default export';
  throw new UsageError(`${path}: ${implementationShapeProblem(value)}${primary ? '' : ` (in ${where})`}`);
}

async function importModule(absolute: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(absolute).href;
  if (!/\.[cm]?tsx?$/.test(absolute)) return (await import(url)) as Record<string, unknown>;
  // TypeScript is compiled on the fly by tsx, loaded only when needed.
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
