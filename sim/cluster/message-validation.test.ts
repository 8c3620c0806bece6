import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../../core/index.js';
import type { Message, RaftImplementation, RaftNodeInstance, Ready } from '../../core/index.js';
import { simulationOptions } from '../options.js';
import { runSimulation } from '../simulation.js';
import { TraceKind } from '../trace/trace.js';
import { MessageValidator, wellFormedContractMessage } from './message-validation.js';

const append = { type: 'AppendEntriesRequest', from: 2, to: 1, term: 3, prevLogIndex: 4, prevLogTerm: 2, entries: [], leaderCommit: 4 };

describe('every message an implementation hands out is checked against the contract', () => {
  const validator = new MessageValidator(3, ['MsgHeartbeat']);
  const problem = (message: unknown, sender = 2) => validator.problem(message, sender);

  it('accepts the messages of the contract, optional fields and fields of the implementation its own', () => {
    expect(problem(append)).toBeNull();
    expect(problem({ ...append, round: 7, entries: [{ term: 3, kind: 'noop', command: '' }], context: 'etcd' })).toBeNull();
    expect(problem({ type: 'RequestVoteRequest', from: 2, to: 3, term: 1, lastLogIndex: 0, lastLogTerm: 0, preVote: true })).toBeNull();
    expect(problem({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: false, matchIndex: 0, rejectedIndex: 3, conflictTerm: 0, conflictIndex: 0 })).toBeNull();
    expect(problem({ type: 'InstallSnapshotRequest', from: 2, to: 1, term: 1, snapshot: { lastIndex: 3, lastTerm: 1, members: [1, 2, 3], data: 'x' } })).toBeNull();
  });

  it('names the sender, the receiver, the field and its value', () => {
    expect(problem({ ...append, prevLogIndex: -1 })).toBe('node 2 sent an AppendEntriesRequest to node 1 with prevLogIndex -1: must be a non-negative integer');
    expect(problem({ ...append, prevLogTerm: undefined })).toBe('node 2 sent an AppendEntriesRequest to node 1 with prevLogTerm undefined: must be a non-negative integer');
    expect(problem({ ...append, leaderCommit: 1.5 })).toBe('node 2 sent an AppendEntriesRequest to node 1 with leaderCommit 1.5: must be a non-negative integer');
    expect(problem({ ...append, term: 2 ** 31 })).toBe('node 2 sent an AppendEntriesRequest to node 1 with term 2147483648: must be below 2^31');
    expect(problem({ type: 'RequestVoteResponse', from: 2, to: 1, term: 1, voteGranted: 'yes' })).toBe(
      'node 2 sent a RequestVoteResponse to node 1 with voteGranted "yes": must be true or false',
    );
  });

  it('refuses a message from another node than its sender, to a stranger or to itself', () => {
    expect(problem({ ...append, from: 3 })).toBe('node 2 sent an AppendEntriesRequest to node 1 with from 3: must be the sender, 2');
    expect(problem({ ...append, to: 4 })).toBe('node 2 sent an AppendEntriesRequest to node 4 with to 4: must be a node of the cluster, 1 to 3');
    expect(problem({ ...append, to: 2 })).toBe('node 2 sent an AppendEntriesRequest to node 2 with to 2: must be another node than the sender');
  });

  it('refuses malformed entries and snapshots', () => {
    expect(problem({ ...append, entries: [{ term: 0, kind: 'command', command: 'a' }] })).toBe(
      'node 2 sent an AppendEntriesRequest to node 1 with entries[0] {"term":0,"kind":"command","command":"a"}: its term must be a positive integer',
    );
    expect(problem({ ...append, entries: [{ term: 1, kind: 'batch', command: 'a' }] })).toMatch(/entries\[0\] .*: its kind must be one of command, noop, config$/);
    expect(problem({ ...append, entries: [{ term: 1, kind: 'command', command: 5 }] })).toMatch(/its command must be a string$/);
    expect(problem({ ...append, entries: undefined })).toMatch(/with entries undefined: must be an array of entries$/);
    expect(problem({ type: 'InstallSnapshotRequest', from: 2, to: 1, term: 1, snapshot: { lastIndex: -2, lastTerm: 1, members: [1], data: '' } })).toMatch(
      /with snapshot\.lastIndex -2: must be a non-negative integer$/,
    );
  });

  it('passes quickly exactly the contract messages that the field-by-field judgement finds nothing wrong with', () => {
    // Mostly the values each field should hold, so that many messages are well formed, and now and then anything.
    const oddValue = fc.constantFrom<unknown>(undefined, null, -0, -1, 1.5, 2 ** 31 - 1, 2 ** 31, Number.NaN, '1', [], {});
    const often = (usual: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: oddValue, weight: 1 });
    const number = often(fc.constantFrom(0, 1, 2, 3, 4));
    const flag = often(fc.boolean());
    const entry = often(fc.record({ term: often(fc.constantFrom(1, 2)), kind: often(fc.constantFrom('command', 'noop', 'config', 'batch')), command: often(fc.constantFrom('', 'a')) }));
    const numbers = ['term', 'prevLogIndex', 'prevLogTerm', 'leaderCommit', 'round', 'matchIndex', 'rejectedIndex', 'conflictTerm', 'conflictIndex', 'lastLogIndex', 'lastLogTerm'];
    const anyMessage = fc.record(
      {
        type: often(fc.constantFrom('AppendEntriesRequest', 'AppendEntriesResponse', 'RequestVoteRequest', 'RequestVoteResponse', 'TimeoutNowRequest', 'InstallSnapshotRequest', 'MsgHeartbeat')),
        entries: often(fc.array(entry, { maxLength: 3 })),
        from: often(fc.constantFrom(2, 2, 2, 1)),
        to: often(fc.constantFrom(1, 3, 2, 4)),
        success: flag,
        voteGranted: flag,
        preVote: flag,
        leadershipTransfer: flag,
        ...Object.fromEntries(numbers.map((name) => [name, number])),
      },
      { requiredKeys: ['type'] },
    );
    let wellFormed = 0;
    fc.assert(
      fc.property(anyMessage, fc.constantFrom(2, 2, 1), (message, sender) => {
        const quick = wellFormedContractMessage(message, sender, 3);
        const judged = validator.describeProblem(message, sender);
        if (quick) wellFormed++;
        if (quick) expect(judged).toBeNull();
        else if (judged === null) expect(['InstallSnapshotRequest', 'MsgHeartbeat']).toContain(message.type);
        expect(validator.problem(message, sender)).toBe(judged);
      }),
      { numRuns: 3000 },
    );
    expect(wellFormed).toBeGreaterThan(100);
  });

  it('takes a declared extra type with a valid address and term, and refuses an undeclared one', () => {
    expect(problem({ type: 'MsgHeartbeat', from: 2, to: 1, term: 3, commit: 5 })).toBeNull();
    expect(problem({ type: 'MsgHeartbeat', from: 2, to: 1, term: -3 })).toBe('node 2 sent a MsgHeartbeat to node 1 with term -3: must be a non-negative integer');
    expect(problem({ type: 'MsgSnap', from: 2, to: 1, term: 3 })).toBe(
      'node 2 sent a message of type "MsgSnap" to node 1: not a message type of the contract, nor one of the declared extra types MsgHeartbeat',
    );
    expect(new MessageValidator(3).problem({ type: 'MsgHeartbeat', from: 2, to: 1, term: 3 }, 2)).toMatch(/the implementation declares no extra types$/);
  });
});

