/**
 * Cutting a trace into the explorer's windows: together the windows hold every record once, in order,
 * each about the size asked for, and each starts from the cluster exactly as a fold of every record
 * before it leaves it, so a window shows on its own what the whole trace shows at the same record.
 */
import { describe, expect, it } from 'vitest';
import { TraceStreamReader } from '../../formats/index.js';
import type { TraceFileEvent } from '../../formats/index.js';
import { traceToJsonLines } from '../../formats/trace-file/write.js';
import { findNamedScenario, runScenario, scenarioForSeed } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/index.js';
import { ClusterFold } from '../../sim/trace/cluster-fold.js';
import { TraceKind } from '../../sim/trace/trace.js';
import { unpackFoldState, WINDOW_CALLBACK } from './window-format.js';
import type { WindowedExplorerIndex, WindowFile } from './window-format.js';
import { ExplorerWindows, foldOptions, windowFileName } from './windows.js';

interface Cut {
  readonly text: string;
  readonly events: readonly TraceFileEvent[];
  readonly files: readonly [string, string][];
  readonly index: WindowedExplorerIndex;
}

function cut(scenario: Scenario, windowBytes: number): Cut {
  const text = traceToJsonLines(runScenario(scenario, { trace: 'full' }), 'npx raftsim run');
  const files: [string, string][] = [];
  const events: TraceFileEvent[] = [];
  const windows = new ExplorerWindows({ folder: 'run.windows', windowBytes, writeWindow: (name, content) => files.push([name, content]) });
  const reader = new TraceStreamReader('run.jsonl', {
    header: (header) => windows.header(header),
    record: (event, line, referred) => {
      events.push(event);
      windows.record(event, line, referred);
    },
  });
  reader.push(text);
  const end = reader.end();
  if (!end.ok) throw new Error(end.problem);
  return { text, events, files, index: windows.finish(end.header, end.trailer) };
}

/** What a window file hands the page, as the page's callback receives it. */
function windowData(content: string): WindowFile {
  let data: WindowFile | null = null;
  new Function(WINDOW_CALLBACK, content)((file: WindowFile) => (data = file));
  return data!;
}

const KIND_CODES = new Map(Object.entries(TraceKind));

function foldBefore(cutAt: Cut, record: number): ClusterFold {
  const fold = new ClusterFold(foldOptions(cutAt.index.header));
  for (const event of cutAt.events.slice(0, record)) {
    fold.apply({ kind: KIND_CODES.get(event.kind) ?? -1, timeUs: event.t, node: event.node, peer: event.peer, a: event.a, b: event.b, detail: event.message ?? event.detail ?? null });
  }
  return fold;
}

describe('the windows of a long trace', () => {
  const membership = cut(findNamedScenario('membership-replace-crashed')!, 20_000);
  const swarm = cut(scenarioForSeed(8, { durationMs: 6000 }), 50_000);

  it('hold every record once, in order, in windows of about the size asked for, covering the run without gaps', () => {
    for (const { events, files, index } of [membership, swarm]) {
      expect(files.length).toBeGreaterThan(3);
      expect(files.map(([name]) => name)).toEqual(index.windows.map((place) => windowFileName(place.number)));
      const records = files.flatMap(([, content]) => windowData(content).records);
      expect(records.map((record) => record.i)).toEqual(events.map((event) => event.i));
      let next = 0;
      let fromUs = 0;
      for (const place of index.windows) {
        expect(place).toMatchObject({ firstRecord: next, fromUs, file: `run.windows/${windowFileName(place.number)}` });
        next += place.records;
        fromUs = place.toUs;
      }
      expect(next).toBe(events.length);
      expect(fromUs).toBe(index.trailer.virtualMs * 1000);
    }
    const longestLine = Math.max(...membership.text.split('\n').map((line) => line.length));
    for (const [, content] of membership.files.slice(0, -1)) expect(JSON.stringify(windowData(content).records).length).toBeLessThan(20_000 + 2 * longestLine);
  });

  it('start each from the cluster as every record before it left it, logs included', () => {
    for (const cutAt of [membership, swarm]) {
      for (const [, content] of cutAt.files) {
        const { place, start } = windowData(content);
        expect(unpackFoldState(start)).toEqual(foldBefore(cutAt, place.firstRecord).state());
      }
    }
  });

  it('carry the message of a record whose sending lies in an earlier window, and keep every other record as written', () => {
    let carried = 0;
    for (const [, content] of swarm.files) {
      const { place, records } = windowData(content);
      for (const record of records) {
        const original = swarm.events[record.i]!;
        if (original.ref !== undefined && original.ref < place.firstRecord) {
          carried++;
          const { ref, ...rest } = original;
          expect(record).toEqual({ ...rest, message: swarm.events[ref]!.message, sentAs: ref });
        } else expect(record).toEqual(original);
      }
    }
    expect(carried).toBeGreaterThan(0);
  });

  it('write one window, from the start, for a trace shorter than a window', () => {
    const whole = cut(findNamedScenario('leader-crash')!, 1 << 30);
    expect(whole.files).toHaveLength(1);
    expect(whole.index.windows[0]).toMatchObject({ number: 1, firstRecord: 0, fromUs: 0, records: whole.events.length });
    expect(() => new ExplorerWindows({ folder: 'w', windowBytes: 0, writeWindow: () => undefined })).toThrow(/at least one byte/);
  });
});
