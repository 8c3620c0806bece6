export type { RunJson } from './run-report.js';
export { formatMs, renderRunFacts, renderSummary, renderViolation, runToJson } from './run-report.js';
export type { ScenarioRunJson } from './scenario-report.js';
export { renderScenarioSummary, scenarioRunToJson } from './scenario-report.js';
export { renderTimeline } from './timeline.js';
export { chartPanels, renderElectionTimingHtml } from './election-timing-chart.js';
export type { ElectionTimingJson, ElectionTimingRangeJson } from './election-timing-report.js';
export { ELECTION_TIMING_COLUMNS, electionTimingToCsv, electionTimingToJson, renderElectionTimingTable } from './election-timing-report.js';
