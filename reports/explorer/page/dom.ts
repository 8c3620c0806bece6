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

/**
 * Writes an element's text, reusing the text node it holds: a panel redrawn many times a second makes
 * no new nodes for text that changes, and touches none for text that does not.
 */
export function setText(target: HTMLElement, text: unknown): void {
  const value = text === undefined || text === null ? '' : String(text);
  const first = target.firstChild;
  if (first !== null && first === target.lastChild && first.nodeType === Node.TEXT_NODE) {
    if (first.nodeValue !== value) first.nodeValue = value;
    return;
  }
  if (first === null && value === '') return;
  target.textContent = value;
}

/** Sets a class list only when it differs, so that an unchanged element records no change. */
export function setClass(target: Element, className: string): void {
  if (target.className !== className) target.className = className;
}

/** Gives a parent exactly `count` element children, keeping those it has and making only the missing ones. */
export function keepChildren<T extends Element>(parent: Element, count: number, make: () => T): T[] {
  while (parent.children.length > count) parent.lastElementChild!.remove();
  while (parent.children.length < count) parent.appendChild(make());
  return Array.from(parent.children) as T[];
}
