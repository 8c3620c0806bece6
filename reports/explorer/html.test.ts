import { describe, expect, it } from 'vitest';
import { findNamedScenario, runScenario } from '../../scenarios/index.js';
import { parseTraceText, traceToJsonLines } from '../../formats/index.js';
import { renderExplorerHtml, renderWindowedExplorerHtml } from './html.js';
import { explorerScript } from './page-script.js';

describe('the explorer page', () => {
  it('is one file that fetches nothing: inline script and style, and a policy that forbids the network', () => {
    const result = runScenario(findNamedScenario('leader-crash')!, { trace: 'full' });
    const read = parseTraceText(traceToJsonLines(result, 'npx raftsim run --scenario leader-crash'), 'x.jsonl');
    if (!read.ok) throw new Error(read.problem);
    const html = renderExplorerHtml(read.trace);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`);
    expect(html).not.toMatch(/\bsrc=|href="(?!data:)/);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('embeds the trace so that no text in it can end the script element early', () => {
    const result = runScenario(findNamedScenario('leader-crash')!, { trace: 'full' });
    const text = traceToJsonLines(result, 'npx raftsim run --scenario "</script><b>"');
    const read = parseTraceText(text, 'x.jsonl');
    if (!read.ok) throw new Error(read.problem);
    const html = renderExplorerHtml(read.trace);
    expect(html).not.toContain('</script><b>');
    const embedded = /<script type="application\/x-ndjson" id="trace-data">\n([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(embedded.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line))[0].replay).toContain('</script><b>');
  });

  it('for a long trace, holds no records but the list of its windows, and may load scripts only from beside itself', () => {
    const result = runScenario(findNamedScenario('leader-crash')!, { trace: 'full' });
    const read = parseTraceText(traceToJsonLines(result, 'npx raftsim run --scenario "</script><b>"'), 'x.jsonl');
    if (!read.ok) throw new Error(read.problem);
    const place = { number: 1, file: 'x.windows/window-0001.js', firstRecord: 0, records: read.trace.events.length, fromUs: 0, toUs: 5 };
    const html = renderWindowedExplorerHtml({ header: read.trace.header, trailer: read.trace.trailer, windows: [place], violations: [] });
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toContain('id="trace-data"');
    expect(html).not.toContain('</script><b>');
    const index = JSON.parse(/<script type="application\/json" id="explorer-index">(.*?)<\/script>/s.exec(html)![1]!);
    expect(index.windows).toEqual([place]);
    expect(index.header.replay).toContain('</script><b>');
    expect(html).toContain('<select id="window-picker"');
  });

  it('carries a page script that parses as JavaScript', () => {
    expect(() => new Function(explorerScript())).not.toThrow();
  });
});
