/**
 * Synchronous round trips to the programs of this thread, over an I/O thread that owns them
 * (io-thread.ts). A node's calls in the contract return their answers, and the simulation that makes
 * them is synchronous, so the thread running it posts a request to the I/O thread and blocks on a
 * shared flag (Atomics.wait, with the call's time limit) until the answer is posted, then takes it from
 * the port at once (receiveMessageOnPort). One I/O thread serves every program of one simulation thread.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { IoAnswer, IoRequest, IoThreadData, ProgramEnd } from './io-thread.js';
import { killProcessesIn, newProcessTable } from './process-table.js';

export type { ProgramEnd } from './io-thread.js';

/** What a program wrote in answer, or how it stopped answering. */
export type Received =
  | { readonly kind: 'lines'; readonly lines: readonly string[] }
  | { readonly kind: 'ended'; readonly lines: readonly string[]; readonly end: ProgramEnd }
  | { readonly kind: 'line-too-long'; readonly lines: readonly string[] }
  | { readonly kind: 'timeout' };

/** How long the channel waits for its own bookkeeping (a program's standard error, ending them all). */
const BOOKKEEPING_MS = 5000;

const here = import.meta.url;

/**
 * Starts the I/O thread. Built, its file is beside this one. From source (under tsx or vitest) its
 * TypeScript is compiled here, to CommonJS run from a string: a test runner's loader does not reach
 * into worker threads, and tsx's, which does, would load the file through this very thread, blocked
 * in its first wait. The file imports only Node's own modules, so the string needs nothing else.
 */
function startIoThread(data: IoThreadData, transferList: MessagePort[]): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL('./io-thread.js', here), { workerData: data, transferList });
  const typescript = createRequire(here)('typescript') as typeof import('typescript');
  const source = readFileSync(new URL('./io-thread.ts', here), 'utf8');
  const { outputText } = typescript.transpileModule(source, { compilerOptions: { module: typescript.ModuleKind.CommonJS, target: typescript.ScriptTarget.ES2022 } });
  return new Worker(outputText, { eval: true, workerData: data, transferList });
}

let tableOfThisThread: SharedArrayBuffer | null = null;
let channelOfThisThread: ProgramChannel | null = null;

/**
 * The process table this thread's programs are written into, given by whoever will end them if this
 * thread cannot (the command line's supervisor). Called before any program starts; without it, the
 * thread keeps a table of its own and ends its programs when its process exits.
 */
export function useProcessTable(table: SharedArrayBuffer): void {
  if (channelOfThisThread !== null) throw new Error('useProcessTable: programs have already started in this thread');
  tableOfThisThread = table;
}

export class ProgramChannel {
  private readonly flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly port: MessagePort;
  private seq = 0;
  private nextHandle = 1;
  /** Counts killAll(): a program started before the last one has ended. */
  generation = 0;

  private constructor(processes: SharedArrayBuffer) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: IoThreadData = { flag: this.flag.buffer as SharedArrayBuffer, port: port2, processes };
    const worker = startIoThread(data, [port2]);
    // The programs' thread never keeps raftsim alive; the simulation decides when its programs end.
    worker.unref();
    this.port.unref();
  }

  /** This thread's channel, started on first use. */
  static forThisThread(): ProgramChannel {
    return ProgramChannel.started();
  }

  /** Ends every program of this thread, if any was started: what a job does when it is over, however it ended. */
  static endEveryProgram(): void {
    channelOfThisThread?.killAll();
  }

  private static started(): ProgramChannel {
    if (channelOfThisThread === null) {
      let table = tableOfThisThread;
      if (table === null) {
        const own = (table = newProcessTable());
        process.on('exit', () => killProcessesIn(own));
      }
      channelOfThisThread = new ProgramChannel(table);
    }
    return channelOfThisThread;
  }

  /** Starts a program; what it writes is read with send(). Returns its handle. */
  spawn(file: string, args: readonly string[], env: Record<string, string>): number {
    const handle = this.nextHandle++;
    this.post({ op: 'spawn', handle, file, args, env });
    return handle;
  }

  /** Writes `text` to the program, then waits at most `timeoutMs` for the next `lines` lines it writes (none: no wait). */
  send(handle: number, text: string, lines: number, timeoutMs: number): Received {
    if (lines === 0) {
      this.post({ op: 'send', seq: 0, handle, text, lines: 0 });
      return { kind: 'lines', lines: [] };
    }
    const seq = ++this.seq;
    const answer = this.roundTrip({ op: 'send', seq, handle, text, lines }, seq, timeoutMs) as Extract<IoAnswer, { lines: readonly string[] }> | null;
    if (answer === null) return { kind: 'timeout' };
    if (answer.end !== null) return { kind: 'ended', lines: answer.lines, end: answer.end };
    if (answer.tooLong) return { kind: 'line-too-long', lines: answer.lines };
    return { kind: 'lines', lines: answer.lines };
  }

  /** The last 64 KiB the program wrote to its standard error. */
  stderr(handle: number): string {
    const seq = ++this.seq;
    const answer = this.roundTrip({ op: 'stderr', seq, handle }, seq, BOOKKEEPING_MS) as Extract<IoAnswer, { stderr: string }> | null;
    return answer?.stderr ?? '';
  }

  /** Ends the program: its input closed, its process group killed. */
  kill(handle: number): void {
    this.post({ op: 'kill', handle });
  }

  /** Ends every program of this thread, and waits until they are signalled. */
  killAll(): void {
    this.generation++;
    const seq = ++this.seq;
    this.roundTrip({ op: 'killAll', seq }, seq, BOOKKEEPING_MS);
  }

  private post(request: IoRequest): void {
    this.port.postMessage(request);
  }

  /**
   * Posts the request and blocks until its answer comes, or the time is up (null). An answer to an
   * earlier request that timed out may come first: it is dropped. The flag is cleared before the port
   * is looked at, so an answer posted in between sets it again and the wait returns at once.
   */
  private roundTrip(request: IoRequest, seq: number, timeoutMs: number): IoAnswer | null {
    Atomics.store(this.flag, 0, 0);
    this.post(request);
    const deadline = Date.now() + timeoutMs;
    // Each pass either takes a message or waits; waits end by the deadline, and stale answers are finite.
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) {
        const answer = received.message as IoAnswer;
        if (answer.seq === seq) return answer;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      Atomics.wait(this.flag, 0, 0, left);
      Atomics.store(this.flag, 0, 0);
    }
  }
}
