import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../../core/index.js';
import { busyRunOptions } from '../busy-run.js';
import { simulationOptions } from '../options.js';
import type { SimulationOptionsInput } from '../options.js';
import { runSimulation, Simulation } from '../simulation.js';
import type { TraceRecord } from './trace.js';
import { MOST_RECORDS_PER_CHUNK } from './trace-tape.js';

const busy = (durationMs: number, trace: SimulationOptionsInput['trace']) => busyRunOptions(referenceImplementation, 11, 7, durationMs, trace);

describe('a streamed trace', () => {
  it('hands the sink every record of a full trace, in order and in batches, with the same hash', () => {
    const batches: (readonly TraceRecord[])[] = [];
    const simulation = new Simulation(simulationOptions(busy(20_000, 'stream')), undefined, { accept: (records) => batches.push(records) });
    const streamed = simulation.run();
    const full = runSimulation(simulationOptions(busy(20_000, 'full')));
    const records = batches.flat();
    expect(batches.length).toBeGreaterThan(3);
    expect(streamed.traceHash).toBe(full.traceHash);
    expect(streamed.traceHash).toBe(runSimulation(simulationOptions(busy(20_000, 'hash'))).traceHash);
    const expected = full.trace.records();
    expect(records).toHaveLength(expected.length);
    for (const [index, record] of records.entries()) {
      const kept = expected[index]!;
      // A delivery, drop or duplicate names its sending instead of repeating the message.
      if (kept.sentAs !== undefined) expect(record).toEqual({ ...kept, detail: null });
      else expect(record).toEqual(kept);
    }
  });

  it('holds at most one chunk of records at any moment, however long the run', () => {
    let handed = 0;
    const simulation = new Simulation(simulationOptions(busy(120_000, 'stream')), undefined, { accept: (records) => (handed += records.length) });
    const result = simulation.run();
    expect(handed).toBe(result.trace.length);
    expect(result.trace.length).toBeGreaterThan(10 * MOST_RECORDS_PER_CHUNK);
    expect(result.trace.peakHeldRecords).toBeGreaterThan(0);
    expect(result.trace.peakHeldRecords).toBeLessThanOrEqual(MOST_RECORDS_PER_CHUNK);
  });

  it('needs a sink, and only a streamed trace takes one', () => {
    expect(() => new Simulation(simulationOptions(busy(1_000, 'stream')))).toThrow(/needs a sink/);
    expect(() => new Simulation(simulationOptions(busy(1_000, 'full')), undefined, { accept: () => undefined })).toThrow(/needs a sink/);
  });
});