/** The reference node with its Readies' messages passed through `rewrite`, and its input messages through `filter`. */
function wrapped(
  rewrite: (messages: readonly Message[], id: number) => Message[],
  filter: (message: Message) => Message | null = (message) => message,
  extraMessageTypes?: readonly string[],
): RaftImplementation {
  return {
    name: 'wrapped-reference',
    ...(extraMessageTypes === undefined ? {} : { extraMessageTypes }),
    create(config) {
      const node = referenceImplementation.create(config);
      const wrapper: RaftNodeInstance = {
        tick: () => node.tick(),
        step: (message) => {
          const passed = filter(message);
          if (passed !== null) node.step(passed);
        },
        propose: (command) => node.propose(command),
        hasReady: () => node.hasReady(),
        ready: (): Ready => {
          const ready = node.ready();
          return { ...ready, messages: rewrite(ready.messages, config.id) };
        },
        advance: (ready) => node.advance(ready),
      };
      return wrapper;
    },
  };
}

describe('a malformed message in a run', () => {
  it('is the sender’s failure: the run stops there, and the message never reaches the network or the trace', () => {
    const implementation = wrapped((messages) =>
      messages.map((message) => (message.type === 'AppendEntriesRequest' && message.entries.length > 0 ? { ...message, prevLogIndex: -1 } : message)),
    );
    const result = runSimulation(simulationOptions({ implementation, seed: 4, durationMs: 3_000 }));
    expect(result.violations.map((violation) => violation.checker)).toEqual(['malformed-message']);
    expect(result.violations[0]!.message).toMatch(/^node \d sent an AppendEntriesRequest to node \d with prevLogIndex -1: must be a non-negative integer$/);
    const sent = result.trace.records().filter((record) => record.kind === TraceKind.send);
    expect(sent.some((record) => (record.detail as Message & { prevLogIndex?: number }).prevLogIndex === -1)).toBe(false);
    expect(result.outcome).toBe('violation');
  });
});

