/** The one command that reproduces a seed's run, printed beside every failure. */
export interface ReplaySettings {
  readonly seed: number;
  readonly nodeCount: number | null;
  readonly durationMs: number;
  readonly bug: string | null;
  readonly faults: 'swarm' | 'none';
}

export function replayCommand(settings: ReplaySettings): string {
  const parts = ['npx raftsim run', `--seed ${settings.seed}`];
  if (settings.nodeCount !== null) parts.push(`--nodes ${settings.nodeCount}`);
  parts.push(`--duration ${formatDuration(settings.durationMs)}`);
  if (settings.faults !== 'swarm') parts.push(`--faults ${settings.faults}`);
  if (settings.bug !== null) parts.push(`--bug ${settings.bug}`);
  return parts.join(' ');
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
