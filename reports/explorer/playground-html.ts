/**
 * The playground: one self-contained HTML file in which the simulator itself runs (the reference core,
 * the known bugs, the simulator and its checkers, bundled), with the explorer's diagram and panels
 * below controls to play, pause and step it, to break it by clicking and to choose its settings. Its
 * address carries the run (formats/playground-link.ts). Nothing is fetched, so it opens from disk.
 */
import { pageDocument } from './html.js';
import { playgroundScript } from './page-script.js';

const SPEEDS: readonly [string, string][] = [
  ['0.02', 'slow motion (1 s shows 20 ms)'],
  ['0.1', 'slow (1 s shows 100 ms)'],
  ['0.25', 'a quarter of real time'],
  ['1', 'real time'],
  ['5', 'fast (5×)'],
];

function options(values: readonly [string, string][], selected: string): string {
  return values.map(([value, label]) => `<option value="${value}"${value === selected ? ' selected' : ''}>${label}</option>`).join('');
}

const CONTROLS = `<section id="playground"><h2>Playground</h2>
<div class="play-row">
<button id="play" title="run the simulation (space)">▶ play</button><button id="pause" title="stop where it is (space)">❚❚ pause</button>
<label>speed <select id="speed">${options(SPEEDS, '0.1')}</select></label>
<span id="run-time" class="run-time"></span>
<span id="play-note" class="play-note"></span>
</div>
<div class="play-row" id="settings"><strong>Run</strong>
<label>seed <input id="seed" type="number" min="0" step="1" value="1"></label>
<label>servers <select id="nodes">${options(['3', '5', '7'].map((n) => [n, n]), '5')}</select></label>
<label title="servers outside the first configuration, to add">spares <select id="spares">${options(['0', '1', '2'].map((n) => [n, n]), '0')}</select></label>
<label><input type="checkbox" id="prevote"> PreVote</label>
<label><input type="checkbox" id="checkquorum"> CheckQuorum</label>
<label>election timeout <select id="timeout">${options([['150-300', '150–300 ms'], ['300-600', '300–600 ms'], ['1000-2000', '1–2 s']], '150-300')}</select></label>
<label>heartbeat <select id="heartbeat">${options([['25', '25 ms'], ['50', '50 ms'], ['100', '100 ms']], '50')}</select></label>
<label>client requests <select id="rps">${options([['0', 'none'], ['1', '1 a second'], ['5', '5 a second'], ['20', '20 a second']], '0')}</select></label>
<label>bug <select id="bug"><option value="none">none: the reference core</option></select></label>
</div>
<div class="play-row" id="node-actions"><strong>Break it</strong>
<label>node <select id="action-node"></select></label>
<button data-action="crash">crash</button><button data-action="restart">restart</button><button data-action="pause">pause</button><button data-action="resume">resume</button><button data-action="isolate">isolate</button><button data-action="drift" title="its timers run 1.5 times too fast">fast clock</button><button data-action="transfer" title="ask the leader to hand leadership to this node">transfer leadership here</button><button data-action="add">add server</button><button data-action="remove">remove server</button>
<label>→ node <select id="action-peer"></select></label>
<button data-action="cut" title="messages from the node to this one are lost; the other way works">cut link one way</button><button data-action="loss">30% loss on link</button>
<button data-action="heal" title="end partitions and cut links">heal network</button><button data-action="propose" title="a client asks the leader to append a command">propose a command</button>
</div>
<div class="play-row"><strong>Actions</strong> <ol id="action-list"></ol></div>
<div class="play-row"><strong>Share</strong> trace hash <code id="trace-hash"></code>
<button id="save-scenario" title="a scenario file for raftsim replay">save as scenario file</button>
<label class="wide">link <input id="link" readonly aria-label="link to this run"></label>
<button id="copy-link" title="copy the link to this run, to send it">copy link</button><span id="copy-note" class="copy-note" role="status"></span></div>
<div class="play-row"><code id="link-command"></code></div>
</section>
`;

const PLAYGROUND_STYLE = `<style>
.play-row { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 4px 0; }
.play-row strong { min-width: 64px; color: #5a6478; }
#action-list { margin: 0; padding-left: 22px; display: flex; flex-wrap: wrap; gap: 2px 18px; font-size: 12px; }
#action-list:empty::before { content: 'none yet: click one above'; color: #8a92a3; }
.run-time { font-variant-numeric: tabular-nums; font-weight: 600; }
.play-note { color: #c62828; }
.copy-note { color: #2e7d32; font-size: 12px; }
.wide { flex: 1 1 300px; display: flex; gap: 6px; align-items: center; }
#link { flex: 1; font: 12px ui-monospace, monospace; }
#link-command { font-size: 12px; word-break: break-all; color: #3a4458; }
#seed { width: 90px; }
#bug { max-width: 80vw; }
</style>`;

export function renderPlaygroundHtml(): string {
  return pageDocument('raftsim playground', {
    scriptSources: "'unsafe-inline'",
    top: CONTROLS + PLAYGROUND_STYLE,
    windowBar: '',
    data: '',
    script: playgroundScript(),
  });
}
