/**
 * Scenario files and trace files, valid ones first, then damaged: the named scenarios written as YAML
 * or JSON, and traces written by short runs, cut, flipped, retyped, nested and inflated, each handed
 * to a command that reads that kind of file (and to some that do not).
 */
import fc from 'fast-check';
import YAML from 'yaml';
import { namedScenarios, scenarioToDocument, scenarioToYaml } from '../../scenarios/index.js';
import type { Damage } from './mutations.js';
import { bytesFlipped, cutShort, fieldChange, replaceAt, wholeFile } from './mutations.js';
import type { HostileCase } from './run-case.js';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Damage to the parsed document: a few of its fields changed, then written out again in the same form. */
function structuralDamage(format: 'yaml' | 'json'): fc.Arbitrary<Damage> {
  return fc.array(fieldChange, { minLength: 1, maxLength: 3 }).map((changes) => ({
    name: changes.map((change) => change.name).join('; '),
    apply: (text: string) => {
      let document: unknown = format === 'json' ? JSON.parse(text) : YAML.parse(text);
      for (const { path, change } of changes) document = replaceAt(document, path, change);
      return utf8(format === 'json' ? JSON.stringify(document, null, 2) : YAML.stringify(document));
    },
  }));
}

function anyDamage(structural: fc.Arbitrary<Damage>): fc.Arbitrary<Damage> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Damage>({ name: 'undamaged', apply: utf8 }) },
    { weight: 2, arbitrary: cutShort },
    { weight: 2, arbitrary: bytesFlipped },
    { weight: 1, arbitrary: wholeFile },
    { weight: 4, arbitrary: structural },
  );
}

const SCENARIO_COMMANDS: readonly ((file: string) => readonly string[])[] = [
  (file) => ['run', '--scenario', file],
  (file) => ['run', '--scenario', file, '--json', '--trace', 'out.jsonl', '--report', 'out.html'],
  (file) => ['replay', file],
  (file) => ['explore', '--scenario', file, '--seeds', '2', '--stats', 'out.csv'],
  (file) => ['report', file],
];

export const scenarioDocumentCase: fc.Arbitrary<HostileCase> = fc
  .tuple(fc.constantFrom(...namedScenarios()), fc.constantFrom<'yaml' | 'json'>('yaml', 'json'), fc.constantFrom(...SCENARIO_COMMANDS))
  .chain(([scenario, format, command]) =>
    anyDamage(structuralDamage(format)).map((damage): HostileCase => {
      const text = format === 'json' ? JSON.stringify(scenarioToDocument(scenario), null, 2) : scenarioToYaml(scenario);
      const file = `damaged.${format}`;
      return { description: `scenario ${scenario.name} as ${format}, ${damage.name}`, args: command(file), files: { [file]: damage.apply(text) } };
    }),
  );

/** Damage to a JSON Lines trace: to one record, or to whole lines (lost, repeated, swapped). */
function traceDamage(): fc.Arbitrary<Damage> {
  const recordChange = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fieldChange).map(([at, change]) => ({
    name: `record at ${(at * 100).toFixed(1)}%: ${change.name}`,
    apply: (text: string) => mapLines(text, at, (line) => JSON.stringify(replaceAt(JSON.parse(line), change.path, change.change))),
  }));
  const lineChange = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.constantFrom('removed', 'repeated', 'swapped with the next')).map(([at, how]) => ({
    name: `line at ${(at * 100).toFixed(1)}% ${how}`,
    apply: (text: string) => {
      const lines = text.split('\n');
      const index = Math.floor(at * Math.max(lines.length - 1, 1));
      if (how === 'removed') lines.splice(index, 1);
      else if (how === 'repeated') lines.splice(index, 0, lines[index]!);
      else lines.splice(index, 2, lines[index + 1] ?? '', lines[index]!);
      return utf8(lines.join('\n'));
    },
  }));
  return anyDamage(fc.oneof(recordChange, lineChange));
}

function mapLines(text: string, at: number, change: (line: string) => string): Uint8Array {
  const lines = text.split('\n');
  const index = Math.floor(at * Math.max(lines.length - 1, 1));
  if (lines[index] !== undefined && lines[index] !== '') lines[index] = change(lines[index]!);
  return utf8(lines.join('\n'));
}

const TRACE_COMMANDS: readonly ((file: string) => readonly string[])[] = [
  (file) => ['report', file],
  (file) => ['report', file, '--html', 'out.html'],
  (file) => ['replay', file],
  (file) => ['run', '--scenario', file],
];

/** Cases built on the traces given, by name: each case damages one of them. */
export function traceFileCase(traces: Readonly<Record<string, string>>): fc.Arbitrary<HostileCase> {
  return fc
    .tuple(fc.constantFrom(...Object.keys(traces)), fc.constantFrom(...TRACE_COMMANDS), fc.constantFrom('damaged.jsonl', 'damaged.json', 'damaged.txt'))
    .chain(([name, command, file]) =>
      traceDamage().map((damage): HostileCase => ({ description: `trace ${name} as ${file}, ${damage.name}`, args: command(file), files: { [file]: damage.apply(traces[name]!) } })),
    );
}
