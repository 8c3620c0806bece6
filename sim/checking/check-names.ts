/**
 * The names of every check a simulation runs and can be told to skip: the state checkers (checkers/)
 * and the host's server rules (server-rules.ts). A run that skips one still runs the rest, so one
 * noisy check cannot hide what the others would find.
 */
import { CHECKER_NAMES } from '../checkers/checker.js';
import type { HistoryCheckName } from '../checkers/checker.js';
import type { ServerRuleName } from './server-rules.js';

/**
 * Every server rule, by the name its reports carry. Written as a record over the rules' type, so that
 * a rule added there does not compile until it is listed here too, and from here flows into every list
 * of names that may be skipped.
 */
const SERVER_RULES: Readonly<Record<ServerRuleName, true>> = { 'term-adoption': true, 'election-timer': true, 'durable-restart': true, 'message-integrity': true };

export const SERVER_RULE_NAMES = Object.keys(SERVER_RULES) as readonly ServerRuleName[];

/** The check of the clients' history, run at the end of a run with the key-value workload. */
const HISTORY_CHECKS: Readonly<Record<HistoryCheckName, true>> = { linearizability: true };

/** Every check a simulation runs, state checkers first, then the server rules and the history's check. */
export const SIMULATION_CHECK_NAMES: readonly string[] = [...CHECKER_NAMES, ...SERVER_RULE_NAMES, ...(Object.keys(HISTORY_CHECKS) as HistoryCheckName[])];
