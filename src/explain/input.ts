/**
 * From the bytes `explain` was given to the text of a log, or a clear error: nothing (or only
 * whitespace), binary data, or a damaged gzip file is not a deploy log. A gzipped log (a CI artifact) is
 * read as the log inside it. Pure: no file system, no process.
 */
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { formatSize } from "../state/limits.js";
import { nodeZlib } from "../util/lazy-require.js";

/** The largest log explain reads (also once decompressed): far beyond a deploy's output. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;

/** How much of the start of a log decides whether it is text. */
const SAMPLE = 64 * 1024;

function logError(message: string, hint = t("explain.input.hint"), cause?: unknown): StatewardError {
  return new StatewardError("LOG_FORMAT", message, cause === undefined ? { hint } : { hint, cause });
}

/** The error for a log bigger than explain reads: its size, or (`exact` false) how much was read. */
export function logTooLargeError(name: string, size: number, exact: boolean): StatewardError {
  const max = formatSize(MAX_LOG_BYTES);
  return logError(
    exact
      ? t("explain.input.too-large", { name, size: formatSize(size), max })
      : t("explain.input.too-large-read", { name, max }),
    t("explain.input.too-large-hint", { file: name === t("explain.input.stdin") ? "deploy.log" : name }),
  );
}

/**
 * What is odd in a log: control characters a terminal does not print (all but tab, newlines, form
 * feed, backspace, bell and escape), DEL, and U+FFFD (bytes that are not UTF-8).
 */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ODD = /[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f\ufffd]/g;

/** The text of a log, or a LOG_FORMAT error saying why these bytes are not one. */
export function decodeLog(bytes: Uint8Array, name: string, maxBytes = MAX_LOG_BYTES): string {
  let raw = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = nodeZlib().gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw logError(
          t("explain.input.gzip-too-large", { name, max: formatSize(maxBytes) }),
          undefined,
          cause,
        );
      }
      const truncated = cause instanceof Error && /unexpected end of file/i.test(cause.message);
      throw logError(
        truncated ? t("explain.input.gzip-truncated", { name }) : t("explain.input.gzip-damaged", { name }),
        t("explain.input.gzip-hint"),
        cause,
      );
    }
  }
  const sample = raw.subarray(0, SAMPLE);
  const nul = sample.indexOf(0);
  if (nul >= 0) {
    throw logError(t("explain.input.binary-zero", { name, offset: nul }));
  }
  // What TextDecoder gives (bytes that are not UTF-8 become U+FFFD), without making one (issue 17).
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  // Not text when the start is mostly bytes that are not UTF-8, or control characters no terminal prints.
  const head = text.slice(0, SAMPLE);
  const odd = head.match(ODD)?.length ?? 0;
  if (odd > Math.max(2, head.length / 100)) {
    throw logError(t("explain.input.binary", { name, odd, total: head.length }));
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    throw logError(body === "" ? t("explain.input.empty", { name }) : t("explain.input.blank", { name }));
  }
  return body;
}
