export type { KnownBug } from './catalog.js';
export { findKnownBug, KNOWN_BUGS } from './catalog.js';
