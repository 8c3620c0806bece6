export type { ConformanceGroup, ConformanceOptions, ConformanceOutcome, ConformanceReport, ConformanceStatus } from './suite.js';
export { CONFORMANCE_GROUPS, CONFORMANCE_TESTS, runConformance, runConformanceTest } from './suite.js';
export type { ConformanceTest } from './test-case.js';
export { ConformanceFailure, Probe } from './probe.js';
