/**
 * Reading and writing checkpoint text without losing anything: the three input shapes and the whitespace
 * and escaping style of the file, so that an unchanged document is written back byte for byte and an
 * edited one differs only where it was edited. Pure: gzip and hashing live where bytes are read and
 * written (`backends/encoding.ts`).
 */
import { StateFormatError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import type {
  CheckpointV3,
  DeploymentV3,
  JsonObject,
  PendingOperationV2,
  ResourceV3,
  StateShape,
  TextStyle,
} from "./types.js";
import { describeJsonError } from "./json-error.js";
import { spliceText } from "./layout.js";
import { notTheState, tooDeepMessage } from "./limits.js";
import { orderRoot } from "./order.js";
import { collect, escapeText, readLayout, type Piece, type ReadLayout } from "./uniform.js";
import { checkDepth, locate } from "./shape.js";
import { checkVersion } from "./version.js";

export { MAX_STATE_BYTES, MAX_STATE_DEPTH, formatSize, tooLargeError, type ParseOptions } from "./limits.js";
export { formatPath } from "./shape.js";
export { findJsonError } from "./json-error.js";
export type { Piece } from "./uniform.js";

export interface StateDocument {
  readonly shape: StateShape;
  readonly style: TextStyle;
  /** The top-level object: the versioned or export envelope, or the bare checkpoint. */
  readonly root: Readonly<Record<string, unknown>>;
  /** The schema version (`undefined` for a bare checkpoint, which carries none unless it is the legacy layout). */
  readonly version: number | undefined;
  readonly features: readonly string[];
  /** `organization/<app>/<stage>` for SST; undefined for `pulumi stack export`, which omits it. */
  readonly stack: string | undefined;
  /** The deployment (`latest` / `deployment`); undefined for a stack that was never deployed. */
  readonly deployment: DeploymentV3 | undefined;
  /** False when the version or a feature is unknown: such a document may be read, never written. */
  readonly writable: boolean;
  readonly warnings: readonly string[];
  /** What was read, so an unchanged gzip file is written back with its own compressed bytes. */
  readonly source?: { readonly bytes: Uint8Array; readonly textSha256: string } | undefined;
  /**
   * The text read (without a byte order mark) and the value parsed from it, so that a file laid out by
   * hand keeps the text of everything an edit did not touch.
   */
  readonly original?: { readonly text: string; readonly root: Readonly<Record<string, unknown>> } | undefined;
}

/**
 * The text of uncompressed checkpoint bytes. Throws StateFormatError, naming the input, for binary data
 * or bytes that are not UTF-8.
 */
export function decodeStateText(raw: Uint8Array, name: string): string {
  const nul = raw.indexOf(0);
  if (nul >= 0) {
    throw new StateFormatError(t("state.codec.binary", { name, offset: nul }), { hint: notTheState() });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch (cause) {
    throw new StateFormatError(t("state.codec.notUtf8", { name, detail: describeBadUtf8(raw) }), {
      hint: notTheState(),
      cause,
    });
  }
  return text;
}

/** Where the first byte that is not UTF-8 is (the decoder only says that there is one). */
function describeBadUtf8(bytes: Uint8Array): string {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let at = 0; at < bytes.length;) {
    const b = bytes[at]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || at + length > bytes.length) return badByte(bytes, at);
    if (length > 1) {
      try {
        decoder.decode(bytes.subarray(at, at + length));
      } catch {
        return badByte(bytes, at);
      }
    }
    at += length;
  }
  return t("state.codec.notUtf8Character");
}

function badByte(bytes: Uint8Array, at: number): string {
  return t("state.codec.badByte", { byte: bytes[at]!.toString(16).padStart(2, "0"), offset: at });
}

/**
 * Parses checkpoint text. `source` is what was read when the text came out of gzip, so that an unchanged
 * document is written back with its own compressed bytes. Throws StateFormatError, naming the input and
 * what is wrong, for anything that is not a checkpoint: empty, not JSON, nested too deep, or JSON of the
 * wrong shape.
 */
