/** `raftsim corpus show DIR`: what a guided exploration's corpus holds, entry by entry and feature by feature. */
import { statSync } from 'node:fs';
import { scenarioSize } from '../../scenarios/index.js';
import type { CorpusEntry } from '../../scenarios/index.js';
import { corpusEntryFileName } from '../../scenarios/index.js';
import { UsageError } from '../arguments.js';
import { loadCorpusFolder } from '../corpus-folder.js';
import type { Output } from '../terminal.js';

export interface CorpusShowArguments {
  readonly folder: unknown;
  readonly json: boolean;
}

/** A feature without its hit-count bucket: `leaders:2+#4+` counts towards `leaders:2+`. */
function baseFeature(feature: string): string {
  const bucket = feature.indexOf('#');
  return bucket < 0 ? feature : feature.slice(0, bucket);
}

export function corpusShowCommand(args: CorpusShowArguments, output: Output): number {
  const folder = String(args.folder);
  if (statSync(folder, { throwIfNoEntry: false })?.isDirectory() !== true) throw new UsageError(`corpus show: ${folder} is not a folder`);
  const entries = loadCorpusFolder(folder, 'corpus show');
  const holders = new Map<string, number>();
  for (const entry of entries) for (const feature of new Set(entry.features.map(baseFeature))) holders.set(feature, (holders.get(feature) ?? 0) + 1);
  const rows = entries.map((entry) => describeEntry(entry, holders));
  const families = new Map<string, number>();
  for (const feature of [...holders.keys()].sort()) families.set(feature.split(':')[0]!, (families.get(feature.split(':')[0]!) ?? 0) + 1);
  if (args.json) {
    output.out(JSON.stringify({ folder, entries: rows, features: Object.fromEntries([...holders].sort(([a], [b]) => a.localeCompare(b))), families: Object.fromEntries(families) }, null, 2));
    return 0;
  }
  output.out(`${folder}: ${entries.length} entries covering ${holders.size} protocol-coverage features`);
  for (const row of rows) {
    output.out(`  ${row.file}  run ${row.run} · ${row.nodes} nodes, ${row.actions} actions · ${row.features} features${row.only.length > 0 ? ` · alone holds ${row.only.join(', ')}` : ''}`);
  }
  output.out(`features by family: ${[...families].map(([family, count]) => `${family} ${count}`).join(', ')}`);
  return 0;
}

function describeEntry(entry: CorpusEntry, holders: ReadonlyMap<string, number>) {
  const size = scenarioSize(entry.scenario);
  const features = [...new Set(entry.features.map(baseFeature))];
  return {
    file: corpusEntryFileName(entry),
    run: entry.run,
    nodes: size.nodes,
    actions: size.actions,
    features: features.length,
    /** The features no other entry holds: why it is worth keeping. */
    only: features.filter((feature) => holders.get(feature) === 1),
  };
}
