/**
 * Writes the explorer of a trace too long for one page: the page, and a folder of window files beside
 * it (run.html and run.windows/window-0001.js, …). The folder is locked while it is written, as
 * `explore --out` locks its own; the windows go to a folder of their own inside it first and move into
 * place only once the whole trace has been read and found sound, and the page is written last, whole,
 * so a trace that turns out bad leaves what was there.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TraceFileHeader, TraceFileTrailer, TraceStreamVisitor } from '../formats/index.js';
import { EXPLORER_MAX_TRACE_BYTES, EXPLORER_WINDOW_BYTES, ExplorerWindows, renderWindowedExplorerHtml } from '../reports/index.js';
import { UsageError } from './arguments.js';
import { claimFolder } from './folder-lock.js';
import { refuseInputsInFolder } from './output-paths.js';
import type { NamedPath } from './output-paths.js';
import { outputTarget, writeOutputFile } from './write-file.js';

/** Lower the one-page limit and the window size, in bytes (for tests: a long trace without a long run). */
export const PAGE_BYTES_VARIABLE = 'RAFTSIM_EXPLORER_PAGE_BYTES';
export const WINDOW_BYTES_VARIABLE = 'RAFTSIM_EXPLORER_WINDOW_BYTES';

const WINDOW_FILE = /^window-\d+\.js$/;

export interface ExplorerLimits {
  /** The largest trace shown in one self-contained page; a larger one gets a page and windows. */
  readonly pageBytes: number;
  readonly windowBytes: number;
}

export function explorerLimits(): ExplorerLimits {
  return { pageBytes: limitFromEnvironment(PAGE_BYTES_VARIABLE, EXPLORER_MAX_TRACE_BYTES), windowBytes: limitFromEnvironment(WINDOW_BYTES_VARIABLE, EXPLORER_WINDOW_BYTES) };
}

function limitFromEnvironment(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number of bytes, at least 1, got ${JSON.stringify(text)}`);
  return value;
}

/** The folder of a page's windows: run.windows beside run.html. */
export function windowFolderFor(page: string): string {
  return join(dirname(page), `${basename(page).replace(/\.html?$/i, '')}.windows`);
}

/**
 * Why a page cannot have windows beside it (standard output, a device), or null. `traceBytes` says
 * why it needs them.
 */
export function windowedPageProblem(page: string, traceBytes: number): string | null {
  if (outputTarget(page).kind === 'atomic') return null;
  const size = `${(traceBytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `the trace is ${size}, too long for one page: its explorer is a page with a folder of windows beside it, which ${page} cannot be (name a file)`;
}

/** A windowed explorer being written: feed its visitor the trace's records, then finish, or discard. */
export class WindowedExplorerWriter {
  readonly folder: string;
  private readonly staging: string;
  private readonly createdFolder: boolean;
  private readonly windows: ExplorerWindows;
  private readonly written: string[] = [];

  /** Claims the folder beside `page` (a UsageError if another raftsim holds it) without changing what is there. */
  constructor(
    private readonly page: string,
    flag: string,
    command: string,
    inputs: readonly NamedPath[],
    windowBytes: number,
  ) {
    this.folder = windowFolderFor(page);
    this.createdFolder = statSync(this.folder, { throwIfNoEntry: false }) === undefined;
    refuseInputsInFolder(this.folder, `--${flag}`, WINDOW_FILE, inputs);
    claimFolder(this.folder, flag, command);
    this.staging = join(this.folder, `.partial-${process.pid}`);
    mkdirSync(this.staging, { recursive: true });
    this.windows = new ExplorerWindows({
      folder: basename(this.folder),
      windowBytes,
      writeWindow: (name, content) => {
        writeOutputFile(join(this.staging, name), content);
        this.written.push(name);
      },
    });
  }

  get visitor(): TraceStreamVisitor {
    return this.windows;
  }

  /** Moves the windows into place, removes any left by an earlier, longer trace, and writes the page; returns the number of windows. */
  finish(header: TraceFileHeader, trailer: TraceFileTrailer): number {
    const index = this.windows.finish(header, trailer);
    const kept = new Set(this.written);
    for (const name of this.written) renameSync(join(this.staging, name), join(this.folder, name));
    for (const name of readdirSync(this.folder)) if (WINDOW_FILE.test(name) && !kept.has(name)) rmSync(join(this.folder, name), { force: true });
    rmSync(this.staging, { recursive: true, force: true });
    writeOutputFile(this.page, renderWindowedExplorerHtml(index));
    return index.windows.length;
  }

  /** Leaves what was there before: the windows written so far go, and so does the folder if this writer made it. */
  discard(): void {
    rmSync(this.createdFolder ? this.folder : this.staging, { recursive: true, force: true });
  }
}
