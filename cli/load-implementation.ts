/**
 * `--impl PATH`: loads another implementation of the node contract from a module (JavaScript as it is,
 * TypeScript through tsx), and names what is missing or of the wrong shape before anything runs.
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
  const exported = module.implementation ?? module.default;
  const problem = implementationShapeProblem(exported);
  if (problem !== null) throw new UsageError(`${path}: ${problem}`);
  const implementation = exported as RaftImplementation;
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
