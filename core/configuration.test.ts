import { describe, expect, it } from 'vitest';
import { applyChange, ConfigHistory, configEntry, decodeMembers, encodeMembers } from './configuration.js';

describe('configurations', () => {
  it('travel as config entries whose command lists the members in order', () => {
    expect(encodeMembers([3, 1, 2])).toBe('1,2,3');
    expect(decodeMembers('1,2,3')).toEqual([1, 2, 3]);
    expect(configEntry(4, [2, 1])).toEqual({ term: 4, kind: 'config', command: '1,2' });
  });

  it('change by one server at a time, and a change that changes nothing is told apart', () => {
    expect(applyChange([1, 2, 3], { type: 'add', node: 4 })).toEqual([1, 2, 3, 4]);
    expect(applyChange([1, 2, 3], { type: 'remove', node: 2 })).toEqual([1, 3]);
    expect(applyChange([1, 2, 3], { type: 'add', node: 2 })).toBeNull();
    expect(applyChange([1, 2, 3], { type: 'remove', node: 9 })).toBeNull();
  });

  it('put the latest config entry in force, fall back when it is truncated, and keep the one at a compacted index', () => {
    const history = new ConfigHistory([1, 2, 3]);
    history.appended(4, { term: 1, kind: 'command', command: 'x' });
    expect(history.latest()).toEqual([1, 2, 3]);
    history.appended(5, configEntry(1, [1, 2, 3, 4]));
    history.appended(9, configEntry(2, [1, 2, 4]));
    expect(history.latest()).toEqual([1, 2, 4]);
    expect(history.latestIndex()).toBe(9);
    expect(history.at(6)).toEqual([1, 2, 3, 4]);
    expect(history.at(4)).toEqual([1, 2, 3]);
    history.truncatedFrom(9);
    expect(history.latest()).toEqual([1, 2, 3, 4]);
    history.compactedThrough(7);
    expect(history.at(0)).toEqual([1, 2, 3, 4]);
    expect(history.latestIndex()).toBe(0);
    history.reset([5, 6, 7]);
    expect(history.latest()).toEqual([5, 6, 7]);
  });

  it('round-trip through a config entry, an empty set of members included', () => {
    for (const members of [[], [1], [1, 2, 3], [2, 10, 11]]) expect(decodeMembers(encodeMembers(members))).toEqual(members);
    expect(decodeMembers('')).toEqual([]);
  });

  it('keep members in numeric order whatever order they are given or added in', () => {
    expect(applyChange([1, 3], { type: 'add', node: 2 })).toEqual([1, 2, 3]);
    expect(applyChange([2, 9], { type: 'add', node: 10 })).toEqual([2, 9, 10]);
    expect(new ConfigHistory([3, 10, 2]).latest()).toEqual([2, 3, 10]);
    const history = new ConfigHistory([1, 2, 3]);
    history.reset([7, 5, 10]);
    expect(history.latest()).toEqual([5, 7, 10]);
    expect(history.at(100)).toEqual([5, 7, 10]);
  });

  it('keep the config entries after a compaction point, and forget the one at it, which the base now holds', () => {
    const history = new ConfigHistory([1, 2, 3]);
    history.appended(5, configEntry(1, [1, 2, 3, 4]));
    history.appended(9, configEntry(2, [1, 2, 4]));
    history.compactedThrough(3);
    expect([history.at(3), history.at(5), history.latest(), history.latestIndex()]).toEqual([[1, 2, 3], [1, 2, 3, 4], [1, 2, 4], 9]);
    history.compactedThrough(5);
    expect([history.at(5), history.at(8), history.latestIndex()]).toEqual([[1, 2, 3, 4], [1, 2, 3, 4], 9]);
    history.compactedThrough(9);
    expect([history.latest(), history.latestIndex()]).toEqual([[1, 2, 4], 0]);
    history.truncatedFrom(10);
    expect(history.latest()).toEqual([1, 2, 4]);
  });

  it('fall back to the base when every config entry is truncated', () => {
    const history = new ConfigHistory([1, 2, 3]);
    history.appended(2, configEntry(1, [1, 2]));
    history.appended(4, configEntry(1, [1]));
    history.truncatedFrom(2);
    expect([history.latest(), history.latestIndex(), history.at(4)]).toEqual([[1, 2, 3], 0, [1, 2, 3]]);
  });
});

