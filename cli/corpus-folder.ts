/**
 * A guided exploration's corpus on disk (`--corpus DIR`): one JSON file per entry, named by its content,
 * each written whole or not at all; so that runs in CI, and shards side by side, add to one folder and
 * an exploration resumes from what is there. A file that does not read back is bad input.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusEntryFileName, corpusEntryFromJson, corpusEntryToJson } from '../scenarios/index.js';
import type { CorpusEntry } from '../scenarios/index.js';
import { UsageError } from './arguments.js';
import { writeOutputFile } from './write-file.js';

const ENTRY_FILE = /^entry-[0-9a-f]{16}\.json$/;

/** The folder's entries in file-name order (so every reader takes them in one order); none when it does not exist yet. */
export function loadCorpusFolder(folder: string, flag: string): CorpusEntry[] {
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (stats === undefined) return [];
  if (!stats.isDirectory()) throw new UsageError(`${flag} ${folder}: not a folder`);
  const entries: CorpusEntry[] = [];
  for (const name of readdirSync(folder).filter((file) => ENTRY_FILE.test(file)).sort()) {
    const path = join(folder, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(`${flag}: ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
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
