/**
 * `raftsim playground --serve` in a separate process, as a person runs it: it serves on 127.0.0.1 the
 * very page `--out` writes, on the port asked for, refuses a bad port or a taken one in one line with
 * exit 2, and ends promptly on Ctrl-C or SIGTERM with the shell's exit code for the signal and no
 * stack trace.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsim, stackTraceIn, startRaftsim } from './cli-process.js';
import type { RunningCli } from './cli-process.js';

/** Generous: the machine running the suite may be busy; the waits end as soon as the output comes. */
const WITHIN_MS = 60_000;
/** Promptly: closing the server and its connections takes milliseconds, not a keep-alive timeout. */
const STOPS_WITHIN_MS = 5_000;

function listening(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closed(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port free on 127.0.0.1 a moment ago: the system's choice for port 0. */
async function freePort(): Promise<number> {
  const server = await listening(0);
  const address = server.address();
  await closed(server);
  if (typeof address !== 'object' || address === null) throw new Error('no port was bound');
  return address.port;
}

/** The port the server says it serves on, once it says so. */
async function servedPort(cli: RunningCli): Promise<number> {
  const said = /serving the playground at http:\/\/127\.0\.0\.1:(\d+)\//;
  await cli.waitFor((stdout) => said.test(stdout), WITHIN_MS);
  return Number(said.exec(cli.output().stdout)![1]);
}

async function stopped(cli: RunningCli, signal: NodeJS.Signals): Promise<{ status: number | null; stderr: string; afterMs: number }> {
  const sent = performance.now();
  cli.child.kill(signal);
  const result = await cli.exited;
  return { status: result.status, stderr: result.stderr, afterMs: performance.now() - sent };
}

describe('raftsim playground --serve', () => {
  it('serves on the port asked for the same page --out writes, and ends on Ctrl-C with exit 130 and one line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-serve-'));
    const written = raftsim(['playground', '--out', join(folder, 'page.html')]);
    expect(written.status, written.stderr).toBe(0);
    const port = await freePort();
    const cli = startRaftsim(['playground', '--serve', '--port', String(port)]);
    try {
      expect(await servedPort(cli)).toBe(port);
      // A browser keeps its connection open; the server must not wait for it when stopped.
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'keep-alive' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const body = await response.text();
      expect(body).toContain('<title>raftsim playground</title>');
      expect(body).toBe(readFileSync(join(folder, 'page.html'), 'utf8'));
      const linked = await fetch(`http://127.0.0.1:${port}/?from=link`);
      expect(linked.status).toBe(200);
      expect(await linked.text()).toBe(body);
      const elsewhere = await fetch(`http://127.0.0.1:${port}/secret.txt`);
      expect(elsewhere.status).toBe(404);
      await elsewhere.text();
    } finally {
      const result = await stopped(cli, 'SIGINT');
      expect(result.status).toBe(130);
      expect(result.afterMs).toBeLessThan(STOPS_WITHIN_MS);
      expect(result.stderr).toBe('raftsim: interrupted (SIGINT): stopped serving the playground\n');
    }
  });

  it('with --port 0 takes a free port and says which; SIGTERM ends it with exit 143', async () => {
    const cli = startRaftsim(['playground', '--serve', '--port', '0']);
    const port = await servedPort(cli);
    expect(port).toBeGreaterThan(0);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(200);
    await response.text();
    const result = await stopped(cli, 'SIGTERM');
    expect(result.status).toBe(143);
    expect(result.afterMs).toBeLessThan(STOPS_WITHIN_MS);
    expect(stackTraceIn(result.stderr)).toBeUndefined();
  });

  it('with --serve and --out, writes the file and serves the page too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-serve-'));
    const out = join(folder, 'served.html');
    const cli = startRaftsim(['playground', '--serve', '--port', '0', '--out', out]);
    const port = await servedPort(cli);
    const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(readFileSync(out, 'utf8')).toBe(body);
    expect((await stopped(cli, 'SIGINT')).status).toBe(130);
  });

  it.each([
    ['70000', '--port must be a whole number from 0 to 65535, got 70000'],
    ['-1', '--port must be a whole number from 0 to 65535, got -1'],
    ['http', '--port must be a whole number, got "http"'],
    ['80.5', '--port must be a whole number, got "80.5"'],
  ])('refuses --port %s in one line with exit 2', (port, message) => {
    const result = raftsim(['playground', '--serve', `--port=${port}`]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`raftsim: ${message}\n`);
  });

  it('refuses a port already taken in one line with exit 2, naming it', async () => {
    const taken = await listening(0);
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const cli = startRaftsim(['playground', '--serve', '--port', String(port)]);
      const result = await cli.exited;
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`raftsim: --serve: cannot listen on 127.0.0.1:${port} (EADDRINUSE)\n`);
      expect(result.stdout).toBe('');
    } finally {
      await closed(taken);
    }
  });
});
