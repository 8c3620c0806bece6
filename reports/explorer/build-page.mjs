/**
 * Bundles the pages' scripts into browser scripts, which html.ts and playground-html.ts inline into
 * every page: the explorer (page/main.ts and what it imports, the cluster fold among them) and the
 * playground (its page script joined to the simulator it runs, cli/playground/page-engine.ts: the one
 * place that may import both, as the layers keep reports from computing). `npm run build` runs this:
 * it writes each bundle into dist/ for the CLI and the package, and beside html.ts in the sources for
 * the tests and tsx, which run the library from source. Both copies are generated, never committed.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// A page's script is no module and has no file of its own: code that asks where it was installed
// (sim/cluster/thrown-at.ts) is told nothing.
const common = {
  bundle: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  define: { 'import.meta.url': '""' },
};
const explorer = await build({ ...common, entryPoints: [here('./page/main.ts')] });
const playground = await build({
  ...common,
  minify: true,
  stdin: {
    contents: "import { startPlayground } from './page/playground/main.ts';\nimport { pageEngine } from '../../cli/playground/page-engine.ts';\nstartPlayground(pageEngine);\n",
    resolveDir: here('.'),
    loader: 'ts',
    sourcefile: 'playground-entry.ts',
  },
});
const { mkdir, writeFile } = await import('node:fs/promises');
for (const [name, result] of [['page-bundle.generated.js', explorer], ['playground-bundle.generated.js', playground]]) {
  for (const folder of ['./', '../../dist/reports/explorer/']) {
    await mkdir(here(folder), { recursive: true });
    await writeFile(here(folder + name), result.outputFiles[0].text);
  }
}
