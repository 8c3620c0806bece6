/** The history types the files carry, from the simulator's own (sim/kv/history.ts). */
export type { HistoryEvent } from '../../sim/index.js';

export type KvFunctionName = 'get' | 'put' | 'append' | 'cas';
