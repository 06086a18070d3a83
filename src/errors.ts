/**
 * One error base class for everything stateward reports to a user: a stable `code`, a message that
 * names the bad value, and a `hint` that says what to do. The CLI prints these without a stack trace.
 */
export class StatewardError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  /**
   * Only until the library files stop setting it: the CLI maps `code` to the exit code
   * (src/cli/exit-codes.ts), and falls back to this for a code its map does not name.
   */

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StatewardError";
    this.code = code;
    this.hint = options.hint;
  }
}

/** The input could not be read as a checkpoint: not JSON, truncated gzip, wrong shape, … */
export class StateFormatError extends StatewardError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super("STATE_FORMAT", message, options);
    this.name = "StateFormatError";
  }
}

/** A pure edit was refused because it would break the state (it names what it would break). */
export class StateEditError extends StatewardError {
  constructor(code: string, message: string, options: { hint?: string } = {}) {
    super(code, message, options);
    this.name = "StateEditError";
  }
}

export function isStatewardError(e: unknown): e is StatewardError {
  return e instanceof StatewardError;
}
