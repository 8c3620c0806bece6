/**
 * The table of protocol coverage families in docs/coverage.md, rendered from their definitions
 * (sim/coverage/protocol-coverage.ts); a test holds the document to exactly this, so it cannot drift.
 */
import { PROTOCOL_COVERAGE_FAMILIES } from '../sim/index.js';

export function coverageFamiliesMarkdown(): string {
  // A pipe inside a table cell must be escaped, code spans included.
  const rows = PROTOCOL_COVERAGE_FAMILIES.map((family) => `| \`${family.family}\` | \`${family.form.replace(/\|/g, '\\|')}\` | ${family.meaning} | ${family.why} |`);
  return ['| family | written | a run reaches it when | why it matters |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
