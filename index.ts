/** The raftsim library: everything the CLI uses, for tests and tools that import it. */
export * from './core/index.js';
export * from './bugs/index.js';
export * from './sim/index.js';
export * from './scenarios/index.js';
export * from './conformance/index.js';
export * from './reports/index.js';
