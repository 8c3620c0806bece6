/** The one command that reproduces a seed's run, printed beside every failure. */
export interface ReplaySettings {
  readonly seed: number;
  readonly nodeCount: number | null;
  readonly durationMs: number;
  readonly bug: string | null;
  readonly faults: 'swarm' | 'none';
  /** A scenario's library name or file, when the run was of a scenario. */
  readonly scenario?: string | null;
  readonly diskFaults?: 'none' | 'lost-fsync' | 'torn-write';
  /** The module of another implementation (--impl), as the user named it. */
  readonly implementation?: string | null;
}

export function replayCommand(settings: ReplaySettings): string {
  const parts = ['npx raftsim run'];
  if (settings.scenario !== undefined && settings.scenario !== null) {
    parts.push(`--scenario ${quoteIfNeeded(settings.scenario)}`, `--seed ${settings.seed}`);
  } else {
    parts.push(`--seed ${settings.seed}`);
    if (settings.nodeCount !== null) parts.push(`--nodes ${settings.nodeCount}`);
    parts.push(`--duration ${formatDuration(settings.durationMs)}`);
    if (settings.faults !== 'swarm') parts.push(`--faults ${settings.faults}`);
    if (settings.diskFaults !== undefined && settings.diskFaults !== 'none') parts.push(`--disk-faults ${settings.diskFaults}`);
  }
  if (settings.bug !== null) parts.push(`--bug ${settings.bug}`);
  if (settings.implementation !== undefined && settings.implementation !== null) parts.push(`--impl ${quoteIfNeeded(settings.implementation)}`);
  return parts.join(' ');
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Paths with spaces or shell characters are quoted so the line can be pasted as it is. */
export function quoteIfNeeded(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
