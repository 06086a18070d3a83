/** How much stateward reads as a state file, and the refusals that name an input too big or too deep. */
import { StateFormatError } from "../errors.js";

/**
 * The largest checkpoint stateward reads, compressed or not: far beyond any real state (a stage with
 * thousands of resources is tens of MB), and safely below the longest string JavaScript can hold
 * (about 512 MB), which a bigger file would hit as "Invalid string length" half-way through.
 */
export const MAX_STATE_BYTES = 256 * 1024 * 1024;

/**
 * The deepest nesting of JSON objects and lists stateward accepts. Checkpoints nest a few dozen levels
 * (envelope, resource, property values); anything deeper is damage or not a checkpoint, and would
 * overflow the stack of the code that walks it later (JSON.stringify gives up at a few thousand).
 */
export const MAX_STATE_DEPTH = 1000;

export interface ParseOptions {
  /** The size limit in bytes, before and after decompression (default MAX_STATE_BYTES). */
  maxBytes?: number;
}

/** A size in words: `600 MB`, `12.5 MB`, `900 KB`. */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 100) return `${Math.round(mb)} MB`;
  if (mb >= 1) return `${mb.toFixed(1).replace(/\.0$/, "")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The error for an input bigger than stateward reads; the backends check sizes before reading too.
 * `size` is the whole input's size, or (`exact` false) how much of a stream was read before giving up.
 */
export function tooLargeError(
  name: string,
  size: number,
  maxBytes = MAX_STATE_BYTES,
  exact = true,
): StateFormatError {
  return new StateFormatError(
    `${name} ${exact ? `is ${formatSize(size)}, more than` : "holds more than"} the ${formatSize(maxBytes)} stateward reads as a state file; a checkpoint of even a few thousand resources is tens of MB, so this is not a state file or it was damaged.`,
    {
      hint: "Check that this is the state itself (`sst state export`, `pulumi stack export`, or the object in the state bucket), not a log, an archive or a disk image.",
    },
  );
}

export const INTACT_COPY =
  "Use an intact copy of the state, for example an earlier version from `stateward history list`.";
export const NOT_THE_STATE =
  "Check that this is the state file itself (`sst state export`, `pulumi stack export`, or the object in the state bucket), not a log or a partial copy.";

export function tooDeepMessage(name: string, path: string | undefined): string {
  return `${name} nests JSON objects and lists more than ${MAX_STATE_DEPTH} levels deep${path === undefined ? "" : ` (at ${path})`}; a checkpoint nests a few dozen levels at most, so this is not a state file or it was damaged.`;
}
