/**
 * What an experiment's output needs to be regenerated bit for bit: the exact command, the raftsim
 * version that ran it and the root seed every trial's seed is drawn from. CSV carries it in `#` lines
 * above the table (CSV readers take them as comments), JSON as fields, HTML in the page.
 */
export interface ExperimentProvenance {
  readonly command: string;
  readonly version: string;
  readonly seed: number;
}

export function experimentProvenanceLines(provenance: ExperimentProvenance): string[] {
  return [`command: ${provenance.command}`, `raftsim ${provenance.version} · seed ${provenance.seed} (each trial's seed is drawn from it)`];
}

/** The table with the provenance, if any, in `#` lines above it. */
export function withProvenanceComments(provenance: ExperimentProvenance | null, rows: readonly string[]): string {
  const comments = provenance === null ? [] : experimentProvenanceLines(provenance).map((line) => `# ${line}`);
  return `${[...comments, ...rows].join('\n')}\n`;
}

/** The JSON fields: the command and the version (the seed is a field of every experiment's JSON already). */
export function provenanceFields(provenance: ExperimentProvenance | null): { readonly command?: string; readonly raftsimVersion?: string } {
  return provenance === null ? {} : { command: provenance.command, raftsimVersion: provenance.version };
}
