export { joinCommand, quoteWord, splitCommand } from './command-words.js';
export type { CommandWords } from './command-words.js';
export { ProgramChannel, useProcessTable } from './blocking-channel.js';
export { DEFAULT_PROGRAM_TIMEOUT_MS, programImplementation } from './program-implementation.js';
export type { ProgramImplementation, ProgramOptions } from './program-implementation.js';
export { killProcessesIn, newProcessTable, processesIn, PROCESS_TABLE_SLOTS } from './process-table.js';
export { FEATURES, PROTOCOL_VERSION } from './wire.js';
export type { Feature, Hello } from './wire.js';
