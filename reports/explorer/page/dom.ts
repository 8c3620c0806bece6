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

export function formatTime(us: number): string {
  return (us / 1e6).toFixed(6) + ' s';
}

export function formatShortTime(us: number): string {
  const ms = us / 1000;
  return ms >= 1000 ? (ms / 1000).toFixed(3) + 's' : ms.toFixed(ms < 10 ? 2 : 1) + 'ms';
}
