/**
 * Bundles the command line (dist/cli/main.js) and the thread that runs an implementation under test
 * (dist/cli/isolation/seed-worker.js), each with everything it imports, into dist/bin/. `npm run build`
 * runs this after the compiler. A process that loads one file starts in half the time of one that
 * loads the three hundred modules and the packages it is made of, and the command line starts a
 * process, then a thread, for every command.
 *
 * The files a module reads beside itself (the seed worker, the I/O thread of a program node, the
 * scripts of the explorer and the playground pages) are found beside the bundle: they are bundled or copied there too. A module
 * given with --impl is loaded at run time, as before; tsx, which compiles one written in TypeScript,
 * stays a package of its own.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const bin = here('../dist/bin/');
await mkdir(bin, { recursive: true });
const shared = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['tsx', 'typescript'],
  // Packages written as CommonJS call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
};
await build({ ...shared, entryPoints: { raftsim: here('../dist/cli/main.js'), 'seed-worker': here('../dist/cli/isolation/seed-worker.js') }, outdir: bin });
await copyFile(here('../dist/bridge/io-thread.js'), `${bin}io-thread.js`);
const pages = here('../dist/reports/explorer/');
for (const file of await readdir(pages)) if (file.endsWith('-bundle.generated.js')) await copyFile(`${pages}${file}`, `${bin}${file}`);
