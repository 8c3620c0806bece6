/**
 * The frame of a self-contained HTML page that holds one SVG chart (the experiments' figures): no
 * script, no outside file, so that it opens anywhere and can be attached to a paper or an issue.
 */

export interface ChartPage {
  readonly title: string;
  readonly heading: string;
  /** CSS rules beyond the shared ones (body and SVG text). */
  readonly style: string;
  /** Paragraphs above the chart, as HTML. */
  readonly paragraphs: readonly string[];
  readonly width: number;
  readonly height: number;
  /** The SVG elements. */
  readonly svg: readonly string[];
}

export function renderChartPage(page: ChartPage): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeText(page.title)}</title>`,
    `<style>body{font-family:sans-serif;margin:2em}svg text{font-size:12px;fill:#222}${page.style}</style></head><body>`,
    `<h1>${escapeText(page.heading)}</h1>`,
    ...page.paragraphs,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${page.width}" height="${page.height}" viewBox="0 0 ${page.width} ${page.height}">`,
    ...page.svg,
    '</svg>',
    '</body></html>',
    '',
  ].join('\n');
}

/** Text made safe inside an element or a double-quoted attribute. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
