export { historyToJsonLines, parseJsonLinesHistory } from './jsonl.js';
export { historyToEdn, parseEdnHistory } from './edn.js';
export type { ParsedHistory } from './event-fields.js';
export { SINGLE_REGISTER_KEY } from './event-fields.js';
export type { HistoryCheck, HistoryFormat } from './check.js';
export { checkHistoryText, historyFileText, historyFormatOf } from './check.js';
