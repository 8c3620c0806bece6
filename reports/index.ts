export type { RunJson } from './run-report.js';
export { formatMs, renderRunFacts, renderSummary, renderViolation, runToJson } from './run-report.js';
export type { ScenarioRunJson } from './scenario-report.js';
export { renderScenarioSummary, scenarioRunToJson } from './scenario-report.js';
export { renderTimeline } from './timeline.js';
