/**
 * The operations of the key-value workload, as a client asks for them and as a history records them.
 * A command in the log is one line of text, so that any implementation of the contract replicates it
 * as it replicates every other command, knowing nothing of keys: `kv PROCESS SEQUENCE FUNCTION KEY
 * [ARGUMENTS]`, such as `kv 3 7 put k2 41` or `kv 3 8 cas k1 41 52`. The process and sequence number
 * are the client's session (dissertation §6.3): the state machine applies each sequence number once.
 */

export type KvFunction = 'get' | 'put' | 'append' | 'cas';

export const KV_FUNCTIONS: readonly KvFunction[] = ['get', 'put', 'append', 'cas'];

/** What an operation asks: `value` for put and append, `from` and `to` for compare-and-set. */
export interface KvRequest {
  readonly f: KvFunction;
  readonly key: string;
  /** The value put or appended; null for get and cas. */
  readonly value: string | null;
  /** Compare-and-set: the value expected and the value written. */
  readonly from?: string | null;
  readonly to?: string;
}

export interface KvCommand extends KvRequest {
  readonly process: number;
  readonly sequence: number;
}

/**
 * What applying a command gave: `ok` with the value read (get) or nothing, `fail` when a
 * compare-and-set found another value, `expired` when the client's session is gone, so that the
 * state machine cannot tell whether the command was applied before (§6.3), and `stale` for a copy of a
 * command older than the session's latest, whose client has moved on and waits for nothing.
 */
export interface KvResult {
  readonly status: 'ok' | 'fail' | 'expired' | 'stale';
  readonly value: string | null;
}

const COMMAND = /^kv (\d{1,15}) (\d{1,15}) (get|put|append|cas) (\S+)(?: (\S+))?(?: (\S+))?$/;

/** Null (written `-`) is a value a compare-and-set may expect: the key is absent. */
const ABSENT = '-';

export function encodeKvCommand(command: KvCommand): string {
  const head = `kv ${command.process} ${command.sequence} ${command.f} ${command.key}`;
  switch (command.f) {
    case 'get':
      return head;
    case 'put':
    case 'append':
      return `${head} ${command.value}`;
    case 'cas':
      return `${head} ${command.from ?? ABSENT} ${command.to}`;
  }
}

/** The command a log entry holds, or null for any other command (the digest workload's, a hand-written one). */
export function decodeKvCommand(text: string): KvCommand | null {
  const match = COMMAND.exec(text);
  if (match === null) return null;
  const [, process, sequence, f, key, first, second] = match;
  const base = { process: Number(process), sequence: Number(sequence), key: key! };
  switch (f as KvFunction) {
    case 'get':
      return first === undefined ? { ...base, f: 'get', value: null } : null;
    case 'put':
    case 'append':
      return first !== undefined && second === undefined ? { ...base, f: f as 'put' | 'append', value: first } : null;
    case 'cas':
      return first !== undefined && second !== undefined ? { ...base, f: 'cas', value: null, from: first === ABSENT ? null : first, to: second } : null;
  }
}
