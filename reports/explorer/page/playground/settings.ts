/** The playground's menus: the run's settings read from them and written into them, and the action a button stands for. */
import type { PlaygroundAction, PlaygroundSettings } from '../../../../formats/playground-link.js';
import { byId, element } from '../dom.js';
import type { PlaygroundEngine } from './engine.js';

const SETTING_IDS = ['seed', 'nodes', 'spares', 'prevote', 'checkquorum', 'timeout', 'heartbeat', 'rps', 'bug'];

function select(id: string): HTMLSelectElement {
  return byId<HTMLSelectElement>(id);
}

function checkbox(id: string): HTMLInputElement {
  return byId<HTMLInputElement>(id);
}

/** Puts a value in a menu, adding it when the menu lacks it (a link may carry any value). */
function choose(menu: HTMLSelectElement, value: string, label = value): void {
  if (!Array.from(menu.options).some((option) => option.value === value)) {
    const option = element('option', '', label);
    option.value = value;
    menu.appendChild(option);
  }
  menu.value = value;
}

/** Writes the settings into the menus, the catalog's bugs into its menu, and the nodes into the action menus. */
export function fillSettings(engine: PlaygroundEngine, settings: PlaygroundSettings): void {
  const bugs = select('bug');
  for (const bug of engine.bugs) {
    const option = element('option', '', bug.name + ': ' + bug.summary);
    option.value = bug.name;
    bugs.appendChild(option);
  }
  byId<HTMLInputElement>('seed').value = String(settings.seed);
  choose(select('nodes'), String(settings.nodes));
  choose(select('spares'), String(settings.spares));
  checkbox('prevote').checked = settings.preVote;
  checkbox('checkquorum').checked = settings.checkQuorum;
  choose(select('timeout'), settings.electionTimeoutMs.join('-'), settings.electionTimeoutMs.join('–') + ' ms');
  choose(select('heartbeat'), String(settings.heartbeatMs), settings.heartbeatMs + ' ms');
  choose(select('rps'), String(settings.requestsPerSecond), settings.requestsPerSecond + ' a second');
  select('bug').value = settings.bug ?? 'none';
  fillNodes(settings.nodes);
}

function fillNodes(count: number): void {
  for (const id of ['action-node', 'action-peer']) {
    const menu = select(id);
    const chosen = menu.value;
    menu.textContent = '';
    for (let node = 1; node <= count; node++) {
      const option = element('option', '', 'n' + node);
      option.value = String(node);
      menu.appendChild(option);
    }
    menu.value = Number(chosen) >= 1 && Number(chosen) <= count ? chosen : id === 'action-peer' ? String(Math.min(2, count)) : '1';
  }
}

/** The settings the menus show; a seed that is not a whole number keeps the one before. */
export function readSettings(previous: PlaygroundSettings): PlaygroundSettings {
  const seedText = byId<HTMLInputElement>('seed').value;
  const seed = /^\d{1,9}$/.test(seedText) ? Number(seedText) : previous.seed;
  const [low, high] = select('timeout').value.split('-').map(Number) as [number, number];
  const nodes = Number(select('nodes').value);
  fillNodes(nodes);
  return {
    seed,
    nodes,
    spares: Math.min(Number(select('spares').value), nodes - 1),
    preVote: checkbox('prevote').checked,
    checkQuorum: checkbox('checkquorum').checked,
    electionTimeoutMs: [low, high],
    heartbeatMs: Number(select('heartbeat').value),
    bug: select('bug').value === 'none' ? null : select('bug').value,
    requestsPerSecond: Number(select('rps').value),
  };
}

/** Calls back when any setting changes: a new run begins. */
export function listenToSettings(changed: () => void): void {
  for (const id of SETTING_IDS) byId(id).addEventListener('change', changed);
}

/** The action a button of the "Break it" row stands for, on the nodes its menus name. */
export function actionFor(name: string): PlaygroundAction {
  const node = Number(select('action-node').value);
  const peer = Number(select('action-peer').value);
  switch (name) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
      return { type: name, nodes: [node] };
    case 'isolate':
      return { type: 'isolate', node };
    case 'drift':
      return { type: 'clock-drift', node, rate: 1.5 };
    case 'transfer':
      return { type: 'transfer-leadership', to: node };
    case 'add':
      return { type: 'add-server', node };
    case 'remove':
      return { type: 'remove-server', node };
    case 'cut':
      return { type: 'cut', from: [node], to: [peer] };
    case 'loss':
      return { type: 'network', from: node, to: peer, change: { lossRate: 0.3 } };
    case 'heal':
      return { type: 'heal' };
    default:
      return { type: 'propose', count: 1 };
  }
}
