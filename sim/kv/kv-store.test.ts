import { describe, expect, it } from 'vitest';
import { KvStore } from './kv-store.js';
import { decodeKvCommand, encodeKvCommand } from './operations.js';
import type { KvCommand } from './operations.js';

const put = (process: number, sequence: number, key: string, value: string): KvCommand => ({ process, sequence, f: 'append', key, value });

describe('the key-value state machine', () => {
  it('writes commands as one line of text and reads them back', () => {
    const commands: KvCommand[] = [
      { process: 3, sequence: 7, f: 'put', key: 'k2', value: '41' },
      { process: 3, sequence: 8, f: 'cas', key: 'k1', value: null, from: null, to: '52' },
      { process: 1, sequence: 1, f: 'get', key: 'k1', value: null },
    ];
    for (const command of commands) expect(decodeKvCommand(encodeKvCommand(command))).toEqual(command);
    expect(encodeKvCommand(commands[1]!)).toBe('kv 3 8 cas k1 - 52');
    expect(decodeKvCommand('c12')).toBeNull();
    expect(decodeKvCommand('kv 1 1 put k1')).toBeNull();
  });

  it('with sessions, applies a copy of a command once and answers it with the first result', () => {
    const store = new KvStore({ sessions: true, sessionLimit: 8 });
    expect(store.apply(put(1, 1, 'x', 'a'))).toEqual({ status: 'ok', value: null });
    expect(store.apply(put(1, 1, 'x', 'a'))).toEqual({ status: 'ok', value: null });
    expect(store.apply(put(1, 2, 'x', 'b')).status).toBe('ok');
    expect(store.apply(put(1, 1, 'x', 'a')).status).toBe('stale');
    expect(store.get('x')).toBe('a,b');
  });

  it('without sessions, applies every copy', () => {
    const store = new KvStore({ sessions: false, sessionLimit: 8 });
    store.apply(put(1, 1, 'x', 'a'));
    store.apply(put(1, 1, 'x', 'a'));
    expect(store.get('x')).toBe('a,a');
  });

  it('expires the least recently used session beyond its limit, and then cannot tell a copy from a new command', () => {
    const store = new KvStore({ sessions: true, sessionLimit: 2 });
    store.apply(put(1, 1, 'x', 'a'));
    store.apply(put(2, 1, 'x', 'b'));
    store.apply(put(1, 2, 'x', 'c'));
    // Session 2 was used least recently: it goes when session 3 starts.
    store.apply(put(3, 1, 'x', 'd'));
    expect(store.apply(put(2, 2, 'x', 'e')).status).toBe('expired');
    expect(store.apply(put(2, 1, 'x', 'b')).status).toBe('expired');
    expect(store.apply(put(1, 3, 'x', 'f')).status).toBe('ok');
    expect(store.get('x')).toBe('a,b,c,d,f');
  });

  it('compare-and-set writes only over the value it expects, absent included', () => {
    const store = new KvStore({ sessions: false, sessionLimit: 8 });
    expect(store.apply({ process: 1, sequence: 1, f: 'cas', key: 'x', value: null, from: null, to: '1' }).status).toBe('ok');
    expect(store.apply({ process: 1, sequence: 2, f: 'cas', key: 'x', value: null, from: null, to: '2' })).toEqual({ status: 'fail', value: '1' });
    expect(store.apply({ process: 1, sequence: 3, f: 'get', key: 'x', value: null })).toEqual({ status: 'ok', value: '1' });
  });

  it('carries its values and sessions through a snapshot', () => {
    const store = new KvStore({ sessions: true, sessionLimit: 8 });
    store.apply(put(1, 1, 'x', 'a'));
    const copy = new KvStore({ sessions: true, sessionLimit: 8 });
    expect(copy.restore(store.encode())).toBe(true);
    expect(copy.get('x')).toBe('a');
    expect(copy.apply(put(1, 1, 'x', 'a')).status).toBe('ok');
    expect(copy.get('x')).toBe('a');
    expect(copy.restore('not ours')).toBe(false);
    expect(copy.get('x')).toBeNull();
  });
});
