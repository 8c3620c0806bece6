/**
 * The clients' operations as Porcupine draws them: one row per client process, one bar per operation
 * from its invocation to its completion (to the end of the run when indeterminate), on a time axis of
 * their own. When the history is not linearizable, the key whose operations cannot be ordered is drawn
 * and the operations of the witness stand out; otherwise every operation is drawn. Hovering a bar names it.
 */
import type { ClientsJson } from '../../../formats/clients-json.js';
import { byId, element } from './dom.js';
import type { TraceData } from './trace-data.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW_HEIGHT = 22;
const LEFT = 80;
const WIDTH = 1000;
const MAX_BARS = 5000;

type Operation = ClientsJson['operations'][number];

export function renderClients(trace: TraceData): void {
  const clients = trace.trailer.clients;
  if (clients === undefined) return;
  byId('clients-section').hidden = false;
  const report = clients.linearizability;
  const violated = report !== null && report.verdict === 'not-linearizable';
  const witness = new Set(violated ? report.witness : []);
  const shown = (violated ? clients.operations.filter((operation) => operation.key === report.key) : clients.operations).slice(0, MAX_BARS);
  byId('clients-note').textContent = describeVerdict(clients, shown.length);
  const endUs = Math.max(trace.trailer.virtualMs * 1000, 1);
  const processes = [...new Set(shown.map((operation) => operation.process))].sort((a, b) => a - b);
  const svg = byId('clients') as unknown as SVGSVGElement;
  svg.setAttribute('viewBox', `0 0 ${LEFT + WIDTH + 40} ${processes.length * ROW_HEIGHT + 24}`);
  svg.setAttribute('width', '100%');
  const x = (us: number) => LEFT + (Math.min(us, endUs) / endUs) * WIDTH;
  processes.forEach((process, row) => svg.appendChild(text(4, row * ROW_HEIGHT + 15, `process ${process}`, 'client-label')));
  for (const operation of shown) {
    const row = processes.indexOf(operation.process);
    const end = operation.completion === null || operation.completion.type === 'info' ? endUs : operation.completion.timeUs;
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('x', String(x(operation.invokeUs)));
    bar.setAttribute('y', String(row * ROW_HEIGHT + 3));
    bar.setAttribute('width', String(Math.max(2, x(end) - x(operation.invokeUs))));
    bar.setAttribute('height', String(ROW_HEIGHT - 6));
    bar.setAttribute('class', `client-op ${operation.completion?.type ?? 'info'}${witness.has(operation.id) ? ' witness' : ''}`);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = describeOperation(operation);
    bar.appendChild(title);
    svg.appendChild(bar);
  }
  const axis = processes.length * ROW_HEIGHT + 18;
  for (let tick = 0; tick <= 10; tick++) svg.appendChild(text(x((endUs * tick) / 10) - 10, axis, `${((endUs * tick) / 10 / 1e6).toFixed(1)}s`, 'client-axis'));
  if (violated) {
    const list = byId('clients-witness');
    for (const operation of clients.operations.filter((candidate) => witness.has(candidate.id))) list.appendChild(element('li', '', describeOperation(operation)));
  }
}

function describeVerdict(clients: ClientsJson, shown: number): string {
  const report = clients.linearizability;
  const count = `${clients.operations.length} operations`;
  if (report === null) return `${count}; not checked (the run stopped at another violation first)`;
  if (report.verdict === 'linearizable') return `${count}: linearizable (${report.steps} search steps)`;
  if (report.verdict === 'unknown') return `${count}: unknown, the search hit its bound of ${report.bound} steps on ${report.undecidedKeys.join(', ')}`;
  return `${count}: not linearizable. The ${shown} operations on key ${report.key} are drawn; the ${report.witness.length} in red cannot be ordered, and none of them can be left out.`;
}

function describeOperation(operation: Operation): string {
  const argument = operation.f === 'cas' ? ` ${operation.from ?? 'nil'}→${operation.to ?? ''}` : operation.value === null ? '' : ` ${operation.value}`;
  const completion = operation.completion;
  const read = operation.f === 'get' && completion !== null && completion.type === 'ok' ? ` → ${completion.value ?? 'nil'}` : '';
  const interval = `${(operation.invokeUs / 1e6).toFixed(3)}s–${completion === null ? '…' : (completion.timeUs / 1e6).toFixed(3) + 's'}`;
  return `process ${operation.process}: ${operation.f} ${operation.key}${argument}${read} (${completion?.type ?? 'indeterminate'}, ${interval})`;
}

function text(xAt: number, y: number, content: string, className: string): SVGTextElement {
  const label = document.createElementNS(SVG, 'text');
  label.setAttribute('x', String(xAt));
  label.setAttribute('y', String(y));
  label.setAttribute('class', className);
  label.textContent = content;
  return label;
}