describe('extra fields and declared extra message types in a run', () => {
  it('are delivered as sent and kept whole by the trace, and every checker still holds', () => {
    const received: Record<string, unknown>[] = [];
    const implementation = wrapped(
      (messages, id) => {
        const out: Message[] = messages.map((message) => (message.type === 'AppendEntriesRequest' ? ({ ...message, context: 'ctx' } as Message) : message));
        // Each leader heartbeat goes with a message of the implementation's own type, which the receiver swallows.
        for (const message of messages) {
          if (message.type === 'AppendEntriesRequest' && message.entries.length === 0) {
            out.push({ type: 'MsgHeartbeat', from: id, to: message.to, term: message.term, commit: message.leaderCommit } as unknown as Message);
          }
        }
        return out;
      },
      (message) => {
        received.push(message as unknown as Record<string, unknown>);
        return (message.type as string) === 'MsgHeartbeat' ? null : message;
      },
      ['MsgHeartbeat'],
    );
    const result = runSimulation(simulationOptions({ implementation, seed: 6, durationMs: 3_000 }));
    expect(result.violations).toEqual([]);
    expect(result.stats.commandsCommitted).toBeGreaterThan(10);
    const heartbeats = received.filter((message) => message.type === 'MsgHeartbeat');
    expect(heartbeats.length).toBeGreaterThan(10);
    expect(Object.keys(heartbeats[0]!)).toEqual(['type', 'from', 'to', 'term', 'commit']);
    expect(received.some((message) => message.type === 'AppendEntriesRequest' && message.context === 'ctx')).toBe(true);
    const sent = result.trace.records().filter((record) => record.kind === TraceKind.send).map((record) => record.detail as Record<string, unknown>);
    expect(sent.some((message) => message.type === 'MsgHeartbeat' && typeof message.commit === 'number')).toBe(true);
    expect(sent.some((message) => message.type === 'AppendEntriesRequest' && message.context === 'ctx')).toBe(true);
  });

  it('change the trace hash when an extra field changes', () => {
    const withContext = (context: string) =>
      wrapped((messages) => messages.map((message) => (message.type === 'AppendEntriesRequest' ? ({ ...message, context } as Message) : message)));
    const hashOf = (context: string) => runSimulation(simulationOptions({ implementation: withContext(context), seed: 6, durationMs: 1_000 })).traceHash;
    expect(hashOf('a')).not.toBe(hashOf('b'));
  });
});
