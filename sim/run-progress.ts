/**
 * Where a run is, written before every event into cells its caller may read from elsewhere (another
 * thread, through shared memory), so that a run stuck inside an implementation can still be named by
 * the virtual time and the event it was in. The simulation only writes them; what reads them is not its concern.
 */
export type RunProgressCells = Float64Array;

/** The run's virtual time, in microseconds, at the event in progress. */
export const RUN_PROGRESS_VIRTUAL_US = 0;
/** The number of the event in progress. */
export const RUN_PROGRESS_EVENT = 1;
/** How many cells a RunProgressCells holds. */
export const RUN_PROGRESS_CELLS = 2;
