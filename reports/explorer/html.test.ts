import { describe, expect, it } from 'vitest';
import { findNamedScenario, runScenario } from '../../scenarios/index.js';
import { parseTraceText, traceToJsonLines } from '../../formats/index.js';
import { renderExplorerHtml } from './html.js';
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

  it('carries a page script that parses as JavaScript', () => {
    expect(() => new Function(explorerScript())).not.toThrow();
  });
});
