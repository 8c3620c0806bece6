/**
 * Bundles the explorer page's script (page/main.ts and what it imports, the cluster fold among them)
 * into one browser script, which html.ts inlines into every report. `npm run build` runs this: it
 * writes the bundle into dist/ for the CLI and the package, and beside html.ts in the sources for the
 * tests and tsx, which run the library from source. Both copies are generated, never committed.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const result = await build({
  entryPoints: [here('./page/main.ts')],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});
const [bundle] = result.outputFiles;
const { mkdir, writeFile } = await import('node:fs/promises');
for (const target of ['./page-bundle.generated.js', '../../dist/reports/explorer/page-bundle.generated.js']) {
  await mkdir(here(target.replace(/[^/]*$/, '')), { recursive: true });
  await writeFile(here(target), bundle.text);
}
