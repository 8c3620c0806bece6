/**
 * An implementation of the node contract that is a program in any language, spoken to over its standard
 * input and output (docs/protocol.md): `programImplementation("python3 my_raft.py")` is a
 * RaftImplementation like any module's, usable in process, in the main thread or a worker.
 *
 * One process per node incarnation: create() starts one (or takes the spare started ahead), and the
 * node's close() (on a crash, a removal, the end of a run) ends it. So a crash loses exactly what the
 * node had not persisted: a restart is a new process given only the persisted state, and nothing the
 * program kept in memory (a global, a cache) can survive it by accident.
 */
import { ImplementationUnreachable } from '../core/contract.js';
import type { NodeConfig, RaftImplementation, RaftNodeInstance } from '../core/contract.js';
import { ProgramChannel } from './blocking-channel.js';
import { splitCommand } from './command-words.js';
import { ProgramNode } from './program-node.js';
import { ProgramProcess } from './program-process.js';
import type { ProgramCommand } from './program-process.js';
import type { Hello } from './wire.js';

export const DEFAULT_PROGRAM_TIMEOUT_MS = 10_000;

export interface ProgramOptions {
  /** The longest the program may take to answer one request, or to say hello: 10,000 ms unless told. */
  readonly timeoutMs?: number;
  /**
   * Start the next node's process while the current one runs, so that a restart does not wait for a
   * process to start (default true).
   */
  readonly spare?: boolean;
}

export interface ProgramImplementation extends RaftImplementation {
  /** What the program said in its hello. */
  readonly hello: Hello;
  /** The command, as given. */
  readonly command: string;
  /** Ends every process this implementation has started that is still running (its nodes' and its spare). */
  close(): void;
}

/**
 * The program, started once to hear its hello (its name, the optional parts it implements); that
 * process is kept as the spare the first node takes. A command that cannot be split is a RangeError; a
 * program that cannot be started, exits, or says no proper hello throws ImplementationUnreachable.
 */
export function programImplementation(command: string, options: ProgramOptions = {}): ProgramImplementation {
  const split = splitCommand(command);
  if (!split.ok) throw new RangeError(`programImplementation: cannot run \`${command}\`: ${split.problem}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new RangeError(`programImplementation: timeoutMs must be a whole number of milliseconds, at least 1, not ${timeoutMs}`);
  return new ProgramPool({ text: command, words: split.words, timeoutMs }, options.spare ?? true);
}

class ProgramPool implements ProgramImplementation {
  readonly name: string;
  readonly hello: Hello;
  readonly extraMessageTypes: readonly string[];
  readonly command: string;
  private readonly channel = ProgramChannel.forThisThread();
  private spare: ProgramProcess | null;
  private readonly started: ProgramProcess[] = [];

  constructor(
    private readonly program: ProgramCommand,
    private readonly keepSpare: boolean,
  ) {
    this.command = program.text;
    const first = this.start();
    this.hello = first.readHello();
    this.spare = first;
    this.name = this.hello.name;
    this.extraMessageTypes = this.hello.extraMessageTypes;
  }

  create(config: NodeConfig): RaftNodeInstance {
    const taken = this.spare !== null && this.spare.isOpen ? this.spare : this.start();
    this.spare = null;
    this.checkSameHello(taken, taken.readHello());
    const node = new ProgramNode(taken, this.hello, config);
    if (this.keepSpare) this.spare = this.start();
    return node;
  }

  close(): void {
    for (const program of this.started.splice(0)) program.close();
    this.spare = null;
  }

  private start(): ProgramProcess {
    // Forget the processes that have ended, so that a long exploration keeps a short list.
    for (let index = this.started.length - 1; index >= 0; index--) if (!this.started[index]!.isOpen) this.started.splice(index, 1);
    const program = new ProgramProcess(this.channel, this.program);
    this.started.push(program);
    return program;
  }

  /** Every process of one command must be the same program: a different hello would make runs differ. */
  private checkSameHello(program: ProgramProcess, hello: Hello): void {
    if (hello === this.hello || JSON.stringify(hello) === JSON.stringify(this.hello)) return;
    program.close();
    throw new ImplementationUnreachable('protocol-error', `${program.label} said ${JSON.stringify(hello)} in its hello, where its first process had said ${JSON.stringify(this.hello)}`);
  }
}
