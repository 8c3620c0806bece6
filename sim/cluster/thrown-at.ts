/**
 * Where an implementation threw, as one stack frame named by file name alone: a failure's text must
 * be the same bytes on every machine, whatever folder the code was installed in.
 */
export function thrownAt(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const frame = (error.stack ?? '').split('\n').find((line) => /^\s+at /.test(line))?.trim();
  return frame?.replace(/(?:file:\/\/)?(?:[^\s()]*[\\/])?([^\s()\\/]+:\d+:\d+)/, '$1');
}
