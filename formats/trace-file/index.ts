export type { TraceFile, TraceFileEvent, TraceFileHeader, TraceFileTrailer } from './format.js';
export { TRACE_FORMAT, TRACE_FORMAT_VERSION } from './format.js';
export type { TraceFileRead } from './read.js';
export { parseTraceText, readTraceFile } from './read.js';
export { traceToJsonLines } from './write.js';
export type { TraceFileDestination } from './stream.js';
export { TraceFileStream } from './stream.js';
export type { TraceStreamEnd, TraceStreamVisitor } from './read-stream.js';
export { MESSAGES_KEPT, streamTraceFile, TraceStreamReader } from './read-stream.js';
