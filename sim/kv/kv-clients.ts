/**
 * The key-value workload's clients, the way an application meets Raft (dissertation §6): each client has
 * one operation in flight and sends it to the server it believes leads. A server that refuses a command
 * names the leader it knows, and the client follows it at once; a read refused has no such answer in the
 * contract, so the client goes to the leader the refusing server believes in (what the host sees of its
 * state, as a redirect would say), or else to the next server. With no answer within its timeout the
 * client tries again at a server drawn at random, with the same process and sequence number, so that a
 * session can tell a copy of a command from a new one; after its retries it gives up. What it gave up on
 * ends `fail` when no server ever took it (nothing can have happened) or when it only read, and `info`
 * (indeterminate) otherwise, after which the client goes on as a new process, as Jepsen's do.
 *
 * A command is answered when a server that took it applies it (the server the client asked answers it,
 * as etcd's does), with what the state machine gave, or when that server says it is done through
 * `Ready.acknowledgedIndexes` (a put or an append needs no result). A get is a read through the node's
 * read protocol (§6.4) when the implementation has one, answered from the state machine of the node that
 * answered the ReadState; otherwise a command through the log.
 */
import type { NodeId } from '../../core/types.js';
import type { RandomStream } from '../engine/random-streams.js';
import { EventKind } from '../events.js';
import type { SimulationScheduler } from '../events.js';
import type { HistoryOperation } from './history.js';
import { HistoryRecorder } from './history.js';
import type { KvWorkloadOptions } from './kv-options.js';
import type { KvCommand, KvFunction, KvRequest, KvResult } from './operations.js';
import { encodeKvCommand } from './operations.js';

/** What the clients can do with the servers; the simulation's hosts and node control stand behind it. */
export interface KvServers {
  readonly nodeCount: number;
  /** Proposes a command: accepted, refused with the leader the node knows, or null when the node cannot be reached. */
  propose(node: NodeId, command: string): { accepted: true } | { accepted: false; leaderId: NodeId | null } | null;
  /** Whether the node's implementation has a read protocol at all. */
  offersReads(node: NodeId): boolean;
  /** Asks a node for a read; whether it took it. */
  read(node: NodeId, context: number): boolean;
  /** The leader a node believes in, as the host sees its state; null when none or unreachable. */
  believedLeader(node: NodeId): NodeId | null;
  /** A number for a read, from the same series as every other read of the run. */
  nextReadContext(): number;
}

interface Operation {
  readonly record: HistoryOperation;
  /** The command as the log holds it; null for a get through the read protocol. */
  readonly command: string | null;
  readonly giveUpUs: number;
  /** Servers asked to take the command (each may answer it once it applies it). */
  readonly asked: Set<NodeId>;
  /** Whether some server took it: a write taken may have happened. */
  taken: boolean;
  /** The reads asked for it (a get through the read protocol), each answered at most once. */
  readonly contexts: number[];
}

interface Client {
  readonly slot: number;
  process: number;
  sequence: number;
  guess: NodeId;
  operation: Operation | null;
  /** Only the wake-up scheduled last counts; earlier ones carry an older generation. */
  generation: number;
}

/** Wait between two rounds of refusals (no leader anywhere), so that an election can finish. */
const REFUSED_BACKOFF_US = 50_000;
const FUNCTION_WEIGHTS: readonly (readonly [KvFunction, number])[] = [
  ['get', 0.35],
  ['put', 0.25],
  ['append', 0.25],
  ['cas', 0.15],
];

export class KvClients {
  readonly history = new HistoryRecorder();
  private readonly clients: Client[];
  private readonly byCommand = new Map<string, Client>();
  private readonly byReadContext = new Map<number, { readonly client: Client; readonly operation: Operation }>();
  /** The last value written to each key by an operation invoked, what a compare-and-set expects. */
  private readonly lastWritten = new Map<string, string>();
  private readonly thinkUs: number;
  private valueCounter = 0;

