import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message, RaftImplementation } from '../../core/index.js';
import { referenceImplementation } from '../../core/index.js';
import { findNamedScenario, runScenario, scenarioForSeed } from '../../scenarios/index.js';
import type { Scenario, ScenarioRunResult } from '../../scenarios/index.js';
import { parseTraceText } from './read.js';
import { TraceFileStream } from './stream.js';
import { traceToJsonLines } from './write.js';

const folder = mkdtempSync(join(tmpdir(), 'raftsim-stream-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The file a streamed run writes, and the scratch file it used. */
function streamed(scenario: Scenario, replay: string, implementation: RaftImplementation = referenceImplementation): { text: string; scratch: string; result: ScenarioRunResult } {
  const scratch = join(folder, `${scenario.name}-${scenario.seed}.records`);
  const stream = new TraceFileStream(scratch);
  const result = runScenario(scenario, { implementation, traceSink: stream });
  const pieces: Buffer[] = [];
  stream.finish(result, replay, (piece) => pieces.push(typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece)));
  return { text: Buffer.concat(pieces).toString('utf8'), scratch, result };
}

/** What test/golden/golden.json pins for a case's file: the first 16 hex digits of its SHA-256. */
function pinnedFileDigest(name: string): string {
  const golden = JSON.parse(readFileSync(new URL('../../test/golden/golden.json', import.meta.url), 'utf8')) as { cases: Record<string, { file?: string }> };
  return golden.cases[name]!.file!;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

describe('a trace file streamed as the run goes', () => {
  it('is byte for byte the file the golden cases pin for run --seed 7 --trace and run --scenario figure-8 --trace', () => {
    const seed7 = streamed(scenarioForSeed(7, { nodeCount: null, durationMs: 10_000, faults: 'swarm' }), 'npx raftsim run --seed 7 --duration 10s');
    expect(digest(seed7.text)).toBe(pinnedFileDigest('trace file seed 7'));
    const figure8 = findNamedScenario('figure-8')!;
    const figure = streamed(figure8, `npx raftsim run --scenario figure-8 --seed ${figure8.seed}`);
    expect(digest(figure.text)).toBe(pinnedFileDigest('trace file figure-8'));
  });

  it('is byte for byte the file traceToJsonLines writes from a run recorded in full, and removes its scratch file', () => {
    // Seed 8 draws selective message loss: its file names a kind and a drop reason the first version had not.
    const dropping = scenarioForSeed(8, { nodeCount: null, durationMs: 5_000, faults: 'swarm' });
    for (const scenario of [findNamedScenario('split-vote')!, dropping]) {
      const { text, scratch, result } = streamed(scenario, 'replay line');
      const full = runScenario(scenario, { trace: 'full' });
      if (scenario === dropping) expect(JSON.parse(text.slice(0, text.indexOf('\n'))).kinds).toContain('messageFilter');
      expect(result.run.traceHash).toBe(full.run.traceHash);
      expect(text).toBe(traceToJsonLines(full, 'replay line'));
      expect(parseTraceText(text, 'x.jsonl').ok).toBe(true);
      expect(existsSync(scratch)).toBe(false);
    }
  });

  it('writes version 2 when a message carries fields beyond the contract, as the whole-file writer does', () => {
    const withContext: RaftImplementation = {
      name: 'with-context',
      create: (config) => {
        const node = referenceImplementation.create(config);
        return {
          tick: () => node.tick(),
          step: (message) => node.step(message),
          propose: (command) => node.propose(command),
          hasReady: () => node.hasReady(),
          ready: () => {
            const ready = node.ready();
            return { ...ready, messages: ready.messages.map((message: Message) => ({ ...message, context: 'c' })) };
          },
          advance: (ready) => node.advance(ready),
        };
      },
    };
    const scenario = findNamedScenario('split-vote')!;
    const { text } = streamed(scenario, 'replay', withContext);
    expect(JSON.parse(text.slice(0, text.indexOf('\n'))).version).toBe(2);
    expect(text).toBe(traceToJsonLines(runScenario(scenario, { implementation: withContext, trace: 'full' }), 'replay'));
  });

  it('refuses to finish a run that was not streamed into it, and removes its scratch file on discard', () => {
    const scratch = join(folder, 'unused.records');
    const stream = new TraceFileStream(scratch);
    const result = runScenario(findNamedScenario('split-vote')!, { trace: 'hash' });
    expect(() => stream.finish(result, 'replay', () => undefined)).toThrow(/holds 0 of the run's \d+ records/);
    stream.discard();
    expect(existsSync(scratch)).toBe(false);
  });
});
