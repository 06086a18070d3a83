/** How much stateward reads as a state file, and the refusals that name an input too big or too deep. */
import { StateFormatError } from "../errors.js";
import { t } from "../i18n/index.js";

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
  /**
   * Keep the bytes read with the document, so that writing an edit of it copies what the edit did not
   * touch from them instead of encoding that text again (for a document read to be written back).
   */
  keepBytes?: boolean;
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
  const limit = formatSize(maxBytes);
  return new StateFormatError(
    exact
      ? t("state.limits.tooLarge", { name, size: formatSize(size), limit })
      : t("state.limits.tooLargeStream", { name, limit }),
    { hint: t("state.limits.tooLargeHint") },
  );
}

/** The hint for a damaged state: use an intact copy. */
export function intactCopy(): string {
  return t("state.limits.intactCopy");
}

/** The hint for input that is not a state file at all. */
export function notTheState(): string {
  return t("state.limits.notTheState");
}

export function tooDeepMessage(name: string, path: string | undefined): string {
  return path === undefined
    ? t("state.limits.tooDeep", { name, depth: MAX_STATE_DEPTH })
    : t("state.limits.tooDeepAt", { name, depth: MAX_STATE_DEPTH, path });
}
