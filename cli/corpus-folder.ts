/**
 * A guided exploration's corpus on disk (`--corpus DIR`): one JSON file per entry, named by its content,
 * each written whole or not at all; so that runs in CI, and shards side by side, add to one folder and
 * an exploration resumes from what is there. A file that does not read back is bad input.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusEntryFileName, corpusEntryFromJson, corpusEntryToJson, MAX_SCENARIO_FILE_BYTES } from '../scenarios/index.js';
import type { CorpusEntry } from '../scenarios/index.js';
import { UsageError } from './arguments.js';
import { writeOutputFile } from './write-file.js';

const ENTRY_FILE = /^entry-[0-9a-f]{16}\.json$/;

/**
 * The most entries a folder may hold. A corpus keeps a run only for a feature no run before it reached
 * (or reached as often), so even a long shared one stays in the hundreds; a folder far beyond that is
 * not a corpus, and is refused before anything is read.
 */
export const MAX_CORPUS_ENTRIES = 20_000;

/** The folder's entries in file-name order (so every reader takes them in one order); none when it does not exist yet. */
export function loadCorpusFolder(folder: string, flag: string): CorpusEntry[] {
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (stats === undefined) return [];
  if (!stats.isDirectory()) throw new UsageError(`${flag} ${folder}: not a folder`);
  const names = readdirSync(folder).filter((file) => ENTRY_FILE.test(file));
  if (names.length > MAX_CORPUS_ENTRIES) throw new UsageError(`${flag} ${folder}: ${names.length} entries, more than the ${MAX_CORPUS_ENTRIES} a corpus may hold`);
  const entries: CorpusEntry[] = [];
  for (const name of names.sort()) {
    const path = join(folder, name);
    let text: string | null;
    try {
      // An entry is one scenario and its features: larger than a scenario file may be, it is not one.
      text = statSync(path).size > MAX_SCENARIO_FILE_BYTES ? null : readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(`${flag}: ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    if (text === null) throw new UsageError(`${flag}: ${path}: larger than the ${MAX_SCENARIO_FILE_BYTES} bytes an entry may take`);
    const parsed = corpusEntryFromJson(text);
    if (!parsed.ok) throw new UsageError(`${flag}: ${path}: not a corpus entry: ${parsed.problem}`);
    entries.push(parsed.entry);
  }
  return entries;
}

/** Writes entries into the folder, each atomically; an entry already there is the same file and is written again alike. */
export function writeCorpusEntries(folder: string, entries: readonly CorpusEntry[]): void {
  if (entries.length === 0) return;
  mkdirSync(folder, { recursive: true });
  for (const entry of entries) writeOutputFile(join(folder, corpusEntryFileName(entry)), corpusEntryToJson(entry));
}
