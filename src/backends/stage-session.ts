/**
 * A stage opened for one command, as the CLI opens it. Before a write, the locks left by stateward
 * writes whose process is gone (killed) are settled: a write that landed gets its audit record, and
 * the lock is taken over. And when the same command runs again after such a kill, its change already
 * in the state (so forget or adopt would refuse), it ends as the interrupted run would have, if it asks
 * for exactly the change that run made.
 */
import { StatewardError, isStatewardError } from "../errors.js";
import { settleAbandonedLocks, type AbandonedWrite } from "./abandoned-locks.js";
import { landedWrite, replayBackend } from "./replay.js";
import { openStage, type OpenStage, type StageContext, type StageOptions } from "./resolve.js";

/** Single-stage writes whose rerun after a kill may end as the interrupted run would have. */
export const REPLAYABLE: ReadonlySet<string> = new Set([
  "history restore", // i18n-exempt: an operation's name
  "state repair", // i18n-exempt: an operation's name
  "forget",
  "adopt",
]);

const STOP_CODES = new Set(["CANCELLED", "INTERRUPTED", "ABORTED"]);

export interface StageRunOptions {
  /** The write the command makes (its audit action, e.g. `forget`); undefined for reads and dry runs. */
  write?: string | undefined;
  /** Told of each abandoned lock settled before the write, in order, once all are settled. */
  onAbandoned?: (a: AbandonedWrite) => void;
  /**
   * Errors that end the run as stopped (Ctrl-C, SIGTERM, a prompt ended) rather than failed: never
   * replayed past. Default: StatewardErrors coded CANCELLED, INTERRUPTED or ABORTED.
   */
  stopped?: (e: unknown) => boolean;
}

const stoppedByCode = (e: unknown): boolean => e instanceof StatewardError && STOP_CODES.has(e.code);

/**
 * Opens the stage, settles abandoned locks before a write, runs `body` (again on the state as the
 * interrupted run saw it, when that is how it ends as that run would have), and closes the stage.
 */
export async function withStage<T>(
  options: StageOptions,
  context: StageContext,
  run: StageRunOptions,
  body: (open: OpenStage) => Promise<T>,
): Promise<T> {
  const open = await openStage(options, context);
  try {
    const interrupted = await settleInterrupted(open, run);
    return await replaying(open, run, interrupted, body);
  } finally {
    open.close();
  }
}

/** Before a write: settles the locks of stateward writes whose process is gone, and tells of each. */
async function settleInterrupted(open: OpenStage, run: StageRunOptions): Promise<AbandonedWrite[]> {
  if (run.write === undefined) return [];
  const writer = await open.writer(run.write);
  const { abandoned } = await settleAbandonedLocks(
    open.backend,
    writer,
    open.signal === undefined ? {} : { signal: open.signal },
  );
  for (const a of abandoned) run.onAbandoned?.(a);
  return abandoned;
}

/**
 * Runs `body`. When it fails before writing, for a replayable write whose interrupted run's change
 * landed, it runs once more on the backend as that run saw it; a failure of that rerun reports the
 * first failure (unless the rerun was stopped). A run that finished and was answered is not replayed:
 * running it twice gets the command's own answer.
 */
async function replaying<T>(
  open: OpenStage,
  run: StageRunOptions,
  interrupted: AbandonedWrite[],
  body: (open: OpenStage) => Promise<T>,
): Promise<T> {
  const stopped = run.stopped ?? stoppedByCode;
  let wrote = false;
  const tracked: OpenStage = {
    ...open,
    writer: (action) => {
      wrote = true;
      return open.writer(action);
    },
  };
  try {
    return await body(tracked);
  } catch (e) {
    const action = run.write;
    if (
      action === undefined ||
      !REPLAYABLE.has(action) ||
      wrote ||
      open.signal?.aborted === true ||
      !isStatewardError(e) ||
      stopped(e)
    )
      throw e;
    const landed = interrupted.map(landedWrite).find((w) => w?.action === action);
    const replay = landed === undefined ? undefined : replayBackend(open.backend, landed);
    if (replay === undefined) throw e;
    try {
      return await body({ ...open, backend: replay });
    } catch (again) {
      throw stopped(again) ? again : e;
    }
  }
}
