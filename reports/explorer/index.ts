export { renderExplorerHtml } from './html.js';
