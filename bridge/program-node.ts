/**
 * A node of the contract whose code runs in another process: every call becomes a request, and every
 * reply brings the node's Ready with it, so hasReady() and ready() are answered here without asking.
 *
 * The Ready handed out in a reply is final on the program's side, so a program hands out no other
 * until the host has advanced it (docs/protocol.md, "The Ready"): with a simulated disk latency the
 * node meanwhile gets ticks and messages, and what they produce comes with the advance's reply. That is
 * the order in which the host takes a JavaScript node's Ready, so the same node gives the same run in
 * process and over the protocol.
 */
import type { NodeConfig, ProposeResult, RaftNodeInstance, Ready } from '../core/contract.js';
import type { ConfigChange } from '../core/configuration.js';
import type { Message } from '../core/messages.js';
import type { RandomSource } from '../core/random.js';
import type { NodeId, Snapshot } from '../core/types.js';
import { programError } from './program-process.js';
import type { ProgramProcess, ReplyContent } from './program-process.js';
import { asReady, readyProblem } from './wire.js';
import type { Hello } from './wire.js';

export class ProgramNode implements RaftNodeInstance {
  private readonly random: RandomSource;
  /** The Ready of the last reply, until the host takes it. */
  private held: Ready | null = null;
  /** The request whose reply brought the Ready the host has taken and not yet advanced; 0 when none. */
  private awaitingAdvance = 0;
  /** Whether any request went to the program after the reply that carried the outstanding Ready (taken or not). */
  private askedSinceCarried = false;
  private requests = 0;

  transferLeadership?: (to: NodeId) => boolean;
  compact?: (index: number, data: string) => Snapshot | null;
  proposeConfigChange?: (change: ConfigChange) => ProposeResult;
  read?: (context: number) => boolean;

  constructor(
    private readonly program: ProgramProcess,
    private readonly hello: Hello,
    config: NodeConfig,
  ) {
    this.random = config.random;
    program.label = `node ${config.id}'s program`;
    const node = JSON.stringify({ id: config.id, members: config.members, options: config.options, persisted: config.persisted });
    this.call('create', `,"node":${node}`);
    // Only what the program says it implements is offered to the host: the host uses a part only when the node has its method.
    const features = hello.features;
    if (features.includes('transfer')) this.transferLeadership = (to) => this.booleanResult('transferLeadership', this.call('transferLeadership', `,"to":${to}`).result);
    if (features.includes('snapshots')) this.compact = (index, data) => this.snapshotResult(this.call('compact', `,"index":${index},"data":${JSON.stringify(data)}`).result);
    if (features.includes('membership')) this.proposeConfigChange = (change) => this.proposeResult('proposeConfigChange', this.call('proposeConfigChange', `,"change":${JSON.stringify(change)}`).result);
    if (features.includes('reads')) this.read = (context) => this.booleanResult('read', this.call('read', `,"context":${context}`).result);
  }

  tick(): void {
    this.call('tick', '');
  }

  step(message: Message): void {
    this.call('step', `,"message":${JSON.stringify(message)}`);
  }

  propose(command: string): ProposeResult {
    return this.proposeResult('propose', this.call('propose', `,"command":${JSON.stringify(command)}`).result);
  }

  hasReady(): boolean {
    return this.held !== null;
  }

  ready(): Ready {
    const ready = this.held;
    if (ready === null) throw programError('ready() was called while the node had no Ready (hasReady() was false)');
    this.held = null;
    this.awaitingAdvance = this.requests;
    return ready;
  }

  advance(): void {
    // An advance straight after its Ready, of a program that declared quietAdvance, has nothing to answer: it is not waited for.
    const quiet = this.hello.quietAdvance && !this.askedSinceCarried;
    this.awaitingAdvance = 0;
    if (quiet) {
      this.requests++;
      this.program.requestQuietly('advance', this.random, this.hello.randomPerCall);
    } else {
      this.call('advance', '');
    }
  }

  close(): void {
    this.program.close();
  }

  private call(call: string, fields: string): ReplyContent {
    this.requests++;
    // Output of a request sent after the reply that carried the Ready stays in the program until the advance.
    if (this.held !== null || this.awaitingAdvance !== 0) this.askedSinceCarried = true;
    const reply = this.program.request(call, fields, this.random, this.hello.randomPerCall);
    if (reply.ready !== null) this.hold(reply.ready, call);
    return reply;
  }

  private hold(ready: Record<string, unknown>, call: string): void {
    if (this.held !== null || this.awaitingAdvance !== 0) {
      const earlier = this.held !== null ? 'the host had not taken the one before' : 'the one before awaited its advance';
      throw programError(`${this.program.label} handed out a Ready in its reply to ${call} while ${earlier}: a program hands out its next Ready only once the last is advanced`);
    }
    const problem = readyProblem(ready);
    if (problem !== null) throw programError(`${this.program.label} answered ${call} with a Ready that breaks the contract: ${problem}`);
    this.held = asReady(ready);
    this.askedSinceCarried = false;
  }

  private booleanResult(call: string, result: unknown): boolean {
    if (typeof result !== 'boolean') throw programError(`${this.program.label} answered ${call} with result ${JSON.stringify(result) ?? 'undefined'}: true or false was due`);
    return result;
  }

  private proposeResult(call: string, result: unknown): ProposeResult {
    const value = result as Record<string, unknown> | null;
    const whole = (field: unknown): boolean => typeof field === 'number' && Number.isInteger(field) && field >= 0;
    const accepted = value !== null && typeof value === 'object' && value.accepted === true && whole(value.index) && whole(value.term);
    const refused =
      value !== null &&
      typeof value === 'object' &&
      value.accepted === false &&
      (value.leaderId === null || value.leaderId === undefined || whole(value.leaderId)) &&
      (value.reason === undefined || typeof value.reason === 'string');
    if (!accepted && !refused) throw programError(`${this.program.label} answered ${call} with result ${JSON.stringify(result) ?? 'undefined'}: {accepted, index, term} or {accepted: false, leaderId} was due`);
    if (refused && value.leaderId === undefined) return { ...(value as object), leaderId: null } as ProposeResult;
    return value as unknown as ProposeResult;
  }

  private snapshotResult(result: unknown): Snapshot | null {
    if (result === null) return null;
    const problem = readyProblem({ hardState: null, logWrite: null, committedEntries: null, messages: [], softState: null, commitIndex: 0, snapshot: result });
    if (problem !== null || result === undefined) throw programError(`${this.program.label} answered compact with result ${JSON.stringify(result) ?? 'undefined'}: a snapshot or null was due`);
    return result as Snapshot;
  }
}
