/** The parts of raftsim whose tests are measured by mutation (mutation/parts.json), each with its target. */
import { readFileSync } from 'node:fs';

export interface MutationPart {
  /** The name `npm run mutate -- NAME` takes, and the name of its report and incremental files. */
  readonly name: string;
  readonly title: string;
  readonly targetPercent: number;
  /** Globs of the files mutated; a leading `!` leaves files out. */
  readonly mutate: readonly string[];
  /** Globs of the test files run against the part's mutants. */
  readonly tests: readonly string[];
}

function isPart(value: unknown): value is MutationPart {
  const part = value as Partial<MutationPart>;
  const strings = (list: unknown) => Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === 'string');
  return typeof part.name === 'string' && typeof part.title === 'string' && typeof part.targetPercent === 'number' && strings(part.mutate) && strings(part.tests);
}

function readParts(): MutationPart[] {
  const { parts } = JSON.parse(readFileSync(new URL('./parts.json', import.meta.url), 'utf8')) as { parts: unknown[] };
  const bad = parts.findIndex((part) => !isPart(part));
  if (bad >= 0) throw new Error(`mutation/parts.json: part ${bad + 1} needs a name, a title, a targetPercent and non-empty lists mutate and tests`);
  return parts as MutationPart[];
}

export const MUTATION_PARTS: readonly MutationPart[] = readParts();
