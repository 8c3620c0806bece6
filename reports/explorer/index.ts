export { EXPLORER_MAX_TRACE_BYTES, explorerSizeProblem, renderExplorerHtml } from './html.js';
