/**
 * The corpus of coverage-guided exploration: the scenarios that reached a protocol-coverage feature
 * (sim/coverage/protocol-coverage.ts) no run before them had, and how many runs reached each feature.
 * An entry is data, written as one JSON file named by its content, so that two shards that keep the
 * same scenario write the same file and a corpus can be shared and resumed.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from '../scenario.js';
import { scenarioFromDocument, scenarioToDocument } from '../schema.js';

export interface CorpusEntry {
  /** The entry's name, from its content: the same scenario and features give the same id. */
  readonly id: string;
  /** The run that found it. */
  readonly run: number;
  readonly scenario: Scenario;
  /** Every feature its run reached, sorted. */
  readonly features: readonly string[];
}

export const CORPUS_ENTRY_FORMAT = 'raftsim-corpus-entry';
export const CORPUS_ENTRY_VERSION = 1;

export class Corpus {
  readonly entries: CorpusEntry[] = [];
  /** How many runs (and loaded entries) reached each feature, in the order features were first reached. */
  readonly featureRuns = new Map<string, number>();

  /** Takes an entry kept earlier (a corpus folder): its features count as reached once. */
  load(entry: CorpusEntry): void {
    if (this.entries.some((kept) => kept.id === entry.id)) return;
    this.count(entry.features);
    this.entries.push(entry);
  }

  /** Counts a run's features; keeps its scenario when it reached one no run before it had, and returns the new entry. */
  observe(run: number, scenario: Scenario, features: readonly string[]): CorpusEntry | null {
    const fresh = features.some((feature) => !this.featureRuns.has(feature));
    this.count(features);
    if (!fresh) return null;
    const entry = corpusEntry(run, scenario, features);
    this.entries.push(entry);
    return entry;
  }

  get featuresReached(): number {
    return this.featureRuns.size;
  }

  private count(features: readonly string[]): void {
    for (const feature of features) this.featureRuns.set(feature, (this.featureRuns.get(feature) ?? 0) + 1);
  }
}

export function corpusEntry(run: number, scenario: Scenario, features: readonly string[]): CorpusEntry {
  const sorted = [...new Set(features)].sort();
  const id = createHash('sha256')
    .update(JSON.stringify({ scenario: scenarioToDocument(scenario), features: sorted }))
    .digest('hex')
    .slice(0, 16);
  return { id, run, scenario, features: sorted };
}

/** The file name an entry is written under. */
export function corpusEntryFileName(entry: CorpusEntry): string {
  return `entry-${entry.id}.json`;
}

export function corpusEntryToJson(entry: CorpusEntry): string {
  return JSON.stringify({ format: CORPUS_ENTRY_FORMAT, version: CORPUS_ENTRY_VERSION, run: entry.run, features: entry.features, scenario: scenarioToDocument(entry.scenario) }, null, 2) + '\n';
}

export type CorpusEntryParse = { readonly ok: true; readonly entry: CorpusEntry } | { readonly ok: false; readonly problem: string };

/** Reads an entry back; a problem names what is wrong with the text. */
export function corpusEntryFromJson(text: string): CorpusEntryParse {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  if (typeof document !== 'object' || document === null) return { ok: false, problem: 'not a JSON object' };
  const { format, version, run, features, scenario } = document as Record<string, unknown>;
  if (format !== CORPUS_ENTRY_FORMAT) return { ok: false, problem: `format must be "${CORPUS_ENTRY_FORMAT}"` };
  if (version !== CORPUS_ENTRY_VERSION) return { ok: false, problem: `version must be ${CORPUS_ENTRY_VERSION}` };
  if (!Number.isSafeInteger(run) || (run as number) < 0) return { ok: false, problem: 'run must be a whole number' };
  if (!Array.isArray(features) || !features.every((feature) => typeof feature === 'string')) return { ok: false, problem: 'features must be a list of strings' };
  const parsed = scenarioFromDocument(scenario);
  if (!parsed.ok) return { ok: false, problem: `scenario.${parsed.problem}` };
  return { ok: true, entry: corpusEntry(run as number, parsed.scenario, features as string[]) };
}
