export type { RunJson } from './run-report.js';
export { formatMs, renderSummary, renderViolation, runToJson } from './run-report.js';
export { renderTimeline } from './timeline.js';
