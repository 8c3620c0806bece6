/**
 * The explorer: one self-contained HTML file for a run, built from its JSON Lines trace. The trace is
 * embedded as it was written and read by the page script (page/, bundled at build time); nothing is
 * fetched (the page's content security policy forbids it), so the file works offline and from file://.
 */
import { checkArguments } from '../../core/argument-checks.js';
import { TRACE_FILE } from '../../formats/argument-rules.js';
import type { TraceFile, TraceFileHeader } from '../../formats/index.js';
import { explorerScript } from './page-script.js';
import { EXPLORER_STYLE } from './page-style.js';
import type { WindowedExplorerIndex } from './window-format.js';

const ROLES = [
  ['follower', '#a9c1e0'],
  ['precandidate', '#f2dc8d'],
  ['candidate', '#f1a340'],
  ['leader', '#4caf64'],
] as const;

/**
 * The largest trace the explorer embeds in one page (32 MiB, a few minutes of a busy run's virtual
 * time). The page holds the whole trace and folds it in the browser; a page far beyond this loads
 * slowly or not at all, so a longer trace gets a page that loads it a window at a time instead
 * (renderWindowedExplorerHtml).
 */
export const EXPLORER_MAX_TRACE_BYTES = 32 * 1024 * 1024;

/** The explorer page of a trace file as read back (readTraceFile's `trace`). */
export function renderExplorerHtml(trace: TraceFile): string {
  checkArguments('renderExplorerHtml', ['trace', trace, TRACE_FILE]);
  return explorerPage(trace.header, {
    scriptSources: "'unsafe-inline'",
    top: '',
    windowBar: '',
    data: `<script type="application/x-ndjson" id="trace-data">\n${embedTrace(trace.text)}</script>`,
  });
}

/**
 * The page of the explorer for a long trace: the run's summary, its violations and the list of its
 * windows, whose files (written beside the page, see windows.ts) it loads one at a time with script
 * elements, the one way a page opened from file:// can read another file.
 */
export function renderWindowedExplorerHtml(index: WindowedExplorerIndex): string {
  return explorerPage(index.header, {
    scriptSources: "'unsafe-inline' 'self'",
    top: '',
    windowBar: WINDOW_BAR,
    data: `<script type="application/json" id="explorer-index">${embedTrace(JSON.stringify(index))}</script>`,
  });
}

const WINDOW_BAR = `<section id="windows"><h2>Windows</h2><div id="window-tools"><button id="window-previous" title="the window before">◀ window</button><select id="window-picker" aria-label="window"></select><button id="window-next" title="the window after">window ▶</button><span id="window-note"></span></div><div id="window-strip"></div></section>
`;

export interface PageParts {
  /** The content security policy's script sources. */
  readonly scriptSources: string;
  /** What comes first under the header (the playground's controls). */
  readonly top: string;
  readonly windowBar: string;
  /** The script element that holds the page's data. */
  readonly data: string;
  /** The page's script; the explorer's unless given. */
  readonly script?: string;
}

function explorerPage(header: TraceFileHeader, parts: PageParts): string {
  return pageDocument(`raftsim · ${String(header.scenario.name ?? 'run')} · seed ${header.seed}`, parts);
}

