export type { RunJson, ScenarioRunJson } from './run-json.js';
export { runToJson, scenarioRunToJson } from './run-json.js';
export type { TraceFile, TraceFileDestination, TraceFileEvent, TraceFileHeader, TraceFileRead, TraceFileTrailer } from './trace-file/index.js';
export { parseTraceText, readTraceFile, TRACE_FORMAT, TRACE_FORMAT_VERSION, TraceFileStream, traceToJsonLines } from './trace-file/index.js';
export type { TraceStreamEnd, TraceStreamVisitor } from './trace-file/index.js';
export { MESSAGES_KEPT, streamTraceFile, TraceStreamReader } from './trace-file/index.js';
export { RAFTSIM_VERSION } from './version.js';
export type { ShardFailureJson, ShardFile, ShardFileRead, ShardRecord, ShardViolation } from './shard-file.js';
export { parseShardFile, SHARD_FORMAT, SHARD_FORMAT_VERSION } from './shard-file.js';
