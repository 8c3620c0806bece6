/**
 * raftsim/internals: every module's exports, for tools that reach below the public API (the event
 * queue, random streams, the trace recorder, checker internals). Nothing here is stable across minor
 * versions; docs/api.md says what is.
 */
export * from './core/index.js';
export * from './bugs/index.js';
export * from './sim/index.js';
export * from './scenarios/index.js';
export * from './conformance/index.js';
export * from './formats/index.js';
export * from './reports/index.js';
export * from './bridge/index.js';
export { quoteIfNeeded, replayCommand, replayFileCommand } from './cli/replay-command.js';
export type { ReplaySettings } from './cli/replay-command.js';