export function parseStateText(text: string, name: string, source?: StateDocument["source"]): StateDocument {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  if (body.trim() === "") {
    throw new StateFormatError(t("state.codec.empty", { name }), {
      hint: t("state.codec.emptyHint"),
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    // A RangeError is the parser's own stack giving up on deep nesting (V8's parser does not, others may).
    throw new StateFormatError(
      cause instanceof RangeError
        ? tooDeepMessage(name, undefined)
        : t("state.codec.notJson", { name, detail: describeJsonError(body) }),
      { hint: notTheState(), cause },
    );
  }
  checkDepth(value, name);
  const located = locate(value, name);
  const gate = checkVersion(
    located.version,
    located.features,
    located.deployment !== undefined,
    located.shape === "bare" && located.version !== undefined,
  );
  const style = detectStyle(body, bom, source !== undefined);
  return {
    ...located,
    style,
    writable: gate.writable,
    warnings: gate.warnings.map((w) => `${name}: ${w}`),
    source,
    original: { text: body, root: located.root },
  };
}

/** The layout of the text read, inferred from its first lines and the escapes it uses. */
function detectStyle(body: string, bom: boolean, gzip: boolean): TextStyle {
  let indent = "";
  const firstNewline = body.indexOf("\n");
  if (firstNewline >= 0 && firstNewline < body.trimEnd().length) {
    let end = firstNewline + 1;
    while (end < body.length && (body[end] === " " || body[end] === "\t")) end++;
    indent = body.slice(firstNewline + 1, end);
  }
  // Pulumi's engine writes `<`, `>` and `&` raw (since v3.39); `pulumi state` commands and Pulumi
  // before v3.39 wrote them as \u003c, \u003e, \u0026. Keep whichever the file uses.
  const hasHtmlEscapes = hasHtmlEscape(body);
  const hasRawHtml = body.includes("<") || body.includes(">") || body.includes("&");
  const hasRawSeparators = body.includes("\u2028") || body.includes("\u2029");
  return {
    gzip,
    indent,
    escapeHtml: hasHtmlEscapes && !hasRawHtml,
    escapeLineSeparators: !hasRawSeparators,
    trailingNewline: body.endsWith("\n"),
    bom,
  };
}

/** Whether the text has `\\u003c`, `\\u003e` or `\\u0026` (any case): one fast search, not a regular expression. */
function hasHtmlEscape(body: string): boolean {
  for (let at = body.indexOf("\\u00"); at >= 0; at = body.indexOf("\\u00", at + 1)) {
    const code = body.slice(at + 4, at + 6).toLowerCase();
    if (code === "3c" || code === "3e" || code === "26") return true;
  }
  return false;
}

/**
 * The document as text, in the style it was read in, known keys in Pulumi's order. A file whose layout
 * is not one style throughout (laid out by hand) keeps the original text of every object and list that
 * was not changed; only what changed is laid out again, in the style of what it replaces.
 */
export function stringifyState(doc: StateDocument): string {
  return stringifyStateChunks(doc).join("");
}

/**
 * `stringifyState` as consecutive pieces of text (their concatenation is the text), so a large state is
 * encoded without building one string of it first.
 */
export function stringifyStateChunks(doc: StateDocument): string[] {
  const text = doc.original?.text ?? "";
  return stringifyStatePieces(doc).map((p) => (typeof p === "string" ? p : text.slice(p.start, p.end)));
}

/**
 * `stringifyState` as consecutive pieces: new text, or a stretch of the text read (`doc.original.text`),
 * which can be written as the very bytes it was read from. Checking that the text read is in the one
 * style lays out each resource read and compares it with the text in place; then every resource the
 * edit did not touch is written as the very text read (runs of them as one stretch), and only the
 * others are laid out.
 */
export function stringifyStatePieces(doc: StateDocument): Piece[] {
  const original = doc.original;
  let read: ReadLayout | undefined;
  if (original !== undefined) {
    let uniform = UNIFORM.get(original.root);
    if (uniform === undefined) {
      read = readLayout(doc, original);
      uniform = read !== undefined;
      UNIFORM.set(original.root, uniform);
    }
    if (!uniform) {
      const spliced = spliceText({
        text: original.text,
        originalRoot: original.root,
        root: doc.root,
        ordered: orderRoot(doc),
        primitive: (v) => escapeText(JSON.stringify(v), doc.style),
        unit: doc.style.indent,
      });
      if (spliced !== undefined) return [doc.style.bom ? "\uFEFF" + spliced : spliced];
    }
  }
  return collect(doc, read);
}

/** Whether the text read is exactly what the one-style writer makes of it (what Pulumi and SST write). */
const UNIFORM = new WeakMap<object, boolean>();

/**
 * Refuses a document whose version or features this stateward does not know: writing it could drop what
 * a newer Pulumi relies on.
 */
export function assertWritableVersion(doc: StateDocument): void {
  if (!doc.writable) {
    throw new StateFormatError(t("state.codec.unknownVersion", { gate: describeGate(doc) }), {
      hint: t("state.codec.unknownVersionHint"),
    });
  }
}

function describeGate(doc: StateDocument): string {
  return doc.features.length > 0
    ? t("state.codec.gateFeatures", { version: String(doc.version), features: items(doc.features) })
    : t("state.codec.gate", { version: String(doc.version) });
}

/** The checkpoint object of a versioned or bare document (undefined for an export). */
export function checkpointOf(doc: StateDocument): CheckpointV3 | undefined {
  if (doc.shape === "versioned") return doc.root.checkpoint as CheckpointV3;
  if (doc.shape === "bare") return doc.root as unknown as CheckpointV3;
  return undefined;
}

/** A new document with `deployment` in place of the old one; everything else is shared. */
export function withDeployment(doc: StateDocument, deployment: DeploymentV3): StateDocument {
  let root: Record<string, unknown>;
  switch (doc.shape) {
    case "versioned": {
      const checkpoint = doc.root.checkpoint as Record<string, unknown>;
      root = { ...doc.root, checkpoint: setKey(checkpoint, "latest", deployment) };
      break;
    }
    case "export":
      root = setKey(doc.root, "deployment", deployment);
      break;
    case "bare":
      root = setKey(doc.root, "latest", deployment);
      break;
  }
  return { ...doc, root, deployment };
}

/** Sets a key, keeping its position when it exists (new keys are placed by the serializer's order). */
function setKey(
  obj: Readonly<Record<string, unknown>>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  return { ...obj, [key]: value };
}

export function resourcesOf(doc: { deployment: DeploymentV3 | undefined }): ResourceV3[] {
  return doc.deployment?.resources ?? [];
}

export function pendingOperationsOf(doc: { deployment: DeploymentV3 | undefined }): PendingOperationV2[] {
  return doc.deployment?.pending_operations ?? [];
}

export type { JsonObject };
