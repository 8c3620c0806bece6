/**
 * The supervisor of the built package, driven directly: what an implementation does to its worker
 * between jobs is told, pinned on the job it last ran, and the next job gets a fresh worker.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';

interface Misbehaviour {
  readonly kind: string;
  readonly message: string;
}
interface Runner {
  run(job: { kind: 'load' }): Promise<{ ok: boolean; value?: { name: string } }>;
  close(): Promise<void>;
}
type RunnerClass = new (source: { bug: null; implPath: string; program: null }, limits: { seedTimeoutMs: number; seedMemoryMb: number }, idle: (misbehaviour: Misbehaviour) => void) => Runner;

async function runnerClass(): Promise<RunnerClass> {
  // A computed path, so that the type checker does not look for dist/ (built by the suite's setup).
  const module = (await import(pathToFileURL(join(ROOT, 'dist', 'cli', 'isolation', 'isolated-runner.js')).href)) as { IsolatedRunner: RunnerClass };
  return module.IsolatedRunner;
}

describe('a worker that misbehaves while idle', () => {
  it('is reported, not swallowed, and replaced for the next job', async () => {
    const IsolatedRunner = await runnerClass();
    const told: Misbehaviour[] = [];
    const runner = new IsolatedRunner({ bug: null, implPath: join(ROOT, 'test/fixtures/misbehaving/throws-later.js'), program: null }, { seedTimeoutMs: 30_000, seedMemoryMb: 256 }, (misbehaviour) => told.push(misbehaviour));
    try {
      const loaded = await runner.run({ kind: 'load' });
      expect(loaded).toMatchObject({ ok: true, value: { name: 'throws-later' } });
      for (let waited = 0; told.length === 0 && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(told).toHaveLength(1);
      expect(told[0]!.kind).toBe('implementation-error');
      expect(told[0]!.message).toContain('after its job had ended: thrown long after');
      expect(await runner.run({ kind: 'load' })).toMatchObject({ ok: true });
    } finally {
      await runner.close();
    }
  });
});