  constructor(
    private readonly settings: KvWorkloadOptions,
    requestsPerSecond: number,
    private readonly servers: KvServers,
    private readonly scheduler: SimulationScheduler,
    private readonly random: RandomStream,
    private readonly stopped: () => boolean,
  ) {
    this.thinkUs = requestsPerSecond > 0 ? Math.max(1, Math.round((1_000_000 * settings.clients) / requestsPerSecond)) : 0;
    this.clients = Array.from({ length: settings.clients }, (_, slot) => ({
      slot,
      process: slot,
      sequence: 0,
      guess: random.int(1, servers.nodeCount),
      operation: null,
      generation: 0,
    }));
  }

  start(): void {
    if (this.thinkUs === 0) return;
    for (const client of this.clients) this.wakeAt(client, this.thinkTimeUs());
  }

  /** A client's wake-up: time for its next operation, or its operation's time-out. */
  handleWakeUp(slot: number, generation: number): void {
    const client = this.clients[slot]!;
    if (generation !== client.generation) return;
    const operation = client.operation;
    if (operation === null) {
      if (!this.stopped()) this.invoke(client);
      return;
    }
    if (this.scheduler.nowUs >= operation.giveUpUs) {
      this.giveUp(client, operation);
      return;
    }
    client.guess = this.random.int(1, this.servers.nodeCount);
    this.send(client, operation);
  }

  /** A node's state machine applied a client command: the client waiting for it, if that node was asked, has its answer. */
  applied(node: NodeId, command: KvCommand, text: string, result: KvResult): void {
    const client = this.byCommand.get(text);
    if (client === undefined || !client.operation!.asked.has(node)) return;
    const operation = client.operation!;
    switch (result.status) {
      case 'ok':
        return this.finish(client, operation, 'ok', command.f === 'get' ? result.value : null);
      case 'fail':
        return this.finish(client, operation, 'fail', null);
      case 'expired':
        return this.finish(client, operation, 'info', null);
      case 'stale':
        return;
    }
  }

  /** A node says the command at `index` of its log is done: a put or an append, which needs no result, is answered. */
  acknowledged(node: NodeId, text: string): void {
    const client = this.byCommand.get(text);
    if (client === undefined) return;
    const operation = client.operation!;
    if (!operation.asked.has(node) || (operation.record.f !== 'put' && operation.record.f !== 'append')) return;
    this.finish(client, operation, 'ok', null);
  }

  /** A node answered read `context` from its state machine, whose value for the key is `read`. */
  readAnswered(context: number, read: (key: string) => string | null): boolean {
    const asked = this.byReadContext.get(context);
    if (asked === undefined) return false;
    this.byReadContext.delete(context);
    // An answer to a read asked for an earlier operation says nothing of this one's interval.
    if (asked.client.operation === asked.operation) this.finish(asked.client, asked.operation, 'ok', read(asked.operation.record.key));
    return true;
  }

  private invoke(client: Client): void {
    const request = this.nextRequest();
    const record = this.history.invoke(client.process, request, this.scheduler.nowUs);
    client.sequence++;
    const viaLog = request.f !== 'get' || !this.servers.offersReads(client.guess);
    const command = viaLog ? encodeKvCommand({ ...request, process: client.process + 1, sequence: client.sequence }) : null;
    const giveUpUs = this.scheduler.nowUs + Math.round(this.settings.timeoutMs * 1000) * (this.settings.retries + 1);
    const operation: Operation = { record, command, giveUpUs, asked: new Set(), taken: false, contexts: [] };
    client.operation = operation;
    if (command !== null) this.byCommand.set(command, client);
    this.send(client, operation);
  }

