/**
 * The conversation with one program process (docs/protocol.md): its hello, then one request at a time,
 * each answered by a reply or an error, with the random numbers it asks for in between. Everything the
 * program does that the protocol does not allow is turned here into the failure it is: an
 * ImplementationUnreachable (the program exited, broke the protocol, or did not answer in time) that
 * ends the run, or an Error (it answered an error) that fails the run as the node's own exception would.
 */
import { ImplementationUnreachable } from '../core/contract.js';
import type { UnreachableKind } from '../core/contract.js';
import type { RandomSource } from '../core/random.js';
import type { ProgramChannel, ProgramEnd, Received } from './blocking-channel.js';
import { parseHello, parseProgramLine } from './wire.js';
import type { Hello } from './wire.js';

/** A program's command, split, with what the conversation needs to run it. */
export interface ProgramCommand {
  /** The command as the user gave it, for messages. */
  readonly text: string;
  readonly words: readonly string[];
  /** The longest a program may take to answer one request, or to say hello. */
  readonly timeoutMs: number;
}

/** What a reply told: the node's Ready after the request (unchecked yet), and the call's result. */
export interface ReplyContent {
  readonly ready: Record<string, unknown> | null;
  readonly result: unknown;
}

/** How much of a line a failure's message quotes. */
const QUOTED_CHARACTERS = 400;
/** How many lines of the program's standard error a failure's message shows. */
const STDERR_LINES_SHOWN = 20;
/** Random numbers one request may use in all, asked for or given: a bound on the conversation, far above any sane node. */
const MAX_RANDOM_PER_REQUEST = 65_536;

/** The environment of every program: the same string hashing in every Python run, and the protocol's version. */
export function programEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) environment[key] = value;
  return { ...environment, PYTHONHASHSEED: '0', RAFTSIM_PROTOCOL: '1' };
}

export class ProgramProcess {
  /** Who the program is in messages: the command at first, a node once it is one. */
  label: string;
  private readonly handle: number;
  private readonly received: string[] = [];
  private nextId = 1;
  private lastSent = '(nothing yet)';
  private lastReceived = '(nothing yet)';
  /** The id of an advance written without waiting for its reply (quietAdvance), read before the next reply. */
  private quietReplyDue: number | null = null;
  private open = true;
  private heard: Hello | null = null;
  /** The channel's generation when this process started: ending every program of the thread ends this one too. */
  private readonly generation: number;

  constructor(
    private readonly channel: ProgramChannel,
    private readonly command: ProgramCommand,
  ) {
    this.label = `the program \`${command.text}\``;
    this.handle = channel.spawn(command.words[0]!, command.words.slice(1), programEnvironment());
    this.generation = channel.generation;
  }

  get isOpen(): boolean {
    return this.open && this.generation === this.channel.generation;
  }

  /** The program's first line, checked (read once, then remembered). */
  readHello(): Hello {
    if (this.heard !== null) return this.heard;
    const line = this.readLine('its hello');
    const hello = parseHello(line);
    if (!hello.ok) this.fail('protocol-error', hello.problem);
    this.heard = hello.value;
    return hello.value;
  }

  /**
   * Sends a request and returns its reply. `fields` is the call's own fields as JSON text, each with a
   * leading comma. The numbers the node used are drawn from `random` once the reply says how many.
   */
  request(call: string, fields: string, random: RandomSource, perCall: number): ReplyContent {
    const id = this.nextId++;
    const offered = perCall === 0 ? [] : (random.peek?.(perCall) ?? []);
    this.write(`{"id":${id},"call":"${call}","random":[${offered.join(',')}]${fields}}\n`, this.quietReplyDue === null ? 1 : 2);
    this.takeQuietReply();
    return this.awaitReply(id, call, offered.length, random);
  }

  /** Sends an advance without waiting for its reply, which must say it used nothing and has no Ready. */
  requestQuietly(call: string, random: RandomSource, perCall: number): void {
    const id = this.nextId++;
    const offered = perCall === 0 ? [] : (random.peek?.(perCall) ?? []);
    // A reply still due is read first, so that at most one is ever outstanding.
    if (this.quietReplyDue !== null) {
      this.write('', 1);
      this.takeQuietReply();
    }
    this.write(`{"id":${id},"call":"${call}","random":[${offered.join(',')}]}\n`, 0);
    this.quietReplyDue = id;
  }

