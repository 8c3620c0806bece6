/**
 * `raftsim playground`: writes the playground page, one HTML file that runs the simulator in the
 * browser and opens from disk; with --serve, also serves it on localhost until interrupted.
 */
import { createServer } from 'node:http';
import { renderPlaygroundHtml } from '../../reports/explorer/index.js';
import { parseSeed, UsageError } from '../arguments.js';
import type { Output } from '../terminal.js';
import { describeOutput, prepareFile, writeOutputFile } from '../write-file.js';

export interface PlaygroundArguments {
  readonly out: unknown;
  readonly serve: boolean;
  readonly port: unknown;
}

export const DEFAULT_PLAYGROUND_FILE = 'raftsim-playground.html';

export async function playgroundCommand(args: PlaygroundArguments, output: Output): Promise<number> {
  const port = args.port === undefined ? 8080 : parseSeed('port', args.port);
  if (port > 65_535) throw new UsageError(`--port must be at most 65535, got ${port}`);
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

/** Serves the page on localhost alone until the process is interrupted. */
function serve(page: string, port: number, output: Output): Promise<number> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || !/^\/(\?|$)/.test(request.url ?? '')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('the playground is at /\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });
  return new Promise((resolve) => {
    server.on('error', (error) => {
      output.err(`raftsim: --serve: cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? error.message})`);
      resolve(2);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      output.out(`serving the playground at http://127.0.0.1:${bound}/ (Ctrl-C stops it)`);
    });
    process.once('SIGINT', () => server.close(() => resolve(0)));
  });
}
