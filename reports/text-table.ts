/**
 * Tables for a terminal: columns of text aligned by padding, labels to the left and figures to the
 * right, so that the digits of a column line up.
 */

/** The rows (the header first) as lines, the first `leftColumns` columns aligned left and the rest right, two spaces apart. */
export function alignColumns(rows: readonly (readonly string[])[], leftColumns: number): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
}
