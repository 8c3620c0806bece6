export { EXPLORER_MAX_TRACE_BYTES, renderExplorerHtml, renderWindowedExplorerHtml } from './html.js';
export { renderPlaygroundHtml } from './playground-html.js';
export type { ListedViolation, WindowedExplorerIndex, WindowFile, WindowPlace } from './window-format.js';
export type { ExplorerWindowsOptions } from './windows.js';
export { EXPLORER_WINDOW_BYTES, ExplorerWindows, windowFileName } from './windows.js';
