/** Small helpers for building the page: finding elements, making them, and writing times. */

/** The element with this id; the page's HTML (html.ts) has every id the script asks for. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the explorer page has no element #${id}`);
  return found as T;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: unknown): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** An instant for the cursor and the panels: milliseconds to the microsecond below a second, seconds to the millisecond above. */
export function formatTime(us: number): string {
  return us < 1e6 ? (us / 1000).toFixed(3).replace(/\.?0+$/, '') + ' ms' : (us / 1e6).toFixed(3) + ' s';
}

/** A statistic's field name in words: "leaderChanges" is "leader changes", "commitLatencyMs" "commit latency (ms)". */
export function fieldWords(name: string): string {
  const unit = /Ms$/.test(name) ? ' (ms)' : '';
  return name.replace(/Ms$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase() + unit;
}

export function formatShortTime(us: number): string {
  const ms = us / 1000;
  return ms >= 1000 ? (ms / 1000).toFixed(3) + 's' : ms.toFixed(ms < 10 ? 2 : 1) + 'ms';
}
