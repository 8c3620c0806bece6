export type { RunJson } from './run-report.js';
export { formatMs, renderRunFacts, renderSummary, renderViolation, runToJson } from './run-report.js';
export type { ScenarioRunJson } from './scenario-report.js';
export { renderScenarioSummary, scenarioRunToJson } from './scenario-report.js';
export { renderTimeline } from './timeline.js';
export { renderExplorerHtml } from './explorer/index.js';
export type { TraceFile, TraceFileEvent, TraceFileHeader, TraceFileRead, TraceFileTrailer } from './trace-file/index.js';
export { parseTraceText, readTraceFile, TRACE_FORMAT, TRACE_FORMAT_VERSION, traceToJsonLines } from './trace-file/index.js';
export { RAFTSIM_VERSION } from './version.js';