/** The explorer's page (the playground's too, with its controls on top), around the given parts. */
export function pageDocument(title: string, parts: PageParts): string {
  const legend = ROLES.map(([role, colour]) => `<span><span class="swatch" style="background:${colour}"></span>${role}</span>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${parts.scriptSources}; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${EXPLORER_STYLE}</style>
</head>
<body>
<header><h1 id="title">${escapeHtml(title)}</h1><span id="outcome" class="badge"></span><code id="replay"></code></header>
<main>
${parts.top}<section id="violations"><h2>Violations</h2><ul id="violation-list"></ul></section>
<section id="clients-section" hidden><h2>Clients</h2><div id="clients-note"></div><svg id="clients" role="img" aria-label="client operations over time"></svg><ul id="clients-witness"></ul></section>
<section><h2>Summary</h2><dl id="summary"></dl><ul id="expectations"></ul></section>
${parts.windowBar}<section>
<div id="controls">
<button id="step-back" title="previous event (←)">◀ step</button>
<button id="step-forward" title="next event (→)">step ▶</button>
<input id="time-slider" type="range" min="0" max="1" value="0" aria-label="virtual time">
<span id="cursor-time"></span>
<button id="zoom-in" title="zoom in">zoom +</button><button id="zoom-out" title="zoom out">zoom −</button><button id="zoom-fit">whole run</button>
<select id="message-filter" aria-label="messages"><option value="auto">messages (heartbeats and replies when zoomed in)</option><option value="all">all messages</option><option value="no-heartbeats">no heartbeats</option><option value="none">no messages</option></select>
<span id="cursor-event"></span>
</div>
<div id="diagram-box"><canvas id="diagram"></canvas><div id="axis-labels" aria-label="time axis"></div></div>
<div id="diagram-note"></div>
<div class="legend">${legend}<span style="color:#1450c8">→ entries</span><span style="color:#2d4169">→ heartbeats, replies</span><span style="color:#8232b4">→ votes</span><span>● role change</span><span>✕ crash</span><span style="color:#4070c0">ǀ log write (above a lane)</span><span style="color:#1b8a2e">ǀ commit (below)</span><span style="color:#777">▪ proposal</span><span style="color:#8030b0">▪ vote</span><span style="color:#a06000">▪ term change</span><span style="color:#909090">◆ other event (a fault, a network change: click it)</span><span><span class="swatch" style="background:#333"></span>crashed</span><span><span class="swatch" style="background:#999"></span>paused</span><span><span class="swatch" style="background:rgba(220,60,60,.25)"></span>network fault</span><span style="color:#d02020">✕ dropped</span><span style="color:#d07000">2× duplicated</span><span><span class="swatch" style="background:repeating-linear-gradient(135deg,#c9cdd6,#c9cdd6 2px,#8a92a3 2px,#8a92a3 4px)"></span>retired</span><span><span class="swatch" style="background:#f1f3f7;outline:1px dashed #9aa3b5"></span>spare</span><span style="color:#008c8c">□ compact ■ snapshot installed (thick arrow: sent)</span><span style="color:#0a7d3a">+n / −n membership change</span><span style="color:#c62828"><s>+n</s> refused</span><span style="color:#8040aa">ǀ reads</span><span>drag to pan · wheel to zoom · click an event</span></div>
</section>
<div class="columns">
<section><h2>Nodes at the cursor</h2><div id="node-box"><table id="nodes"><thead><tr><th>node</th><th>role</th><th>term</th><th title="the candidates it granted its vote in its term (two: it voted twice)">voted for</th><th>commit</th><th>last (index/term)</th><th>snapshot</th><th>members</th><th>status</th></tr></thead><tbody id="node-rows"></tbody></table></div></section>
<section><h2>Logs at the cursor</h2><div class="log-tools"><button id="log-earlier">◀</button><button id="log-later">▶</button><button id="log-follow">follow the end</button><span id="log-range"></span></div><div id="log-box"><table id="logs"></table></div><div class="log-legend"><span><i>2</i>an entry: its term</span><span><i style="background:#cdeccf;font-weight:600">2</i>committed (green, bold)</span><span><i style="font-style:italic">2</i>the leader’s no-op (italic)</span><span><i style="outline:2px solid #e53935;outline-offset:-2px">2</i>conflicts with another node’s term here</span><span><i style="background:#fff1d6">cfg</i>a configuration</span><span>★ leader</span></div></section>
</div>
<div class="columns">
<section><h2>Events around the cursor</h2><ul id="event-list"></ul></section>
<section><h2>Selected event</h2><pre id="details"></pre></section>
</div>
</main>
${parts.data}
<script>${parts.script ?? explorerScript()}</script>
</body>
</html>
`;
}

/**
 * JSON text made safe inside a script element: "<" only ever appears inside JSON strings, where the
 * escape \u003c means the same character, so no "</script>" or "<!--" can end the element early.
 */
function embedTrace(text: string): string {
  return text.replaceAll('<', '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
