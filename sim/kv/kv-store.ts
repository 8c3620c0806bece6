/**
 * The key-value state machine: get, put, append and compare-and-set on string values, with client
 * sessions (dissertation §6.3) when asked. With sessions, each client's commands carry a process and a
 * sequence number; the state machine remembers, per session, the latest sequence number applied and
 * its result, and answers a copy of that command with the remembered result instead of applying it
 * again. Sessions expire as the dissertation describes, by a rule every server applies alike: at most
 * `sessionLimit` sessions are kept, and the least recently used goes, "used" meaning the index of the
 * session's last command, never a clock. A command of a session that is gone gets `expired`: whether
 * it was applied before cannot be told, and the client must treat its operation as indeterminate.
 */
import type { KvCommand, KvResult } from './operations.js';

interface Session {
  lastSequence: number;
  lastResult: KvResult;
}

export interface KvStoreSettings {
  readonly sessions: boolean;
  readonly sessionLimit: number;
}

const OK: KvResult = { status: 'ok', value: null };
const STALE: KvResult = { status: 'stale', value: null };
const EXPIRED: KvResult = { status: 'expired', value: null };

/** The state as a snapshot holds it: JSON, keys in sorted order, sessions from least to most recently used. */
interface KvStoreState {
  readonly values: Readonly<Record<string, string>>;
  readonly sessions: readonly (readonly [number, number, KvResult])[];
  readonly highestExpired: number;
}

export class KvStore {
  private values = new Map<string, string>();
  /** In order of last use, least recent first (a Map keeps insertion order; a use moves the session last). */
  private sessions = new Map<number, Session>();
  /**
   * The highest process whose session expired. A process starts its session with sequence 1; a first
   * command of a process at or below this one may be a copy of one applied before its session expired.
   */
  private highestExpired = 0;

  constructor(private readonly settings: KvStoreSettings) {}

  /** The value of a key now: what a read answered by this state machine returns. */
  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  apply(command: KvCommand): KvResult {
    if (!this.settings.sessions) return this.execute(command);
    const session = this.sessions.get(command.process);
    if (session === undefined) {
      if (command.sequence !== 1 || command.process <= this.highestExpired) return EXPIRED;
      return this.remember(command, { lastSequence: 0, lastResult: OK });
    }
    if (command.sequence === session.lastSequence) {
      this.touch(command.process, session);
      return session.lastResult;
    }
    if (command.sequence < session.lastSequence) return STALE;
    return this.remember(command, session);
  }

  private remember(command: KvCommand, session: Session): KvResult {
    const result = this.execute(command);
    session.lastSequence = command.sequence;
    session.lastResult = result;
    this.touch(command.process, session);
    if (this.sessions.size > this.settings.sessionLimit) {
      const [oldest] = this.sessions.keys();
      this.sessions.delete(oldest!);
      this.highestExpired = Math.max(this.highestExpired, oldest!);
    }
    return result;
  }

  private touch(process: number, session: Session): void {
    this.sessions.delete(process);
    this.sessions.set(process, session);
  }

  private execute(command: KvCommand): KvResult {
    const current = this.values.get(command.key) ?? null;
    switch (command.f) {
      case 'get':
        return { status: 'ok', value: current };
      case 'put':
        this.values.set(command.key, command.value!);
        return OK;
      case 'append':
        this.values.set(command.key, current === null ? command.value! : `${current},${command.value!}`);
        return OK;
      case 'cas':
        if (current !== (command.from ?? null)) return { status: 'fail', value: current };
        this.values.set(command.key, command.to!);
        return OK;
    }
  }

  encode(): string {
    const values = Object.fromEntries([...this.values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sessions = [...this.sessions.entries()].map(([process, session]) => [process, session.lastSequence, session.lastResult] as const);
    const state: KvStoreState = { values, sessions, highestExpired: this.highestExpired };
    return JSON.stringify(state);
  }

  /** Restores from `encode()`'s text; false (and an empty store) for text it did not write. */
  restore(text: string): boolean {
    this.reset();
    let state: KvStoreState;
    try {
      state = JSON.parse(text) as KvStoreState;
    } catch {
      return false;
    }
    if (typeof state !== 'object' || state === null || typeof state.values !== 'object' || !Array.isArray(state.sessions)) return false;
    for (const [key, value] of Object.entries(state.values)) if (typeof value === 'string') this.values.set(key, value);
    for (const [process, lastSequence, lastResult] of state.sessions) this.sessions.set(process, { lastSequence, lastResult });
    this.highestExpired = typeof state.highestExpired === 'number' ? state.highestExpired : 0;
    return true;
  }

  reset(): void {
    this.values = new Map();
    this.sessions = new Map();
    this.highestExpired = 0;
  }
}
