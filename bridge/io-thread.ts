/**
 * The thread that owns the processes of programs speaking the node protocol (docs/protocol.md) for one
 * simulation thread. The simulation is synchronous, and a node's call must return its answer; pipes in
 * Node are asynchronous. So this thread does the pipe I/O, and the simulation thread blocks on a shared
 * flag until the answer is posted (blocking-channel.ts). It knows nothing of Raft or of the protocol's
 * messages: it starts programs, writes text to them, hands back the lines they write, keeps the tail of
 * their standard error, and kills them.
 *
 * It imports nothing but Node's own modules, so that the same file runs from source and when built.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

/** What the simulation thread asks for. Only `send` and `stderr` and `killAll` are answered, by `seq`. */
export type IoRequest =
  | { readonly op: 'spawn'; readonly handle: number; readonly file: string; readonly args: readonly string[]; readonly env: Record<string, string> }
  /** Writes `text`, then answers with the next `lines` lines the program writes (0: no answer). */
  | { readonly op: 'send'; readonly seq: number; readonly handle: number; readonly text: string; readonly lines: number }
  | { readonly op: 'stderr'; readonly seq: number; readonly handle: number }
  | { readonly op: 'kill'; readonly handle: number }
  | { readonly op: 'killAll'; readonly seq: number };

/** How a program ended: its exit code or the signal that killed it, or why it could not start. */
export interface ProgramEnd {
  readonly code: number | null;
  readonly signal: string | null;
  readonly startError: string | null;
}

export type IoAnswer =
  | { readonly seq: number; readonly lines: readonly string[]; readonly end: ProgramEnd | null; readonly tooLong: boolean }
  | { readonly seq: number; readonly stderr: string }
  | { readonly seq: number; readonly killed: number };

export interface IoThreadData {
  /** One 32-bit cell: set to 1 and notified when an answer is posted. */
  readonly flag: SharedArrayBuffer;
  readonly port: MessagePort;
  /** The process table (process-table.ts): the process group of every live program, for whoever must end them. */
  readonly processes: SharedArrayBuffer;
}

/** A line is at most 16 MiB (docs/protocol.md); a longer one is a protocol error, and is not kept. */
const MAX_LINE_CHARACTERS = 16 * 1024 * 1024;
/** The standard error kept of each program: its last 64 KiB. */
const STDERR_KEPT = 64 * 1024;

interface Pending {
  readonly seq: number;
  readonly count: number;
}

class Program {
  readonly lines: string[] = [];
  partial = '';
  tooLong = false;
  stderr = '';
  end: ProgramEnd | null = null;
  pending: Pending | null = null;

  constructor(
    readonly child: ChildProcess | null,
    readonly pid: number,
  ) {}
}

const data = workerData as IoThreadData;
const flag = new Int32Array(data.flag);
const table = new Int32Array(data.processes);
const port = data.port;
const programs = new Map<number, Program>();

function answer(message: IoAnswer): void {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** Answers a pending send once enough lines are in, or the program has ended or broken the line limit. */
function settle(program: Program): void {
  const pending = program.pending;
  if (pending === null) return;
  const ready = program.lines.length >= pending.count;
  if (!ready && program.end === null && !program.tooLong) return;
  program.pending = null;
  const lines = program.lines.splice(0, Math.min(pending.count, program.lines.length));
  answer({ seq: pending.seq, lines, end: ready ? null : program.end, tooLong: !ready && program.tooLong });
}

function takeOutput(program: Program, chunk: string): void {
  let text = program.partial + chunk;
  // Each pass takes one line off the front, so the passes are bounded by the chunk's newlines.
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n')) {
    program.lines.push(text.slice(0, newline));
    text = text.slice(newline + 1);
  }
  program.partial = text;
  if (text.length > MAX_LINE_CHARACTERS) {
    program.tooLong = true;
    program.partial = '';
  }
  settle(program);
}

function record(pid: number): void {
  for (let slot = 0; slot < table.length; slot++) {
    if (Atomics.compareExchange(table, slot, 0, pid) === 0) return;
  }
  // A full table (far more programs than any run keeps alive) loses only the safety net for this one.
}

function forget(pid: number): void {
  for (let slot = 0; slot < table.length; slot++) {
    if (Atomics.compareExchange(table, slot, pid, 0) === pid) return;
  }
}

/** SIGKILL to the program's process group (it was started as the leader of one), so that what it started ends too. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function start(request: Extract<IoRequest, { op: 'spawn' }>): void {
  let child: ChildProcess;
  try {
    // Detached: a process group of its own, so that a kill reaches whatever it starts, and a Ctrl-C at the terminal reaches raftsim alone.
    child = spawn(request.file, request.args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env: request.env });
  } catch (error) {
    const program = new Program(null, 0);
    program.end = { code: null, signal: null, startError: error instanceof Error ? error.message : String(error) };
    programs.set(request.handle, program);
    return;
  }
  const program = new Program(child, child.pid ?? 0);
  programs.set(request.handle, program);
  if (program.pid > 0) record(program.pid);
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => takeOutput(program, chunk));
  child.stderr!.on('data', (chunk: string) => {
    const kept = program.stderr + chunk;
    program.stderr = kept.length > STDERR_KEPT ? kept.slice(kept.length - STDERR_KEPT) : kept;
  });
  // A program that exits while raftsim writes to it closes the pipe under the write: that is its exit, told by 'close'.
  child.stdin!.on('error', () => {});
  child.on('error', (error: NodeJS.ErrnoException) => {
    if (program.end === null && program.pid === 0) program.end = { code: null, signal: null, startError: startProblem(request.file, error) };
    settle(program);
  });
  // 'close' comes once its output has all been read, so that the lines it wrote before it ended are not lost.
  child.on('close', (code, signal) => {
    if (program.pid > 0) forget(program.pid);
    program.end ??= { code, signal, startError: null };
    settle(program);
  });
}

/** Why a program could not be started, in words. */
function startProblem(file: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `no such program: ${file}`;
  if (error.code === 'EACCES') return `${file} is not executable (permission denied)`;
  return error.message;
}

function end(handle: number): number {
  const program = programs.get(handle);
  if (program === undefined) return 0;
  programs.delete(handle);
  if (program.child === null || program.pid === 0) return 0;
  program.child.stdin!.end();
  // Even after the program itself ended, what it started may live on in its group.
  killGroup(program.pid);
  return program.end === null ? 1 : 0;
}

port.on('message', (request: IoRequest) => {
  switch (request.op) {
    case 'spawn':
      return start(request);
    case 'send': {
      const program = programs.get(request.handle);
      if (program === undefined) return answer({ seq: request.seq, lines: [], end: { code: null, signal: null, startError: 'no such program' }, tooLong: false });
      if (request.text.length > 0 && program.end === null) program.child!.stdin!.write(request.text);
      if (request.lines > 0) {
        program.pending = { seq: request.seq, count: request.lines };
        settle(program);
      }
      return;
    }
    case 'stderr':
      return answer({ seq: request.seq, stderr: programs.get(request.handle)?.stderr ?? '' });
    case 'kill':
      end(request.handle);
      return;
    case 'killAll': {
      let killed = 0;
      for (const handle of [...programs.keys()]) killed += end(handle);
      return answer({ seq: request.seq, killed });
    }
  }
});

// Nothing here may keep the process alive: the simulation thread decides when this thread's work ends.
parentPort?.unref();