  /**
   * One round of sending: to the believed leader, following refusals to the leader they name, each
   * server at most once. Then the client waits for an answer, or, refused everywhere, a moment.
   */
  private send(client: Client, operation: Operation): void {
    for (let hop = 0; hop < this.servers.nodeCount; hop++) {
      const node = client.guess;
      if (operation.command === null ? this.tryRead(client, operation, node) : this.tryPropose(client, operation, operation.command, node)) {
        if (client.operation !== operation) return;
        this.wakeAt(client, this.scheduler.nowUs + Math.round(this.settings.timeoutMs * 1000));
        return;
      }
    }
    this.wakeAt(client, this.scheduler.nowUs + Math.min(REFUSED_BACKOFF_US, Math.round(this.settings.timeoutMs * 1000)));
  }

  private tryPropose(client: Client, operation: Operation, command: string, node: NodeId): boolean {
    const alreadyAsked = operation.asked.has(node);
    // Asked before the call: a node may apply the command within it (a cluster of one).
    operation.asked.add(node);
    const result = this.servers.propose(node, command);
    if (result !== null && result.accepted) {
      operation.taken = true;
      return true;
    }
    if (!alreadyAsked) operation.asked.delete(node);
    const hint = result === null ? null : result.leaderId;
    client.guess = hint !== null && hint !== node ? hint : (node % this.servers.nodeCount) + 1;
    return false;
  }

  private tryRead(client: Client, operation: Operation, node: NodeId): boolean {
    const context = this.servers.nextReadContext();
    // Registered before the call: a lease read is answered within it.
    this.byReadContext.set(context, { client, operation });
    if (this.servers.read(node, context)) {
      operation.contexts.push(context);
      return true;
    }
    this.byReadContext.delete(context);
    const believed = this.servers.believedLeader(node);
    client.guess = believed !== null && believed !== node ? believed : (node % this.servers.nodeCount) + 1;
    return false;
  }

  private giveUp(client: Client, operation: Operation): void {
    const mayHaveHappened = operation.taken && operation.record.f !== 'get';
    this.finish(client, operation, mayHaveHappened ? 'info' : 'fail', null);
  }

  private finish(client: Client, operation: Operation, type: 'ok' | 'fail' | 'info', value: string | null): void {
    this.history.complete(operation.record, type, value, this.scheduler.nowUs);
    if (operation.command !== null) this.byCommand.delete(operation.command);
    for (const context of operation.contexts) this.byReadContext.delete(context);
    client.operation = null;
    if (type === 'info') {
      // Its session may hold a command it will never know the fate of: the client starts afresh.
      client.process += this.settings.clients;
      client.sequence = 0;
    }
    if (this.thinkUs > 0) this.wakeAt(client, this.scheduler.nowUs + this.thinkTimeUs());
  }

  private wakeAt(client: Client, atUs: number): void {
    client.generation++;
    this.scheduler.schedule(atUs, EventKind.kvClient, client.slot, client.generation, null);
  }

  /** Think times vary around the mean the rate gives, so that clients do not move in step. */
  private thinkTimeUs(): number {
    return Math.max(1, Math.round(this.thinkUs * (0.5 + this.random.next())));
  }

  private nextRequest(): KvRequest {
    const f = this.pickFunction();
    const key = `k${this.random.int(1, this.settings.keys)}`;
    if (f === 'get') return { f, key, value: null };
    const value = String(++this.valueCounter);
    if (f === 'cas') {
      const from = this.lastWritten.get(key) ?? null;
      this.lastWritten.set(key, value);
      return { f, key, value: null, from, to: value };
    }
    if (f === 'put') this.lastWritten.set(key, value);
    return { f, key, value };
  }

  private pickFunction(): KvFunction {
    let draw = this.random.next();
    for (const [f, weight] of FUNCTION_WEIGHTS) {
      if (draw < weight) return f;
      draw -= weight;
    }
    return 'get';
  }

  /** Every operation of the run so far, in order of invocation. */
  get operations(): readonly HistoryOperation[] {
    return this.history.operations;
  }
}
