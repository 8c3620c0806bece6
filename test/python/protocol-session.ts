/**
 * A Python node program driven by hand over the process protocol (docs/protocol.md): the test writes
 * requests, reads what the program writes, and looks at its standard error and exit. Also where the
 * Python tests learn whether they can run: they need `python3` on PATH (in CI its absence fails them;
 * elsewhere they are skipped with a message saying why).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach } from 'vitest';
import { DEFAULT_CORE_OPTIONS } from '../../core/options.js';
import { ROOT } from '../cli-process.js';

const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/**
 * The interpreter that `python3` on PATH runs, by its own path: a version manager's shim (pyenv's)
 * can take a second to start each time, and these tests start many programs. Null without python3.
 */
export const PYTHON: string | null = (() => {
  const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : null;
})();

/** Whether to skip the Python tests here: no python3, and not in CI. */
export function skipPythonTests(): boolean {
  if (PYTHON === null && !inCi) {
    console.warn('Python example tests skipped: python3 is not on PATH; in CI they fail instead');
    return true;
  }
  return false;
}

export function python(): string {
  if (PYTHON === null) throw new Error('CI needs python3 on PATH for the Python example tests (.ci/run installs it)');
  return PYTHON;
}

export type Line = Record<string, unknown>;

/** The options a node is created with here: the contract's defaults, a timeout of 10 to 20 ticks. */
export const OPTIONS = DEFAULT_CORE_OPTIONS;

/** A starter of programs for one test file, each killed after the test that started it. */
export function programsKilledAfterEach(): (script: string) => ProtocolSession {
  const running: ProtocolSession[] = [];
  afterEach(() => {
    for (const session of running.splice(0)) session.kill();
  });
  return (script) => {
    const session = new ProtocolSession(script);
    running.push(session);
    return session;
  };
}

const READ_TIMEOUT_MS = 15_000;

export class ProtocolSession {
  /** Everything the program wrote to standard error so far. */
  stderr = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private partial = '';
  private readonly lines: string[] = [];
  private waiter: (() => void) | null = null;
  private outputEnded = false;
  private readonly exited: Promise<number | null>;
  private nextId = 1;

  /** Starts `python3 script` in the repository's root, as raftsim would. */
  constructor(script: string, env: Record<string, string> = {}) {
    this.child = spawn(python(), [script], { cwd: ROOT, env: { ...process.env, PYTHONHASHSEED: '0', RAFTSIM_PROTOCOL: '1', ...env } });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop()!;
      this.lines.push(...parts);
      this.wake();
    });
    this.child.stdout.on('end', () => {
      this.outputEnded = true;
      this.wake();
    });
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** The next line the program writes, parsed; fails if it writes none in time or ends its output. */
  async read(): Promise<Line> {
    const deadline = Date.now() + READ_TIMEOUT_MS;
    while (this.lines.length === 0) {
      if (this.outputEnded) throw new Error(`the program ended its output; its stderr:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no line from the program within ${READ_TIMEOUT_MS} ms; its stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 100);
      });
    }
    return JSON.parse(this.lines.shift()!) as Line;
  }

  /** The lines the program has written and the test has not read, unparsed. */
  unread(): readonly string[] {
    return this.lines;
  }

  send(message: Line): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Sends the next request, numbered in order, and returns the line the program answers with. */
  async request(call: string, random: readonly number[], fields: Line = {}): Promise<Line> {
    this.sendRequest(call, random, fields);
    return this.read();
  }

  /**
   * Sends a request and, when its reply carries a Ready, the advance that raftsim sends once it has
   * carried that Ready out (whose reply must be empty); returns the request's reply.
   */
  async requestThenAdvance(call: string, random: readonly number[], fields: Line = {}): Promise<Line> {
    const reply = await this.request(call, random, fields);
    if (reply.ready !== null && reply.ready !== undefined) {
      const advanced = await this.request('advance', random);
      if (advanced.ready !== null || advanced.randomUsed !== 0) throw new Error(`advance answered ${JSON.stringify(advanced)}`);
    }
    return reply;
  }

  /** Sends the next request without waiting for its answer; returns its id. */
  sendRequest(call: string, random: readonly number[], fields: Line = {}): number {
    const id = this.nextId++;
    this.send({ id, call, random, ...fields });
    return id;
  }

  /** Reads the hello, then creates node `id` of `members`; returns create's reply. */
  async create(id: number, members: readonly number[], random: readonly number[], persisted: Line | null = null): Promise<Line> {
    await this.read();
    return this.request('create', random, { node: { id, members, options: OPTIONS, persisted } });
  }

  /** Closes the program's standard input and resolves with its exit code. */
  async endInput(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}
