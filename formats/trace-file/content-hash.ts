/**
 * The trace file's content hash: sha256 over every line before the trailer, each with its newline, then
 * over the trailer's own text without the hash. The run's trace hash covers what the simulator hashes
 * (record fields and messages, not a log write's entries or a fault's description); this one covers
 * every byte, so an edit anywhere in the file is caught.
 */
import { createHash } from 'node:crypto';

export function traceContentHash(lines: readonly string[], trailerWithoutHash: string): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  hash.update(trailerWithoutHash);
  return `sha256:${hash.digest('hex')}`;
}
