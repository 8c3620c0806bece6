import { describe, expect, it } from 'vitest';
import { DropReason, MESSAGE_CODE, RejectReason, ROLE_CODE, TamperKind, TraceKind } from '../trace/trace.js';
import type { TraceRecord } from '../trace/trace.js';
import { PROTOCOL_COVERAGE_FAMILIES, protocolCoverage } from './protocol-coverage.js';

let index = 0;
function record(kind: TraceKind, node: number, a: number, b: number, detail: unknown = null, peer = 0): TraceRecord {
  return { index: index++, kind, timeUs: index * 1000, node, peer, a, b, detail };
}
const entries = (...terms: number[]) => terms.map((term, at) => ({ term, command: `c${at}` }));
const becomes = (node: number, role: keyof typeof ROLE_CODE, term: number) => record(TraceKind.roleChange, node, ROLE_CODE[role], term);

describe('protocolCoverage', () => {
  it('names role transitions, term jumps and crashes by the role the node was in', () => {
    const features = protocolCoverage(
      [becomes(1, 'candidate', 1), record(TraceKind.termChange, 1, 1, 0), becomes(1, 'leader', 1), record(TraceKind.termChange, 2, 4, 1), record(TraceKind.crash, 1, 1, 0)],
      3,
    );
    expect(features).toEqual(['crash:leader', 'role:candidate>leader', 'role:follower>candidate', 'term-jump:1', 'term-jump:3+']);
  });

  it('names each message type with its outcome, and a drop with its reason', () => {
    const features = protocolCoverage(
      [
        record(TraceKind.send, 1, MESSAGE_CODE.RequestVoteRequest, 8),
        record(TraceKind.drop, 1, MESSAGE_CODE.RequestVoteRequest, 8 + DropReason.partition, null, 2),
        record(TraceKind.duplicate, 1, MESSAGE_CODE.AppendEntriesResponse, 16),
      ],
      3,
    );
    expect(features).toEqual(['message:AppendEntriesResponse:duplicated', 'message:RequestVoteRequest:dropped-partition', 'message:RequestVoteRequest:sent']);
  });

  it('names what an attack did to which message type, a rotten disk record, and each reason a node refused something, but not an attack beginning', () => {
    const features = protocolCoverage(
      [
        record(TraceKind.tamper, 0, TamperKind.corrupted, 1),
        record(TraceKind.tamper, 1, TamperKind.corrupted, MESSAGE_CODE.AppendEntriesRequest, null, 2),
        record(TraceKind.tamper, 5, TamperKind.outsider, MESSAGE_CODE.RequestVoteRequest, null, 3),
        record(TraceKind.tamper, 2, TamperKind.rotten, 7),
        record(TraceKind.rejected, 2, MESSAGE_CODE.AppendEntriesRequest, RejectReason.checksum, null, 1),
        record(TraceKind.rejected, 3, MESSAGE_CODE.RequestVoteRequest, RejectReason.outsider, null, 5),
      ],
      5,
    );
    expect(features).toEqual(['attack:corrupted:AppendEntriesRequest', 'attack:outsider:RequestVoteRequest', 'attack:rotten', 'rejected:checksum', 'rejected:outsider']);
  });

  it('counts only entries a leader overwrote with entries of another term, not a restart reading its log back', () => {
    const write = (node: number, from: number, ...terms: number[]) => record(TraceKind.logWrite, node, from, terms.length, entries(...terms));
    expect(protocolCoverage([write(2, 1, 1, 1, 2, 2), write(2, 3, 2, 2)], 3)).toEqual([]);
    expect(protocolCoverage([write(2, 1, 1, 1, 2, 2), write(2, 2, 3)], 3)).toEqual(['truncate:2-3']);
    expect(protocolCoverage([write(2, 1, 1, 1), record(TraceKind.crash, 2, 1, 0), write(2, 1, 1)], 3)).not.toContain('truncate:1');
  });

  it('sees Figure 8: a leader elected over entries of older terms above its commit index, then how it commits them', () => {
    const figure8 = [record(TraceKind.logWrite, 1, 1, 3, entries(1, 2, 2)), record(TraceKind.commit, 1, 1, 0), becomes(1, 'leader', 4)];
    expect(protocolCoverage(figure8, 3)).toContain('leader-old-term-tail:2-3');
    const safe = [...figure8, record(TraceKind.logWrite, 1, 4, 1, entries(4)), record(TraceKind.commit, 1, 4, 1)];
    expect(protocolCoverage(safe, 3)).toContain('commit-old-term:via-current');
    const unsafe = [...figure8, record(TraceKind.commit, 1, 3, 1)];
    expect(protocolCoverage(unsafe, 3)).toContain('commit-old-term:direct');
    expect(protocolCoverage(unsafe, 3)).not.toContain('commit-old-term:via-current');
  });

  it('tells the three cases of installing a snapshot apart', () => {
    const log = record(TraceKind.logWrite, 2, 1, 4, entries(1, 1, 2, 2));
    expect(protocolCoverage([log, record(TraceKind.installSnapshot, 2, 2, 1)], 3)).toEqual(['install-snapshot:keep-tail']);
    expect(protocolCoverage([log, record(TraceKind.installSnapshot, 2, 3, 3)], 3)).toEqual(['install-snapshot:replace']);
    expect(protocolCoverage([log, record(TraceKind.installSnapshot, 2, 3, 2), record(TraceKind.installSnapshot, 2, 2, 1)], 3)).toContain('install-snapshot:older');
  });

  it('sees two leaders at once, a configuration change in flight across a leader change, and a read served while another stands', () => {
    const features = protocolCoverage(
      [
        becomes(1, 'leader', 1),
        record(TraceKind.membershipChange, 1, 5, 1, null, 4),
        record(TraceKind.termChange, 2, 2, 1),
        becomes(2, 'candidate', 2),
        record(TraceKind.read, 1, 1, 1),
        becomes(2, 'leader', 2),
        record(TraceKind.read, 3, 2, 0),
      ],
      4,
    );
    expect(features).toEqual(expect.arrayContaining(['leaders:2+', 'membership-in-flight:leader-change', 'read:taken', 'read:taken-during-election', 'read:refused']));
  });

  it('documents every family it can report', () => {
    const families = new Set(PROTOCOL_COVERAGE_FAMILIES.map((family) => family.family));
    expect(families.size).toBe(PROTOCOL_COVERAGE_FAMILIES.length);
    for (const feature of ['role:a>b', 'message:x:y', 'term-jump:1', 'crash:leader', 'truncate:1', 'leader-old-term-tail:1', 'commit-old-term:direct', 'install-snapshot:keep-tail', 'membership-in-flight:leader-change', 'read:taken', 'leaders:2+', 'fault:pause']) {
      expect(families.has(feature.split(':')[0]!), feature).toBe(true);
    }
  });
});
