/**
 * Checkpoint bytes as they are stored: plain or gzip JSON. The codec in `state/` is pure and works on
 * text; the gzip sniffing, decompression limits and hashing of what was read live here, beside the
 * stores that read and write the bytes.
 */
import { StateFormatError } from "../errors.js";
import { nodeCrypto, nodeZlib } from "../util/lazy-require.js";
import { t } from "../i18n/index.js";
import {
  assertWritableVersion,
  decodeStateText,
  parseStateText,
  stringifyStateChunks,
  stringifyStatePieces,
  type StateDocument,
} from "../state/codec.js";
import {
  intactCopy,
  MAX_STATE_BYTES,
  formatSize,
  tooLargeError,
  type ParseOptions,
} from "../state/limits.js";

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Whether the bytes are gzip (they start with its magic 1f 8b, which is what SST and Pulumi sniff). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
}

/**
 * Parses checkpoint bytes, plain or gzip. `name` (a file name or key) only serves the error messages.
 * Throws StateFormatError, naming the input and what is wrong, for anything that is not a checkpoint:
 * too big, corrupt gzip, binary, not UTF-8, not JSON, nested too deep, or JSON of the wrong shape.
 */
export function parseState(bytes: Uint8Array, name = "input", options: ParseOptions = {}): StateDocument {
  const maxBytes = options.maxBytes ?? MAX_STATE_BYTES;
  if (bytes.length > maxBytes) throw tooLargeError(name, bytes.length, maxBytes);
  const gzip = isGzip(bytes);
  const text = decodeStateText(gzip ? gunzipState(bytes, name, maxBytes) : bytes, name);
  const doc = parseStateText(text, name, gzip ? { bytes, textSha256: sha256(text) } : undefined);
  if (options.keepBytes === true && !gzip && doc.original !== undefined) {
    // One byte a character (ASCII, what a checkpoint nearly always is), after a byte order mark if
    // there is one: then the text's characters [start, end) are the bytes [offset + start, offset + end).
    const offset = bytes.length - doc.original.text.length;
    const bom = offset === 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (offset === 0 || bom) SOURCE_BYTES.set(doc.original, { bytes, offset });
  }
  return doc;
}

/**
 * The bytes a document's text was read from, when kept (`keepBytes`) and one byte a character: by the
 * document's `original`, which the documents made from it by editing share.
 */
const SOURCE_BYTES = new WeakMap<object, { bytes: Uint8Array; offset: number }>();

/** Stretches of the text read shorter than this are encoded with the new text around them (fewer pieces). */
const REUSE_MIN = 64 * 1024;

/**
 * `serializeState` as consecutive pieces of bytes (their concatenation is its bytes): what the edit did
 * not touch as the very bytes read when they were kept (`keepBytes`), so that a large state is written
 * without encoding or copying the text it did not change. One piece otherwise.
 */
export function serializeStatePieces(doc: StateDocument): Uint8Array[] {
  const source = doc.original === undefined ? undefined : SOURCE_BYTES.get(doc.original);
  if (source === undefined || doc.style.gzip) return [serializeState(doc)];
  assertWritableVersion(doc);
  const text = doc.original!.text;
  const out: Uint8Array[] = [];
  let pending: string[] = [];
  for (const piece of stringifyStatePieces(doc)) {
    if (typeof piece === "string") pending.push(piece);
    else if (piece.end - piece.start < REUSE_MIN) pending.push(text.slice(piece.start, piece.end));
    else {
      if (pending.length > 0) out.push(encodeChunks(pending));
      pending = [];
      out.push(source.bytes.subarray(source.offset + piece.start, source.offset + piece.end));
    }
  }
  if (pending.length > 0) out.push(encodeChunks(pending));
  return out;
}

/** The decompressed bytes of a gzip checkpoint, refusing (by name) one too big, cut off or damaged. */
function gunzipState(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array {
  try {
    return nodeZlib().gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if ((cause as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new StateFormatError(t("backends.gzip.tooLarge", { name, limit: formatSize(maxBytes) }), {
        hint: intactCopy(),
        cause,
      });
    }
    const truncated = /unexpected end of file/i.test(message);
    throw new StateFormatError(
      truncated
        ? t("backends.gzip.truncated", { name })
        : t("backends.gzip.damaged", { name, reason: oneLine(message) }),
      { hint: intactCopy(), cause },
    );
  }
}

function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The document as bytes, gzip when it was read as gzip (an unchanged one with the very bytes read).
 * Refuses a document whose version or features this stateward does not know: writing it could drop what
 * a newer Pulumi relies on.
 */
export function serializeState(doc: StateDocument): Uint8Array {
  assertWritableVersion(doc);
  const text = encodeChunks(stringifyStateChunks(doc));
  if (!doc.style.gzip) return text;
  if (doc.source !== undefined && sha256(text) === doc.source.textSha256) return doc.source.bytes;
  return nodeZlib().gzipSync(text);
}

/**
 * The UTF-8 bytes of the pieces one after another, written straight into one buffer: sized for ASCII
 * (one byte a character, what a checkpoint nearly always is), made larger once if the text is not.
 */
function encodeChunks(chunks: readonly string[]): Uint8Array {
  let chars = 0;
  for (const chunk of chunks) chars += chunk.length;
  const encoder = new TextEncoder();
  let buffer = Buffer.allocUnsafeSlow(chars);
  let at = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const { read, written } = encoder.encodeInto(chunk, buffer.subarray(at));
    at += written;
    if (read === chunk.length) continue;
    let size = at + Buffer.byteLength(chunk.slice(read), "utf8");
    for (let j = i + 1; j < chunks.length; j++) size += Buffer.byteLength(chunks[j]!, "utf8");
    const larger = Buffer.allocUnsafeSlow(size);
    buffer.copy(larger, 0, 0, at);
    buffer = larger;
    at += encoder.encodeInto(chunk.slice(read), buffer.subarray(at)).written;
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, at);
}

/**
 * The SHA-256 of the checkpoint inside the bytes (decompressed when they are gzip): the identity by
 * which history merges the copies of one state, stored plain or compressed.
 */
export function contentSha256(bytes: Uint8Array): string {
  return nodeCrypto()
    .createHash("sha256")
    .update(isGzip(bytes) ? nodeZlib().gunzipSync(bytes) : bytes)
    .digest("hex");
}

function sha256(text: string | Uint8Array): string {
  return nodeCrypto().createHash("sha256").update(text).digest("hex");
}