  /** Ends the program (its input closed, its process group killed); nothing of it is read again. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.channel.kill(this.handle);
  }

  private awaitReply(id: number, call: string, offered: number, random: RandomSource): ReplyContent {
    let asked = 0;
    let lastAsk = 0;
    let drawnAlready = 0;
    // Each pass reads one line; a request for numbers adds at least one to `asked`, which is bounded.
    for (;;) {
      const line = this.readLine(`its reply to request ${id} (${call})`);
      const parsed = parseProgramLine(line);
      if (!parsed.ok) this.fail('protocol-error', parsed.problem);
      const message = parsed.value;
      if (message.type === 'random') {
        if (offered + asked + message.count > MAX_RANDOM_PER_REQUEST) this.fail('protocol-error', `asked for more than ${MAX_RANDOM_PER_REQUEST} random numbers in one request`);
        const values = random.peek === undefined ? Array.from({ length: message.count }, () => random.next()) : random.peek(offered + asked + message.count).slice(offered + asked);
        if (random.peek === undefined) drawnAlready += message.count;
        asked += message.count;
        lastAsk = message.count;
        this.write(`{"type":"random","values":[${values.join(',')}]}\n`, 1);
        continue;
      }
      if (message.id !== id) this.fail('protocol-error', `a ${message.type} to request ${message.id} where the reply to request ${id} (${call}) was due`);
      if (message.type === 'error') throw programError(`${this.label} answered request ${id} (${call}) with an error: ${message.message}`);
      const used = message.randomUsed;
      if (used > offered + asked) this.fail('protocol-error', `randomUsed ${used} in the reply to request ${id}, more than the ${offered + asked} numbers it was given`);
      if (asked > 0 && used <= offered + asked - lastAsk) this.fail('protocol-error', `asked for random numbers before it used those it had (randomUsed ${used} of ${offered + asked})`);
      for (let drawn = drawnAlready; drawn < used; drawn++) random.next();
      return { ready: message.ready as Record<string, unknown> | null, result: message.result };
    }
  }

  /** Reads the reply of a quiet advance, if one is due: nothing used, nothing to report. */
  private takeQuietReply(): void {
    const id = this.quietReplyDue;
    if (id === null) return;
    this.quietReplyDue = null;
    const parsed = parseProgramLine(this.readLine(`its reply to request ${id} (advance)`));
    if (!parsed.ok) this.fail('protocol-error', parsed.problem);
    const reply = parsed.value;
    if (reply.type === 'random') this.fail('protocol-error', `asked for random numbers in an advance, after its hello declared quietAdvance`);
    if (reply.id !== id) this.fail('protocol-error', `a ${reply.type} to request ${reply.id} where the reply to request ${id} (advance) was due`);
    if (reply.type === 'error') throw programError(`${this.label} answered request ${id} (advance) with an error: ${reply.message}`);
    if (reply.ready !== null) this.fail('protocol-error', `output after a quiet advance: the reply to request ${id} (advance) carries a Ready, after its hello declared quietAdvance`);
    if (reply.randomUsed !== 0) this.fail('protocol-error', `used ${reply.randomUsed} random numbers in an advance, after its hello declared quietAdvance`);
  }

  private write(text: string, lines: number): void {
    if (!this.isOpen) throw new Error(`${this.label} was already closed`);
    if (text.length > 0) this.lastSent = text.slice(0, -1);
    this.take(this.channel.send(this.handle, text, lines, this.command.timeoutMs));
  }

  private readLine(what: string): string {
    if (this.received.length === 0) this.write('', 1);
    const line = this.received.shift();
    if (line === undefined) this.fail('hang', `no answer came while raftsim waited for ${what}`);
    this.lastReceived = line;
    return line;
  }

  private take(received: Received): void {
    if (received.kind === 'timeout') this.fail('hang', `did not answer within ${this.command.timeoutMs} ms (--impl-timeout)`);
    this.received.push(...received.lines);
    if (received.kind === 'line-too-long') this.fail('protocol-error', 'wrote a line longer than 16 MiB');
    if (received.kind === 'ended' && received.lines.length === 0) this.fail('implementation-exit', describeEnd(received.end));
  }

  /** Ends the program and throws the failure, with what was sent and received last and its standard error. */
  private fail(kind: UnreachableKind, what: string): never {
    const stderr = this.channel.stderr(this.handle);
    this.close();
    const lines = [
      `${this.label}: ${what}`,
      `  last request sent: ${quote(this.lastSent)}`,
      `  last line received: ${quote(this.lastReceived)}`,
      ...stderrTail(stderr),
    ];
    throw new ImplementationUnreachable(kind, lines.join('\n'));
  }
}

/** How a program ended, in words. */
export function describeEnd(end: ProgramEnd): string {
  if (end.startError !== null) return `could not be started: ${end.startError}`;
  if (end.signal !== null) return `was killed by ${end.signal}`;
  return `exited with code ${end.code}`;
}

/** An error a program answered: the node's failure, with no stack of raftsim's to point at. */
function programError(message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  return error;
}

/** A line from outside, bounded and with every control character escaped, on one line. */
export function quote(text: string): string {
  const shown = text.length > QUOTED_CHARACTERS ? `${text.slice(0, QUOTED_CHARACTERS)}… (${text.length} characters)` : text;
  // eslint-disable-next-line no-control-regex -- control characters are what must not reach a terminal
  return shown.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The last lines of a program's standard error, each escaped, under a heading; nothing when it wrote none. */
export function stderrTail(stderr: string): string[] {
  const lines = stderr.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return ['  standard error: (empty)'];
  const shown = lines.slice(-STDERR_LINES_SHOWN);
  const heading = shown.length < lines.length ? `  standard error (its last ${shown.length} lines):` : '  standard error:';
  return [heading, ...shown.map((line) => `    ${quote(line)}`)];
}
