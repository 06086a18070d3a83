/**
 * From the bytes `explain` was given to the text of a log, or a clear error: nothing (or only
 * whitespace), binary data, or a damaged gzip file is not a deploy log. A gzipped log (a CI artifact) is
 * read as the log inside it. Pure: no file system, no process.
 */
import { gunzipSync } from "node:zlib";
import { StatewardError } from "../errors.js";
import { formatSize } from "../state/codec.js";

/** The largest log explain reads (also once decompressed): far beyond a deploy's output. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;

/** How much of the start of a log decides whether it is text. */
const SAMPLE = 64 * 1024;

const TAIL_HINT =
  "Pass the output of `sst deploy` / `pulumi up` as text, e.g. `sst deploy --stage dev 2>&1 | tee deploy.log; stateward explain deploy.log`.";

function logError(message: string, hint = TAIL_HINT, cause?: unknown): StatewardError {
  return new StatewardError("LOG_FORMAT", message, cause === undefined ? { hint } : { hint, cause });
}

/** The error for a log bigger than explain reads: its size, or (`exact` false) how much was read. */
export function logTooLargeError(name: string, size: number, exact: boolean): StatewardError {
  return logError(
    `${name} ${exact ? `is ${formatSize(size)}, more than` : "holds more than"} the ${formatSize(MAX_LOG_BYTES)} explain reads; a deploy's output is rarely more than a few MB.`,
    `The errors are at the end of a log: pass its last part, e.g. \`tail -c 20000000 ${name === "standard input" ? "deploy.log" : name} | stateward explain -\`.`,
  );
}

/** Control characters a terminal log holds: tab, newlines, form feed, backspace, bell, escape. */
function isLogControl(c: number): boolean {
  return (
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0x0d ||
    c === 0x08 ||
    c === 0x07 ||
    c === 0x1b
  );
}

/** The text of a log, or a LOG_FORMAT error saying why these bytes are not one. */
export function decodeLog(bytes: Uint8Array, name: string, maxBytes = MAX_LOG_BYTES): string {
  let raw = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw logError(
          `${name} is gzip-compressed and decompresses to more than the ${formatSize(maxBytes)} explain reads.`,
          undefined,
          cause,
        );
      }
      const truncated = cause instanceof Error && /unexpected end of file/i.test(cause.message);
      throw logError(
        `${name} is gzip-compressed but ${truncated ? "cut off before its end" : "damaged"}, so the log in it cannot be read.`,
        "Use an intact copy of the log (or the log itself, not compressed).",
        cause,
      );
    }
  }
  const sample = raw.subarray(0, SAMPLE);
  const nul = sample.indexOf(0);
  if (nul >= 0) {
    throw logError(`${name} is binary data (a zero byte at offset ${nul}), not the text output of a deploy.`);
  }
  const text = new TextDecoder("utf-8").decode(raw);
  // Not text when the start is mostly bytes that are not UTF-8, or control characters no terminal prints.
  const head = text.slice(0, SAMPLE);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && !isLogControl(c)) || c === 0x7f) odd++;
  }
  if (odd > Math.max(2, head.length / 100)) {
    throw logError(
      `${name} is binary data, not the text output of a deploy: ${odd} of its first ${head.length} characters are not text.`,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    throw logError(
      `${name} is empty${body === "" ? "" : " (only whitespace)"}: there is no deploy output in it to explain.`,
    );
  }
  return body;
}
