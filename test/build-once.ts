/**
 * Vitest global setup: builds dist/ once before the suite, so the tests that start the CLI in separate
 * processes run the code under test rather than whatever was built last. The build also bundles the
 * explorer page's script, beside its sources too, for the tests that render reports from source, and
 * the command line into the one file that `raftsim` runs (cli/build-bin.mjs).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildOnce(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['reports/explorer/build-page.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['cli/build-bin.mjs'], { cwd: root, stdio: 'inherit' });
}
