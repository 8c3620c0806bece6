export type { ExploreFailure, ExploreOptions, ExploreResult } from './explore.js';
export { DEFAULT_EXPLORE_OPTIONS, explore } from './explore.js';
export type { ReplaySettings } from './replay-command.js';
export { replayCommand } from './replay-command.js';
export type { FaultMode, SeedRunSettings } from './swarm.js';
export { optionsForSeed } from './swarm.js';
