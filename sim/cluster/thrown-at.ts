/**
 * Where an implementation threw, as one stack frame named by file name alone: a failure's text must
 * be the same bytes on every machine, whatever folder the code was installed in.
 *
 * A frame in raftsim's own code (a known bug of the catalog throwing inside the reference core) is
 * named by its function alone. Its file and line depend on how raftsim was packaged: one module per
 * source file, or the bundle the command line runs, whose line numbers move with every change to any
 * module in it. The same failure must read the same when found by exploration in a worker thread and
 * when replayed, and its golden output must not change with unrelated code.
 */

/** The folders of raftsim's own code, under the package's build folder or its source checkout. */
const OWN_FOLDERS = new Set(['bin', 'bridge', 'bugs', 'cli', 'conformance', 'core', 'formats', 'reports', 'scenarios', 'sim']);

/** Where this module's package lies: its build folder (dist/), or the checkout it runs from as source. */
function packageRoot(here: string): string | null {
  const path = here.replace(/^file:\/\//, '');
  const built = path.lastIndexOf('/dist/');
  if (built >= 0) return path.slice(0, built + '/dist/'.length);
  const source = /\/sim\/cluster\/thrown-at\.ts$/.exec(path);
  return source === null ? null : path.slice(0, source.index + 1);
}

// A page's script has no file (reports/explorer/build-page.mjs gives it an empty address).
const ROOT = typeof import.meta.url === 'string' && import.meta.url !== '' ? packageRoot(import.meta.url) : null;

/** Whether a file of a stack frame is raftsim's own code, as this copy of raftsim was installed. */
export function isOwnCode(file: string, root: string | null = ROOT): boolean {
  if (root === null) return false;
  const path = file.replace(/^file:\/\//, '');
  if (!path.startsWith(root)) return false;
  return OWN_FOLDERS.has(path.slice(root.length).split('/')[0]!);
}

export function thrownAt(error: unknown, root: string | null = ROOT): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const frame = (error.stack ?? '').split('\n').find((line) => /^\s+at /.test(line))?.trim();
  if (frame === undefined) return undefined;
  const named = /^at (\S.*?) \(((?:file:\/\/)?\/[^()]*):\d+:\d+\)$/.exec(frame);
  if (named !== null && isOwnCode(named[2]!, root)) return `at ${named[1]}`;
  const anonymous = /^at ((?:file:\/\/)?\/[^()\s]*):\d+:\d+$/.exec(frame);
  if (anonymous !== null && isOwnCode(anonymous[1]!, root)) return 'at an anonymous function';
  return frame.replace(/(?:file:\/\/)?(?:[^\s()]*[\\/])?([^\s()\\/]+:\d+:\d+)/, '$1');
}
