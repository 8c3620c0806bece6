/** The explorer page's stylesheet, inlined into every report (a string, so that html.ts can inline it from the sources and from dist/ alike). */
export const EXPLORER_STYLE = String.raw`
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d2330; background: #f4f5f8; }
header { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; padding: 10px 16px; background: #1d2330; color: #fff; }
header h1 { font-size: 16px; margin: 0; font-weight: 600; }
header code { color: #c9d4ea; font-size: 12px; margin-left: auto; overflow-wrap: anywhere; min-width: 0; }
.badge { padding: 2px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; }
.badge.passed { background: #2e8b47; }
.badge.failed { background: #c62828; }
main { padding: 12px 16px; display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; }
@media (max-width: 600px) { main { padding: 8px 4px; } section { padding: 8px 6px; } #nodes td, #nodes th { padding-right: 6px; } }
#node-box { overflow-x: auto; }
.log-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; color: #3a4458; margin-top: 6px; }
.log-legend span { display: inline-flex; gap: 4px; align-items: center; }
.log-legend i { display: inline-block; min-width: 18px; text-align: center; border: 1px solid #e1e4ec; font-style: normal; font-size: 11px; }
.client-op { fill: #90a4ae; stroke: #455a64; stroke-width: 0.5; }
.client-op.fail { fill: #e0e0e0; }
.client-op.info { fill: #fff3c4; }
.client-op.witness { fill: #e53935; stroke: #7f0000; }
.client-label, .client-axis { font-size: 11px; fill: currentColor; }
section { background: #fff; border: 1px solid #dde1ea; border-radius: 6px; padding: 10px 12px; }
section h2 { font-size: 13px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: 0.04em; color: #5a6478; }
#summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 2px 16px; margin: 0; }
#summary .stat { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px dotted #e1e4ec; min-width: 0; }
#summary dt { color: #5a6478; }
#summary dd { margin: 0; font-variant-numeric: tabular-nums; font-weight: 600; overflow-wrap: anywhere; text-align: right; }
#expectations { margin: 8px 0 0; padding-left: 18px; }
li.passed { color: #2e7d32; } li.failed { color: #c62828; }
#violations { border-color: #e57373; background: #fff5f5; }
#violations h2 { color: #c62828; }
#violation-list { margin: 0; padding-left: 18px; }
button { font: inherit; padding: 3px 10px; border: 1px solid #b8c0d0; border-radius: 4px; background: #fff; cursor: pointer; }
button:hover { background: #eef2fa; }
.jump-violation { border-color: #c62828; color: #c62828; }
#controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
#time-slider { flex: 1 1 300px; }
#cursor-time { font-variant-numeric: tabular-nums; font-weight: 600; min-width: 90px; }
#cursor-event { color: #3a4458; flex-basis: 100%; font-family: ui-monospace, monospace; font-size: 12px; }
#diagram-box { position: relative; overflow: hidden; }
#diagram { display: block; cursor: crosshair; }
#axis-labels { position: absolute; inset: 0; pointer-events: none; }
#axis-labels span { position: absolute; font: 11px system-ui, sans-serif; line-height: 16px; color: #444; white-space: nowrap; }
#diagram-note { color: #5a6478; font-size: 12px; margin-top: 4px; }
.legend { display: flex; gap: 12px; flex-wrap: wrap; font-size: 12px; color: #3a4458; margin-top: 6px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
@media (max-width: 900px) { .columns { grid-template-columns: minmax(0, 1fr); } }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
#nodes td, #nodes th { padding: 2px 10px 2px 0; text-align: left; }
.status-crashed td { color: #888; text-decoration: line-through; }
.status-paused td { color: #888; }
.status-retired td, .status-spare td { color: #8a92a3; font-style: italic; }
#log-box { overflow-x: auto; }
#logs th, #logs td { border: 1px solid #e1e4ec; padding: 1px 4px; min-width: 24px; text-align: center; font-size: 12px; }
#logs th { background: #f4f5f8; font-weight: 500; color: #5a6478; white-space: nowrap; }
#logs td.entry { background: #eef2fa; }
#logs td.committed { background: #cdeccf; font-weight: 600; }
#logs td.noop { font-style: italic; }
#logs td.conflict { outline: 2px solid #e53935; outline-offset: -2px; color: #b71c1c; }
#logs td.empty { background: #fafbfc; }
#logs td.config { background: #fff1d6; color: #7a4b00; white-space: nowrap; }
#logs td.config.committed { background: #f5d79a; }
#logs td.snapshot { background: repeating-linear-gradient(135deg, #d5eeee, #d5eeee 4px, #c2e3e3 4px, #c2e3e3 8px); color: #005f5f; font-weight: 600; white-space: nowrap; }
#logs .log-note { font-weight: 400; color: #008080; font-size: 11px; }
#logs tr.status-retired th, #logs tr.status-spare th { color: #8a92a3; }
.log-tools { display: flex; gap: 6px; align-items: center; margin-bottom: 6px; color: #5a6478; }
#event-list { overflow-wrap: anywhere; list-style: none; margin: 0; padding: 0; max-height: 360px; overflow-y: auto; font-family: ui-monospace, monospace; font-size: 12px; }
.event-row { display: flex; gap: 10px; padding: 1px 4px; cursor: pointer; border-radius: 3px; }
.event-row:hover { background: #eef2fa; }
.event-row.current { background: #d6e4fb; }
.event-row.kind-violation { color: #c62828; font-weight: 600; }
.event-row.kind-compact, .event-row.kind-installSnapshot { color: #006b6b; }
.event-row.kind-membershipChange, .event-row.kind-retire { color: #0a6a32; font-weight: 600; }
.event-row.kind-read, .event-row.kind-readAnswer { color: #7a5a90; }
.event-time { color: #5a6478; min-width: 76px; text-align: right; }
#details { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 12px; margin: 0; max-height: 360px; overflow: auto; }
`;
