import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../sim/index.js';
import { exploreSeedScenario } from '../explore.js';
import { corpusEntry, corpusEntryFromJson, corpusEntryToJson } from './corpus.js';
import { guidedExplore, guidingFeatures } from './guided-explore.js';
import { mutantProblem, mutateScenario } from './mutations.js';

const small = { base: { fromSeed: 7, seeds: 12, durationMs: 2000, determinismEvery: 0 }, generationSize: 4 };

describe('guided exploration', () => {
  it('explores the same scenarios in the same order, and mutates the corpus once it holds entries', () => {
    const first = guidedExplore(small);
    const second = guidedExplore(small);
    expect(second.records).toEqual(first.records);
    expect(first.records.map((record) => record.run)).toEqual(Array.from({ length: 12 }, (_, index) => 7 + index));
    // The first generation is planned before any run: all fresh swarm seeds.
    expect(first.records.slice(0, 4).every((record) => record.parent === null)).toBe(true);
    expect(first.records.some((record) => record.parent !== null)).toBe(true);
    expect(first.corpus.length).toBeGreaterThan(0);
  });

  it('draws mutants that are valid scenarios, from the stream alone', () => {
    const parent = exploreSeedScenario(3, { durationMs: 3000 });
    const mutants = (stream: string) => Array.from({ length: 30 }, (_, index) => mutateScenario(parent, new RandomStream(index, stream), { attacks: false, workloadFixed: false }));
    for (const mutant of mutants('a')) expect(mutantProblem(mutant.scenario)).toBeNull();
    expect(mutants('a')).toEqual(mutants('a'));
    expect(new Set(mutants('a').flatMap((mutant) => mutant.mutations)).size).toBeGreaterThan(5);
  });

  it('counts a feature reached more often than before, in powers of two, as a feature of its own', () => {
    expect(guidingFeatures({ 'leaders:2+': 5, 'crash:leader': 1 })).toEqual(['leaders:2+', 'leaders:2+#2+', 'leaders:2+#4+', 'crash:leader']);
  });

  it('writes a corpus entry that reads back the same, under the same name', () => {
    const entry = corpusEntry(12, exploreSeedScenario(12, {}), ['role:follower>candidate', 'crash:leader']);
    const parsed = corpusEntryFromJson(corpusEntryToJson(entry));
    expect(parsed).toEqual({ ok: true, entry });
    expect(corpusEntryFromJson('{"format":"raftsim-corpus-entry","version":1,"run":1,"features":[],"scenario":{"name":"X"}}')).toMatchObject({ ok: false });
  });
});
