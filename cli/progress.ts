/**
 * The progress bar on stderr. It is drawn when stderr is a terminal, never with RAFTSIM_PROGRESS=never,
 * and always with RAFTSIM_PROGRESS=always, which draws it as a terminal would see it even into a pipe
 * (for tests, and for log viewers that understand terminal escapes). The bar hides the cursor and turns
 * line wrap off while it runs; every bar still running can be stopped at once, which gives both back.
 */
import cliProgress from 'cli-progress';

export interface ProgressBar {
  update(done: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

const running = new Set<cliProgress.SingleBar>();

/** Whether a bar should be drawn, with the caller's own reason to want one (none with --json, say). */
function progressWanted(wanted: boolean): boolean {
  const setting = process.env.RAFTSIM_PROGRESS;
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  return wanted && process.stderr.isTTY === true;
}

/** A stream that tells the bar it is a terminal: RAFTSIM_PROGRESS=always draws what a terminal would get. */
function barStream(): NodeJS.WritableStream {
  if (process.stderr.isTTY === true) return process.stderr;
  const terminalLike = { isTTY: true, columns: 100, write: (text: string) => process.stderr.write(text) };
  return terminalLike as unknown as NodeJS.WritableStream;
}

/** Starts a bar of `total` steps in the given format, or returns null when none should be drawn. */
export function startProgress(wanted: boolean, format: string, total: number, payload: Record<string, unknown> = {}): ProgressBar | null {
  if (!progressWanted(wanted)) return null;
  const bar = new cliProgress.SingleBar({ format, hideCursor: true, clearOnComplete: true, stream: barStream() }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, payload);
  running.add(bar);
  return {
    update: (done, update) => bar.update(done, update),
    stop: () => {
      running.delete(bar);
      bar.stop();
    },
  };
}

/** Stops every bar still drawn, giving the terminal its cursor and line wrap back. */
export function stopEveryProgressBar(): void {
  for (const bar of running) bar.stop();
  running.clear();
}
