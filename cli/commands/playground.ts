/**
 * `raftsim playground`: writes the playground page, one HTML file that runs the simulator in the
 * browser and opens from disk; with --serve, also serves it on localhost until interrupted.
 */
import { createServer } from 'node:http';
import { renderPlaygroundHtml } from '../../reports/explorer/index.js';
import { parseWholeNumber } from '../arguments.js';
import type { Output } from '../terminal.js';
import { describeOutput, prepareFile, writeOutputFile } from '../write-file.js';

export interface PlaygroundArguments {
  readonly out: unknown;
  readonly serve: boolean;
  readonly port: unknown;
}

export const DEFAULT_PLAYGROUND_FILE = 'raftsim-playground.html';

export async function playgroundCommand(args: PlaygroundArguments, output: Output): Promise<number> {
  const port = args.port === undefined ? 8080 : parseWholeNumber('port', args.port, 0, 65_535);
  const page = renderPlaygroundHtml();
  if (!args.serve || args.out !== undefined) {
    const path = args.out === undefined ? DEFAULT_PLAYGROUND_FILE : String(args.out);
    prepareFile(path, 'out');
    writeOutputFile(path, page);
    output.out(`wrote ${describeOutput(path)}: open it in a browser (it needs no network); its address is a link to the run shown`);
  }
  if (!args.serve) return 0;
  return serve(page, port, output);
}

/** What a shell reports for a process ended by the signal (128 + its number), as the other long commands exit. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Serves the page on localhost alone until the process is interrupted. Ctrl-C (or SIGTERM) closes the
 * server and every open connection at once, a browser's kept-alive one included, so the process ends
 * promptly, with the signal's exit code.
 */
function serve(page: string, port: number, output: Output): Promise<number> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || !/^\/(\?|$)/.test(request.url ?? '')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('the playground is at /\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });
  return new Promise((resolve) => {
    const onInterrupt = (): void => stop('SIGINT');
    const onTerminate = (): void => stop('SIGTERM');
    const stop = (signal: keyof typeof SIGNAL_EXIT_CODES): void => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      output.err(`raftsim: interrupted (${signal}): stopped serving the playground`);
      server.close(() => resolve(SIGNAL_EXIT_CODES[signal]));
      server.closeAllConnections();
    };
    server.on('error', (error) => {
      output.err(`raftsim: --serve: cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? error.message})`);
      resolve(2);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      output.out(`serving the playground at http://127.0.0.1:${bound}/ (Ctrl-C stops it)`);
      process.once('SIGINT', onInterrupt);
      process.once('SIGTERM', onTerminate);
    });
  });
}
